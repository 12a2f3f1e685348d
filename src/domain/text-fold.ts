/**
 * Folding look-alike characters before anything is parsed (numbers, codes, dates, labels). Files reach gyokaku
 * through converters that map Shift_JIS differently: CP932 (Windows) turns Excel's 「－」 into U+FF0D and 「～」 into
 * U+FF5E, JIS X 0208 mappings (iconv, Java, many web tools) into U+2212 and U+301C, and 「‖」 into U+2225 or U+2016.
 * Typists add full-width digits and spaces, dashes of every length and 「ー」 (the katakana long mark) for minus.
 * One pure function folds what is the same character to a reader; the number form adds the signs tables print.
 */

// Dashes read as the hyphen-minus: U+2010–2015 (hyphen … horizontal bar), U+2212 minus sign, U+FE63 small
// hyphen-minus, U+FF0D full-width hyphen-minus (NFKC already folds the last two, listed for clarity).
const DASHES = /[\u2010-\u2015\u2212\uFE63\uFF0D]/g;
// Wave dash U+301C and full-width tilde U+FF5E (NFKC makes it "~"): one 〜.
const WAVES = /[~\u301C\uFF5E]/g;
// Double vertical line U+2016 and parallel-to U+2225: one ‖.
const DOUBLE_BARS = /[\u2016\u2225]/g;

/**
 * Text with look-alikes folded: NFKC (full-width digits, letters, brackets and the ideographic space become their
 * plain forms), every dash and minus → "-", 〜/～/~ → 〜, ‖/∥ → ‖. Idempotent; never throws (any string).
 * Used on labels, codes, dates and numbers alike; it does not remove spaces (callers compare with or without).
 */
export function foldLookalikes(text: string): string {
  return text.normalize("NFKC").replace(DASHES, "-").replace(WAVES, "〜").replace(DOUBLE_BARS, "‖");
}

/**
 * A number cell's text with the signs Japanese tables print folded to "-": 「▲」「△」 (MIC's minus), 「ー」 (U+30FC)
 * and 「マイナス」 before digits, and a 「ー」 standing alone (MIC's "none", like 「－」). Spaces are removed.
 * 「▲1,234」 → "-1,234", 「−10」 → "-10", 「１２」 → "12". Idempotent; never throws.
 */
export function foldNumberText(text: string): string {
  return foldLookalikes(text)
    .replace(/\s+/g, "")
    .replace(/^(?:[▲△]|マイナス|ー)(?=[\d.,])/, "-")
    .replace(/^ー$/, "-");
}
