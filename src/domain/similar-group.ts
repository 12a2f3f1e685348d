/**
 * 類似団体 (similar municipalities): MIC groups municipalities by population and industrial structure.
 * 一般市 fall into 16 types (I-0 … IV-3), 町村 into 15 (I-0 … V-2); 指定都市, 中核市, 施行時特例市 and 特別区
 * are one group each. MIC's own files write codes as 「Ⅱ－３」; we normalise to ASCII "II-3".
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

export interface ClassificationInput {
  kind: MunicipalityKind;
  /** 住民基本台帳人口 */
  population: number;
  /** 第2次産業就業者比率 (%) */
  secondaryPercent: number;
  /** 第3次産業就業者比率 (%) */
  tertiaryPercent: number;
}

const ROMAN = ["I", "II", "III", "IV", "V"] as const;

// Sums of percentages such as 25.1 + 64.9 must compare as 90, not 89.99999999999999.
const exact = (x: number) => Math.round(x * 1e9) / 1e9;

function requirePercent(value: number, label: string): void {
  if (!Number.isFinite(value) || value < 0 || value > 100) throw new RangeError(`${label}は0～100の数で指定してください: ${value}`);
}

/** "II-3" for a 一般市 of 97,999 people with 2次+3次 ≥ 90% and 3次 ≥ 65%; "指定都市" etc. for the single groups. */
export function classifySimilarGroup(input: ClassificationInput): string {
  if (input.kind !== "city" && input.kind !== "town") {
    const name = SINGLE_GROUPS[input.kind];
    if (!name) throw new RangeError(`団体区分が不正です: ${String(input.kind)}`);
    return name;
  }
  if (!Number.isInteger(input.population) || input.population < 0) throw new RangeError(`人口は0以上の整数で指定してください: ${input.population}`);
  requirePercent(input.secondaryPercent, "第2次産業の比率");
  requirePercent(input.tertiaryPercent, "第3次産業の比率");
  const industrial = exact(input.secondaryPercent + input.tertiaryPercent);
  if (industrial > 100) throw new RangeError(`第2次と第3次産業の比率の合計が100%を超えています: ${industrial}`);
  const tertiary = exact(input.tertiaryPercent);
  const p = input.population;
  if (input.kind === "city") {
    const band = p < 50_000 ? 0 : p < 100_000 ? 1 : p < 150_000 ? 2 : 3;
    const digit = industrial >= 90 ? (tertiary >= 65 ? 3 : 2) : tertiary >= 55 ? 1 : 0;
    return `${ROMAN[band]}-${digit}`;
  }
  const band = p < 5_000 ? 0 : p < 10_000 ? 1 : p < 15_000 ? 2 : p < 20_000 ? 3 : 4;
  const digit = industrial >= 80 ? (tertiary >= 60 ? 2 : 1) : 0;
  return `${ROMAN[band]}-${digit}`;
}

const ROMAN_CHARS: Record<string, string> = { "Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "ⅰ": "I", "ⅱ": "II", "ⅲ": "III", "ⅳ": "IV", "ⅴ": "V" };
const VALID = new Set([...["I", "II", "III", "IV"].flatMap((r) => [0, 1, 2, 3].map((d) => `${r}-${d}`)), "V-0", "V-1", "V-2"]);

/** "Ⅱ－３", "Ⅱ-3", "II-3", "ii－3" → "II-3". Throws RangeError for anything that is not a 一般市 or 町村 type. */
export function normalizeGroupCode(code: string): string {
  if (typeof code !== "string") throw new RangeError(`類型コードが読めません: ${String(code)}`);
  let text = code.trim();
  for (const [from, to] of Object.entries(ROMAN_CHARS)) text = text.split(from).join(to);
  text = text
    .normalize("NFKC")
    .replace(/[‐‑‒–—―−ーｰ－]/g, "-")
    .replace(/\s+/g, "")
    .toUpperCase();
  const match = /^(I{1,3}|IV|V)-?([0-3])$/.exec(text);
  const normalized = match ? `${match[1]}-${match[2]}` : "";
  if (!VALID.has(normalized)) throw new RangeError(`類型コードが読めません: 「${code}」(例: II-3、Ⅱ－３)`);
  return normalized;
}

/** Describes a type in words: "II-3" (一般市) → 人口5万以上10万未満、2次・3次90%以上かつ3次65%以上. */
export function describeGroup(code: string, kind: "city" | "town"): string {
  const [roman, digitText] = normalizeGroupCode(code).split("-");
  const band = ROMAN.indexOf((roman ?? "") as (typeof ROMAN)[number]);
  const digit = Number(digitText);
  if (kind === "city") {
    const bands = ["5万未満", "5万以上10万未満", "10万以上15万未満", "15万以上"];
    const digits = ["2次・3次90%未満かつ3次55%未満", "2次・3次90%未満かつ3次55%以上", "2次・3次90%以上かつ3次65%未満", "2次・3次90%以上かつ3次65%以上"];
    if (band > 3 || digit > 3) throw new RangeError(`一般市の類型ではありません: ${code}`);
    return `人口${bands[band]}、${digits[digit]}`;
  }
  const bands = ["5千未満", "5千以上1万未満", "1万以上1万5千未満", "1万5千以上2万未満", "2万以上"];
  const digits = ["2次・3次80%未満", "2次・3次80%以上かつ3次60%未満", "2次・3次80%以上かつ3次60%以上"];
  if (digit > 2) throw new RangeError(`町村の類型ではありません: ${code}`);
  return `人口${bands[band]}、${digits[digit]}`;
}
