import { prefectureByCode } from "./prefecture.js";
import { GyokakuError } from "./errors.js";

/**
 * 全国地方公共団体コード (local government code, JIS X 0402): 2-digit prefecture + 3-digit
 * municipality + 1 検査数字 (check digit). 千歳市 = 01224 + 6 = "012246".
 */

const WEIGHTS = [6, 5, 4, 3, 2] as const;

/**
 * Check digit of a 5-digit code: "01224" → 6. Weights 6,5,4,3,2; r = sum mod 11; check = (11 − r) mod 10.
 * @throws GyokakuError("invalid_input") quoting the value when it is not 5 ASCII digits.
 */
export function municipalityCheckDigit(code5: string): number {
  if (typeof code5 !== "string" || !/^[0-9]{5}$/.test(code5)) {
    throw new GyokakuError("invalid_input", `団体コードの本体は半角数字5桁で指定してください: 「${String(code5)}」`);
  }
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += weight * Number(code5[i]);
  });
  return (11 - (sum % 11)) % 10;
}

/** True for 6 ASCII digits whose last digit is the right check digit. Never throws. */
export function isValidMunicipalityCode(code6: string): boolean {
  if (typeof code6 !== "string" || !/^[0-9]{6}$/.test(code6)) return false;
  return municipalityCheckDigit(code6.slice(0, 5)) === Number(code6[5]);
}

/**
 * Canonical 6-digit code from what people type or paste: full-width digits and surrounding spaces
 * are accepted, and a 5-digit code (as some lists print it) gets its check digit appended.
 * A wrong check digit is an error, not silently corrected: it usually means a typo elsewhere in the code.
 * @throws GyokakuError("invalid_input") quoting the input when it is not 5 or 6 digits or the check digit is wrong.
 */
export function normalizeMunicipalityCode(input: string): string {
  // The type says string, but a caller may hand on an untyped value (a JSON field, a cell read as a number): the data's
  // fault, refused like any malformed code.
  if (typeof input !== "string") throw new GyokakuError("invalid_input", `団体コードは文字列で指定してください: ${String(input)}`);
  // Only ０–９ are folded; NFKC would also turn ① etc. into digits, which no code list uses.
  const text = input.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
  if (/^[0-9]{5}$/.test(text)) return text + String(municipalityCheckDigit(text));
  if (!/^[0-9]{6}$/.test(text)) {
    throw new GyokakuError("invalid_input", `団体コードは数字6桁(または検査数字を除いた5桁)で指定してください: 「${input}」`);
  }
  const expected = text.slice(0, 5) + String(municipalityCheckDigit(text.slice(0, 5)));
  if (expected !== text) {
    throw new GyokakuError("invalid_input", `団体コード「${text}」の検査数字が正しくありません (正しくは ${expected})`);
  }
  return text;
}

/** 都道府県コード (prefecture code): the first two digits, "012246" → "01". @throws GyokakuError("invalid_input") for an invalid code. */
export function prefectureCodeOf(code6: string): string {
  if (!isValidMunicipalityCode(code6)) {
    throw new GyokakuError("invalid_input", `正しい団体コード(数字6桁)ではありません: 「${String(code6)}」`);
  }
  return code6.slice(0, 2);
}

// ---------------------------------------------------------------------------
// 団体コード as rows of published tables write them (field case E)

/** What a row says besides its code: the name, the prefecture code ("01") and codes already known by name. */
export interface CodeRowContext {
  /** 団体名 in the same row (「千歳市」). */
  name?: string;
  /** 都道府県コード the row or its table names (a 都道府県 column, or 「道内」 in the title). */
  prefectureCode?: string;
  /** 団体コード → 団体名 already known (the own municipality, earlier rosters): a code must name the same body. */
  known?: ReadonlyMap<string, string>;
}

/** The code read, with a note for the preview when it was repaired; or the reason it is refused. */
export type CodeReading = { ok: true; code: string; note?: string } | { ok: false; reason: string };

function compactName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "");
}

/**
 * A 団体コード from a row of a published table, cross-checked with the row's name and prefecture. Six digits
 * must carry the right check digit. Five digits are either a code printed without its check digit (122467 as
 * 12246) or a six-digit code whose leading 0 a spreadsheet dropped (012246 as 12246: every code of 北海道 …
 * 栃木県 starts with 0). Both readings are tried; those that disagree with the row's prefecture or with a known
 * code's name are dropped. One left: accepted (with a note when the 0 was restored). None or two: refused with
 * the reason — a different municipality is never stored silently. Pure; never throws.
 */
export function readMunicipalityCodeInRow(raw: string, context: CodeRowContext = {}): CodeReading {
  const text = String(raw).trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
  const prefName = (code: string) => prefectureByCode(code.slice(0, 2))?.name ?? `都道府県コード${code.slice(0, 2)}`;
  const name = context.name === undefined || context.name.trim() === "" ? undefined : compactName(context.name);
  /** Why a valid candidate does not fit the row, or null when it fits. */
  const misfit = (code: string): string | null => {
    if (context.prefectureCode !== undefined && code.slice(0, 2) !== context.prefectureCode) return `${prefName(code)}のコードで、${prefName(context.prefectureCode)}ではありません`;
    const knownName = context.known?.get(code);
    if (knownName !== undefined && name !== undefined && compactName(knownName) !== name) return `「${knownName}」のコードで、「${context.name}」ではありません`;
    if (name !== undefined && context.known) {
      for (const [other, otherName] of context.known) if (other !== code && compactName(otherName) === name && other.slice(0, 2) === code.slice(0, 2)) return `「${context.name}」のコードは ${other} です`;
    }
    return null;
  };
  if (/^[0-9]{6}$/.test(text)) {
    const expected = text.slice(0, 5) + String(municipalityCheckDigit(text.slice(0, 5)));
    if (expected !== text) return { ok: false, reason: `団体コード「${text}」の検査数字が正しくありません (正しくは ${expected})` };
    const why = misfit(text);
    return why === null ? { ok: true, code: text } : { ok: false, reason: `団体コード ${text} は${why}` };
  }
  if (!/^[0-9]{5}$/.test(text)) return { ok: false, reason: `団体コードは数字6桁(または検査数字を除いた5桁)で指定してください: 「${raw}」` };
  const withoutCheck = text + String(municipalityCheckDigit(text));
  const zeroDropped = `0${text}`;
  const candidates = [
    { code: zeroDropped, how: "先頭の0が落ちた6桁" },
    { code: withoutCheck, how: "検査数字を除いた5桁" },
  ].filter((c) => isValidMunicipalityCode(c.code) && prefectureByCodeKnown(c.code));
  const fitting = candidates.filter((c) => misfit(c.code) === null);
  const only = fitting.length === 1 ? fitting[0] : undefined;
  if (only) {
    if (only.code === withoutCheck) return { ok: true, code: only.code };
    return { ok: true, code: only.code, note: `団体コード「${text}」は先頭の0が落ちたものとみなし、${only.code} (${prefName(only.code)}${context.name ? `・${context.name}` : ""}) と読みました` };
  }
  const readings = candidates.map((c) => `${c.code} (${prefName(c.code)}、${c.how})とも`).join("、");
  if (fitting.length === 0) {
    const reasons = candidates.map((c) => `${c.code} は${misfit(c.code) ?? ""}`).join("。");
    return { ok: false, reason: `団体コード「${text}」に合う団体がありません: ${reasons}。6桁の団体コードで書いてください` };
  }
  return {
    ok: false,
    reason: `団体コード「${text}」は ${readings}読めるため、どちらか決められません。6桁の団体コードで書くか、都道府県名の列を加えてください`,
  };
}

/** Prefecture codes are 01 … 47. */
function prefectureByCodeKnown(code6: string): boolean {
  const p = Number(code6.slice(0, 2));
  return p >= 1 && p <= 47;
}
