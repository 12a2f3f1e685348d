import { formatFiscalYear } from "./era.js";
import { GyokakuError } from "./errors.js";
import { codesOf, digitMatches, kindSchemeForYear, schemeForYear, type SimilarGroupScheme } from "./similar-group-schemes.js";

/**
 * 類似団体 (similar municipalities): MIC groups municipalities by population and industrial structure.
 * 一般市 fall into 16 types (I-0 … IV-3), 町村 into 15 (I-0 … V-2); 指定都市, 中核市, 施行時特例市 and 特別区
 * are one group each. MIC's own files write codes as 「Ⅱ－３」; we normalise to ASCII "II-3". The bands and shares of each
 * type belong to a scheme with the fiscal years it applies to (similar-group-schemes.ts); every function here takes the year.
 */

export type MunicipalityKind = "city" | "town" | "designated" | "core" | "former-special" | "ward";

/** Every kind, in the order forms list them (一般市, 町村, 指定都市, 中核市, 特例市, 特別区). */
export const MUNICIPALITY_KINDS: readonly MunicipalityKind[] = ["city", "town", "designated", "core", "former-special", "ward"];

/** True when `value` is one of MUNICIPALITY_KINDS (a stored or typed kind is checked before use). */
export function isMunicipalityKind(value: string): value is MunicipalityKind {
  return (MUNICIPALITY_KINDS as readonly string[]).includes(value);
}

/** The single-group kinds and the names MIC gives them. */
export const SINGLE_GROUPS: Record<Exclude<MunicipalityKind, "city" | "town">, string> = {
  designated: "指定都市",
  core: "中核市",
  "former-special": "施行時特例市",
  ward: "特別区",
};

/**
 * What MIC classifies a municipality by (類似団体区分): its kind, 住民基本台帳人口 (人) and the shares of
 * 第2次・第3次産業就業者 (%, 国勢調査). classifySimilarGroup reads the bands of the scheme in force that fiscal year.
 */
export interface ClassificationInput {
  kind: MunicipalityKind;
  /** 住民基本台帳人口 (人) */
  population: number;
  /** 第2次産業就業者比率 (%) */
  secondaryPercent: number;
  /** 第3次産業就業者比率 (%) */
  tertiaryPercent: number;
}

// Sums of percentages such as 25.1 + 64.9 must compare as 90, not 89.99999999999999.
const exact = (x: number) => Math.round(x * 1e9) / 1e9;

function requirePercent(value: number, label: string): void {
  if (!Number.isFinite(value) || value < 0 || value > 100) throw new GyokakuError("invalid_input", `${label}は0～100の数で指定してください: ${value}`);
}

/**
 * The type of a municipality in the scheme of `fiscalYear` (today's scheme without a year): "II-3" for a 一般市 of 97,999
 * people with 2次+3次 ≥ 90% and 3次 ≥ 65%; "指定都市" etc. for the single groups. Thresholds: similar-group-schemes.ts.
 * @throws GyokakuError("invalid_input") with a Japanese message on impossible inputs, or when the year has no registered scheme for the kind.
 */
export function classifySimilarGroup(input: ClassificationInput, fiscalYear?: number | null): string {
  if (input.kind !== "city" && input.kind !== "town") {
    const name = SINGLE_GROUPS[input.kind];
    if (!name) throw new GyokakuError("invalid_input", `団体区分が不正です: ${String(input.kind)}`);
    return name;
  }
  if (!Number.isInteger(input.population) || input.population < 0) throw new GyokakuError("invalid_input", `人口は0以上の整数で指定してください: ${input.population}`);
  requirePercent(input.secondaryPercent, "第2次産業の比率");
  requirePercent(input.tertiaryPercent, "第3次産業の比率");
  const industrial = exact(input.secondaryPercent + input.tertiaryPercent);
  if (industrial > 100) throw new GyokakuError("invalid_input", `第2次と第3次産業の比率の合計が100%を超えています: ${industrial}`);
  const tertiary = exact(input.tertiaryPercent);
  const { table } = kindSchemeForYear(input.kind, fiscalYear);
  const p = input.population;
  const band = table.bands.find((b) => p >= b.min && (b.below === null || p < b.below));
  const digit = table.digits.find((d) => digitMatches(d, industrial, tertiary));
  // An internal invariant, not an input check: the tables cover every population and every share pair the checks above
  // let through, so this fails only on a broken table (a plain Error: a bug, a 500; domain-errors.test.ts allows it).
  if (!band || !digit) throw new Error(`類型表に当てはまりません: 人口${p}、2次・3次${industrial}%、3次${tertiary}%`);
  return `${band.roman}-${digit.digit}`;
}

const ROMAN_CHARS: Record<string, string> = { "Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "Ⅵ": "VI", "ⅰ": "I", "ⅱ": "II", "ⅲ": "III", "ⅳ": "IV", "ⅴ": "V", "ⅵ": "VI" };

/** "Ⅱ－３", "Ⅱ-3", "II-3", "ii－3", "０－５" → "II-3" / "0-5" (spelling only; whether the code exists is the scheme's question). */
function spellGroupCode(code: string): string | null {
  let text = code.trim();
  for (const [from, to] of Object.entries(ROMAN_CHARS)) text = text.split(from).join(to);
  text = text
    .normalize("NFKC")
    .replace(/[‐‑‒–—―−ーｰ－]/g, "-")
    .replace(/\s+/g, "")
    .toUpperCase();
  const match = /^(0|I{1,3}|IV|VI?|VII)-?([0-9])$/.exec(text);
  return match ? `${match[1]}-${match[2]}` : null;
}

/** True when `code` ("II-3") is a type of `kind` in the scheme of `fiscalYear` (today's without a year). */
export function groupCodeExists(code: string, kind: "city" | "town", fiscalYear?: number | null): boolean {
  try {
    const { table } = kindSchemeForYear(kind, fiscalYear);
    return codesOf(table).includes(code);
  } catch {
    return false;
  }
}

/**
 * "Ⅱ－３", "Ⅱ-3", "II-3", "ii－3" → "II-3", checked against the scheme of `fiscalYear` (today's without a year): the code must
 * be a 一般市 or a 町村 type of that scheme.
 * @throws GyokakuError("invalid_input") with a Japanese message naming the scheme and year when the code is unreadable or does not exist in that year's scheme.
 */
export function normalizeGroupCode(code: string, fiscalYear?: number | null): string {
  // The type says string, but a stored key or a JSON field may hand on another value: the data's fault.
  if (typeof code !== "string") throw new GyokakuError("invalid_input", `類型コードが読めません: ${String(code)}`);
  const spelled = spellGroupCode(code);
  if (spelled === null) throw new GyokakuError("invalid_input", `類型コードが読めません: 「${code}」(例: II-3、Ⅱ－３)`);
  const scheme = schemeForYear(fiscalYear);
  const known = [scheme.city, scheme.town].some((table) => table !== null && codesOf(table).includes(spelled));
  if (!known) throw new GyokakuError("invalid_input", notInScheme(code, scheme, fiscalYear));
  return spelled;
}

function notInScheme(code: string, scheme: SimilarGroupScheme, fiscalYear?: number | null): string {
  return `類型「${code}」は${schemeInWords(scheme, fiscalYear)}にありません`;
}

/** 「令和2年度(2020年度)に適用される現行の類型(一般市16類型・町村15類型)」, or the scheme's name alone without a year (for messages). */
export function schemeInWords(scheme: SimilarGroupScheme, fiscalYear?: number | null): string {
  const year = fiscalYear === undefined || fiscalYear === null ? "" : `${formatFiscalYear(fiscalYear)}に適用される`;
  return `${year}${scheme.name}`;
}

/**
 * Describes a type in words with the scheme of `fiscalYear` (today's without a year): "II-3" (一般市) →
 * 「人口5万以上10万未満、2次・3次90%以上かつ3次65%以上」.
 * @throws GyokakuError("invalid_input") with a Japanese message when the code is not a type of that kind in that year's scheme.
 */
export function describeGroup(code: string, kind: "city" | "town", fiscalYear?: number | null): string {
  const spelled = spellGroupCode(code);
  const { scheme, table } = kindSchemeForYear(kind, fiscalYear);
  const [roman, digitText] = (spelled ?? "").split("-");
  const band = table.bands.find((b) => b.roman === roman);
  const digit = table.digits.find((d) => String(d.digit) === digitText);
  if (!band || !digit) throw new GyokakuError("invalid_input", `${kind === "city" ? "一般市" : "町村"}の${notInScheme(code, scheme, fiscalYear)}`);
  return `人口${band.text}、${digit.text}`;
}
