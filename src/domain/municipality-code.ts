/**
 * 全国地方公共団体コード (local government code, JIS X 0402): 2-digit prefecture + 3-digit
 * municipality + 1 検査数字 (check digit). 千歳市 = 01224 + 6 = "012246".
 */

const WEIGHTS = [6, 5, 4, 3, 2] as const;

/** Check digit of a 5-digit code: "01224" → 6. Weights 6,5,4,3,2; r = sum mod 11; check = (11 − r) mod 10. */
export function municipalityCheckDigit(code5: string): number {
  if (typeof code5 !== "string" || !/^[0-9]{5}$/.test(code5)) {
    throw new RangeError(`団体コードの本体は半角数字5桁で指定してください: 「${String(code5)}」`);
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
 */
export function normalizeMunicipalityCode(input: string): string {
  if (typeof input !== "string") throw new TypeError(`団体コードは文字列で指定してください: ${String(input)}`);
  // Only ０–９ are folded; NFKC would also turn ① etc. into digits, which no code list uses.
  const text = input.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
  if (/^[0-9]{5}$/.test(text)) return text + String(municipalityCheckDigit(text));
  if (!/^[0-9]{6}$/.test(text)) {
    throw new RangeError(`団体コードは数字6桁(または検査数字を除いた5桁)で指定してください: 「${input}」`);
  }
  const expected = text.slice(0, 5) + String(municipalityCheckDigit(text.slice(0, 5)));
  if (expected !== text) {
    throw new RangeError(`団体コード「${text}」の検査数字が正しくありません (正しくは ${expected})`);
  }
  return text;
}

/** 都道府県コード (prefecture code): the first two digits, "012246" → "01". */
export function prefectureCodeOf(code6: string): string {
  if (!isValidMunicipalityCode(code6)) {
    throw new RangeError(`正しい団体コード(数字6桁)ではありません: 「${String(code6)}」`);
  }
  return code6.slice(0, 2);
}
