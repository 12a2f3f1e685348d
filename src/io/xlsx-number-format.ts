/**
 * Excel number formats (ECMA-376 §18.8.31), as far as they change what a figure reads as. A percent format changes
 * the figure itself: it shows the value × 100 rounded to the format's decimals (0.0% on 0.111 shows 11.1), with the
 * negative section's own sign (「▲」「△」「-」 or parentheses), and is read that way. Other number formats only
 * round or decorate what is stored (MIC stores 65.53 and may show 65.5): the stored value is read, so no precision
 * is lost. Date formats are recognised so the reader can turn serials into dates.
 */

/** Sections of a format, split at ";" outside quotes and escapes. */
function sections(format: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] ?? "";
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && !quoted) {
      current += ch + (format[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === ";" && !quoted) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** The format's codes without quoted text, escapes, [colour]/[locale] brackets and the word General. */
function codes(section: string): string {
  return section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "")
    .replace(/General/gi, "");
}

/** True for formats that show a date or time: y m d h s (and 和暦's g e) outside quotes and brackets. */
export function isDateFormat(format: string): boolean {
  const c = codes(sections(format)[0] ?? "").replace(/E[+-]/gi, "");
  return /[ymdhsge]/i.test(c) || /\[[hms]+\]/i.test(c);
}

/**
 * A number as a percent-formatted cell shows it, without grouping or literal text: "0.0%;▲0.0%" on -0.3333 →
 * "▲33.3". Null for every other format (the caller writes the stored value).
 */
export function formatCellNumber(value: number, format: string): string | null {
  const parts = sections(format);
  const first = parts[0] ?? "";
  if (/^\s*(General)?\s*$/i.test(codes(first)) || codes(first).trim() === "@") return null;
  const negativeSection = value < 0 && parts.length > 1 && (parts[1] ?? "") !== "" ? parts[1] ?? "" : undefined;
  const section = value === 0 && parts.length > 2 && (parts[2] ?? "") !== "" ? parts[2] ?? "" : negativeSection ?? first;
  const c = codes(section);
  if (!/[0#?]/.test(c) || /E[+-]/i.test(c) || /\//.test(c)) return null;
  const percent = (c.match(/%/g) ?? []).length;
  if (percent === 0) return null;
  const decimalPart = /\.([0#?]*)/.exec(c);
  const decimals = decimalPart ? (decimalPart[1] ?? "").length : 0;
  const scaled = Math.abs(value) * 100 ** percent;
  let digits = scaled.toFixed(decimals);
  if (/^0\.?0*$/.test(digits)) digits = (0).toFixed(decimals);
  const isZero = Number(digits) === 0;
  if (negativeSection !== undefined) {
    // The negative section shows the absolute value with its own sign.
    const literal = section.replace(/"([^"]*)"/g, "$1").replace(/\\(.)/g, "$1");
    const sign = /[▲△]/.exec(literal)?.[0] ?? (/[-−]/.test(literal) || /\(.*[0#].*\)/.test(literal) ? "-" : "");
    return isZero ? digits : `${sign}${digits}`;
  }
  return value < 0 && !isZero ? `-${digits}` : digits;
}
