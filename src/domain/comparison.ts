/**
 * 類似団体比較 (comparison with similar municipalities): the rows of MIC's 定員管理診断表 (seed 図表10) with
 * their subtotals, the keys of similar groups, and how MIC's files spell both.
 *
 * Group keys: a 一般市 type and a 町村 type can share a code (一般市 II-1 and 町村 II-1 are different groups),
 * so a key carries the kind: "city:II-3", "town:II-1"; the single groups are their kind alone ("designated").
 */
import { fiscalYearOf, formatFiscalYear } from "./era.js";
import { GyokakuError, isGyokakuError } from "./errors.js";
import { foldLookalikes } from "./text-fold.js";
import { readCalendarDate } from "./year-header.js";
import { groupCodeExists, type MunicipalityKind, normalizeGroupCode, schemeInWords, SINGLE_GROUPS } from "./similar-group.js";
import { kindSchemeForYear, schemeForYear } from "./similar-group-schemes.js";
import { SECTORS } from "./sector.js";
import { isNestedSubtotal, NESTED_SUBTOTAL_PARTS, type NestedSubtotalCode, SUBTOTAL_PARTS, sectorLabelCode } from "./sector-labels.js";

// ---------------------------------------------------------------------------
// Sectors and their subtotals

/** Code of a subtotal row of 図表10: 一般行政計 (ippan), 普通会計計 (futsu), 公営企業等会計 (kigyo), 合計 (gokei). */
export type TotalCode = "ippan" | "futsu" | "kigyo" | "gokei";

/**
 * One row of MIC's 定員管理診断表 (seed 図表10): a sector or a subtotal, by comparison code (SECTORS' codes and TotalCode).
 */
export interface ComparisonRow {
  code: string;
  /** As 図表10 prints it. */
  name: string;
  /** A subtotal, diagnosed from its own averages (never by adding rounded rows). */
  total: boolean;
  /** Compared with the similar group (普通会計 and its parts); 公営企業等会計 rows show actual staff only. */
  compared: boolean;
  /** For a subtotal, the sectors it adds up. */
  parts: readonly string[];
}

/** 一般行政 = 議会 … 衛生; 普通会計 = 一般行政 + 教育 + 消防; 公営企業等会計 = 病院 … その他; 合計 = all (sector-labels.ts). */
export const TOTAL_PARTS: Record<TotalCode, readonly string[]> = SUBTOTAL_PARTS;

/** The subtotals' names as 図表10 prints them. */
export const TOTAL_NAMES: Record<TotalCode, string> = { ippan: "一般行政計", futsu: "普通会計計", kigyo: "公営企業等会計", gokei: "合計" };

/** True when `code` is a subtotal of 図表10 (a TotalCode). Never throws. */
export function isTotalCode(code: string): code is TotalCode {
  return code in TOTAL_NAMES;
}

/** The seed's row order of 図表10: 一般行政 (福祉関係を除く, then 民生・衛生 are placed after 税務), 教育, 消防, then 公営企業等. */
const DIAGNOSIS_ORDER = [
  "gikai", "somu", "zeimu", "minsei", "eisei", "rodo", "norin", "shoko", "doboku", "ippan",
  "kyoiku", "shobo", "futsu", "byoin", "suido", "gesuido", "kotsu", "sonota", "kigyo", "gokei",
] as const;

/**
 * The rows of 図表10 in the seed's order, subtotals after their parts; only 普通会計 and its parts are compared with
 * the similar group; 公営企業等会計 rows show actual staff only, as the seed prints them.
 */
export const DIAGNOSIS_ROWS: readonly ComparisonRow[] = DIAGNOSIS_ORDER.map((code) => {
  if (isTotalCode(code)) return { code, name: TOTAL_NAMES[code], total: true, compared: code === "ippan" || code === "futsu", parts: TOTAL_PARTS[code] };
  const sector = SECTORS.find((s) => s.code === code);
  // An internal invariant checked once when the module loads (DIAGNOSIS_ORDER names only SECTORS' codes): a plain Error,
  // a bug; domain-errors.test.ts allows it.
  if (!sector) throw new Error(`unknown sector ${code}`);
  return { code, name: sector.name, total: false, compared: sector.account === "普通会計", parts: [] };
});

/** Every code a comparison figure can carry: the 16 sectors and the 4 subtotals. */
export const COMPARISON_CODES: readonly string[] = DIAGNOSIS_ROWS.map((r) => r.code);

/** Sectors compared with the group, in 図表10 order (議会 … 普通会計計). */
export const COMPARED_CODES: readonly string[] = DIAGNOSIS_ROWS.filter((r) => r.compared).map((r) => r.code);

/** The 図表10 row of a comparison code; undefined for an unknown code. Never throws. */
export function comparisonRowOf(code: string): ComparisonRow | undefined {
  return DIAGNOSIS_ROWS.find((r) => r.code === code);
}

/** The name 図表10 prints for a comparison code (「総務・企画」, 「一般行政計」); the code itself when unknown. Never throws. */
export function comparisonName(code: string): string {
  return comparisonRowOf(code)?.name ?? code;
}

/**
 * A sector or subtotal as MIC and the seed write it: 「総 務 ・ 企 画」「総務」「下水」「教育部門」「一般行政計」
 * 「普通会計計」「公営企業等会計」「合計」, full-width or not (the vocabulary is sector-labels.ts). A bare 「計」 or
 * 「小計」 outside a column of rows is read as 合計; in a table use SubtotalReader, which reads them by position.
 * Undefined when it is none of them.
 */
export function comparisonCodeByName(label: string): string | undefined {
  const code = sectorLabelCode(label);
  // 特別行政計 is no comparison code: gyokaku keeps 教育 and 消防, not their sum.
  if (code !== undefined && isNestedSubtotal(code)) return undefined;
  return code === "positional" ? "gokei" : code;
}

/** 職員数 (人) by comparison code, as a Map or a record; a missing or null entry is unknown. */
export type StaffByCode = ReadonlyMap<string, number | null> | Readonly<Record<string, number | null | undefined>>;

function staffAt(staff: StaffByCode, code: string): number | null {
  const value = staff instanceof Map ? staff.get(code) : (staff as Record<string, number | null | undefined>)[code];
  return value ?? null;
}

/** Staff of a subtotal from its parts, when the file gave the parts but not the total; null when no part is known. */
export function sumOfParts(code: TotalCode, staff: StaffByCode): number | null {
  let sum: number | null = null;
  for (const part of TOTAL_PARTS[code]) {
    const value = staffAt(staff, part);
    if (value !== null) sum = (sum ?? 0) + value;
  }
  return sum;
}

/**
 * 職員数 (人) of a nested subtotal gyokaku keeps no figure of (特別行政計 = 教育 + 消防, domain/sector-labels.ts
 * NESTED_SUBTOTAL_PARTS) from its parts, a part not stated counting 0: what MIC's roster and 診断表 imports check a
 * stated 特別行政計 against. Never throws.
 */
export function nestedSubtotalSum(code: NestedSubtotalCode, staff: StaffByCode): number {
  return NESTED_SUBTOTAL_PARTS[code].reduce((total, part) => total + (staffAt(staff, part) ?? 0), 0);
}

/**
 * 職員数 (人) of a sector or subtotal: the figure stated for it; else, for a subtotal (一般行政計, 普通会計計 …), the sum
 * of its stated parts (sumOfParts); null when neither is known. The one rule behind the nationwide roster, the
 * 診断表 (図表10) and the 定員回帰指標: a stated subtotal wins over its parts (MIC's totals include sub-sectors the
 * parts may not list). Never throws.
 */
export function statedOrSumOfParts(code: string, staff: StaffByCode): number | null {
  const stated = staffAt(staff, code);
  if (stated !== null) return stated;
  return isTotalCode(code) ? sumOfParts(code, staff) : null;
}

/**
 * A stated subtotal checked against its parts: the sum of the parts (人) when it differs from the stated figure, null
 * when they agree or no part is known (a blank part is none; a caller that treats a blank part as 0 passes 0).
 * The one rule behind the "subtotal ≠ sum of parts" refusal of MIC's roster and 診断表 imports. Never throws.
 */
export function subtotalDisagreement(code: TotalCode, stated: number, parts: StaffByCode): number | null {
  const sum = sumOfParts(code, parts);
  return sum !== null && sum !== stated ? sum : null;
}

// ---------------------------------------------------------------------------
// Similar groups

/** The kind part of a similar group (一般市, 町村, or one of the single groups): a MunicipalityKind. */
export type GroupKind = MunicipalityKind;

/** A 類似団体 group (MIC): its kind and, for 一般市 and 町村, the type code in ASCII ("II-3"). */
export interface SimilarGroup {
  kind: GroupKind;
  /** "II-3" for 一般市 and 町村 types; null for the single groups. */
  code: string | null;
}

/** The Japanese name of each group kind (一般市, 町村, 指定都市 …). */
export const KIND_LABELS: Record<GroupKind, string> = { city: "一般市", town: "町村", ...SINGLE_GROUPS };

/**
 * The stored key of a group: "city:II-3", "town:II-1", or the kind alone for a single group ("designated");
 * parseGroupKey reads it back. Never throws.
 */
export function groupKey(group: SimilarGroup): string {
  return group.code === null ? group.kind : `${group.kind}:${group.code}`;
}

/**
 * "city:II-3" → { kind: "city", code: "II-3" }, the code checked against the 類型表 of `fiscalYear` (today's without a year).
 * @throws GyokakuError("invalid_input") with a Japanese message for an unknown kind or a code that is not a type in that year's scheme.
 */
export function parseGroupKey(key: string, fiscalYear?: number | null): SimilarGroup {
  const [kind, code] = key.split(":");
  if (kind === undefined || !(kind in KIND_LABELS)) throw new GyokakuError("invalid_input", `類似団体の区分が不正です: 「${key}」`);
  const k = kind as GroupKind;
  if (k === "city" || k === "town") {
    if (code === undefined) throw new GyokakuError("invalid_input", `類型がありません: 「${key}」`);
    return { kind: k, code: normalizeGroupCode(code, fiscalYear) };
  }
  return { kind: k, code: null };
}

/** "city:VI-5" → ["city", "VI-5"] without checking the code against a 類型表 (labels only; stored keys were checked when read). */
function splitGroupKey(key: string): { kind: GroupKind; code: string | null } | null {
  const [kind, code] = key.split(":");
  if (kind === undefined || !(kind in KIND_LABELS)) return null;
  return { kind: kind as GroupKind, code: code ?? null };
}

/** "city:II-3" → 「一般市 II-3」, "designated" → 「指定都市」 (a key it cannot read is shown as it is). */
export function groupLabel(key: string): string {
  const group = splitGroupKey(key);
  if (!group) return key;
  return group.code === null ? KIND_LABELS[group.kind] : `${KIND_LABELS[group.kind]} ${group.code}`;
}

/** "city:II-3" → "II-3" (the short form the seed uses in 図表8), single groups by name. */
export function groupShortLabel(key: string): string {
  const group = splitGroupKey(key);
  if (!group) return key;
  return group.code ?? KIND_LABELS[group.kind];
}

const SINGLE_SPELLINGS: [RegExp, GroupKind][] = [
  [/^(政令)?指定都市$|^政令市$/, "designated"],
  [/^中核市$/, "core"],
  [/^(施行時)?特例市$/, "former-special"],
  [/^特別区$/, "ward"],
];

/** 一般市, 町村 or 特別区 from a municipality's name (「恵庭市」「厚真町」「千代田区」); undefined when the name does not tell. */
export function kindFromName(name: string): "city" | "town" | "ward" | undefined {
  const text = name.normalize("NFKC").trim();
  if (/[町村]$/.test(text)) return "town";
  if (/市$/.test(text)) return "city";
  if (/区$/.test(text)) return "ward";
  return undefined;
}

/**
 * A group as MIC's files write it: 「Ⅱ－３」「II-3」「一般市Ⅱ－３」「町村 Ⅴ－２」「中核市」「特例市」, read with the 類型表 of
 * `fiscalYear` (today's without a year; see similar-group-schemes.ts). A bare type code is a 一般市 type unless `hint` says
 * 町村 or the code exists only among 町村 types of that scheme (today: V-x).
 * @throws GyokakuError("invalid_input") with a Japanese message when unreadable, or when the code is not a type of that kind in that year's scheme.
 */
export function readGroup(text: string, hint?: "city" | "town", fiscalYear?: number | null): string {
  const compact = text.normalize("NFKC").replace(/\s+/g, "");
  for (const [pattern, kind] of SINGLE_SPELLINGS) if (pattern.test(compact)) return kind;
  let kind: "city" | "town" | undefined = hint;
  let rest = text.trim();
  const prefix = /^\s*(一般市|都市|市|町村)\s*/.exec(rest.normalize("NFKC"));
  if (prefix) {
    kind = prefix[1] === "町村" ? "town" : "city";
    rest = rest.normalize("NFKC").slice(prefix[0].length);
  }
  const scheme = schemeForYear(fiscalYear); // throws, naming the year, when no 類型表 is registered for it
  let code: string;
  try {
    code = normalizeGroupCode(rest, fiscalYear);
  } catch (error) {
    // normalizeGroupCode refuses with invalid_input: unreadable, or not a type of the year's scheme; anything else is a bug.
    if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
    if (error.message.startsWith("類型コードが読めません")) throw new GyokakuError("invalid_input", `類型を読めません: 「${text}」(例: Ⅱ－３、II-3、町村Ⅴ－２、中核市)`);
    throw new GyokakuError("invalid_input", `類型を読めません: 「${text}」は${schemeInWords(scheme, fiscalYear)}にありません`);
  }
  if (kind === undefined) kind = groupCodeExists(code, "city", fiscalYear) ? "city" : "town";
  if (!groupCodeExists(code, kind, fiscalYear)) {
    const { table } = kindSchemeForYear(kind, fiscalYear);
    const romans = table.bands.map((b) => b.roman);
    const digits = table.digits.map((d) => d.digit).sort((a, b) => a - b);
    const within = fiscalYear === undefined || fiscalYear === null ? "" : `${formatFiscalYear(fiscalYear)}(${scheme.name})の`;
    const [roman] = code.split("-");
    throw new GyokakuError(
      "invalid_input",
      kind === "city" && !romans.includes(roman ?? "")
        ? `${within}一般市の類型は ${romans[0]}～${romans.at(-1)} です: 「${text}」`
        : `${within}${kind === "city" ? "一般市" : "町村"}の類型の産業区分は ${digits[0]}～${digits.at(-1)} です: 「${text}」`,
    );
  }
  return groupKey({ kind, code });
}

// ---------------------------------------------------------------------------
// Survey dates in headers and titles

/**
 * A survey date written inside a header or title (「R5.4.1 現 在 職 員 数」「令和6年4月1日現在」「住基人口 (R6.1.1)」
 * 「平成二十八年四月一日現在」) → the date and the fiscal year it falls in; null when the text holds no date or a date
 * that never was (see readCalendarDate in year-header.ts, which this delegates to).
 */
export function readSurveyDate(text: string): { date: string; fiscalYear: number } | null {
  const t = foldLookalikes(text).replace(/\s+/g, "");
  const found =
    /(令和|平成|昭和|大正|明治|令|平|昭|大|明|R|H|S|T|M)([元〇一二三四五六七八九十\d]{1,4})[.年/-]([〇一二三四五六七八九十\d]{1,3})[.月/-]([〇一二三四五六七八九十\d]{1,3})日?/i.exec(t) ??
    /(\d{4})[.年/-](\d{1,2})[.月/-](\d{1,2})日?/.exec(t);
  if (!found) return null;
  try {
    const date = readCalendarDate(found[0]);
    return date === null ? null : { date, fiscalYear: fiscalYearOf(date) };
  } catch {
    return null;
  }
}

/** 2024, "2024-01-01" → 「R6.1.1」, as the seed labels its columns. */
export function shortDateLabel(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined || y < 1989) return date;
  const reiwa = y - 2018;
  const heisei = y - 1988;
  const era = y > 2019 || (y === 2019 && m >= 5) ? `R${reiwa === 1 ? "元" : reiwa}` : `H${heisei}`;
  return `${era}.${m}.${d}`;
}
