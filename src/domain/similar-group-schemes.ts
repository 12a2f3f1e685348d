/**
 * 類似団体の類型表 (similar-group schemes) and the fiscal years they apply to.
 *
 * MIC has changed how it groups 一般市 and 町村 over the years. A group code such as 「Ⅱ－３」 means different things in different
 * schemes (「Ⅱ」 was 5万5千～8万 in the 平成11年度 scheme and is 5万～10万 today), and some codes exist in one scheme only
 * (「Ⅵ－５」 then, 「町村 Ⅴ－２」 now). So the thresholds are data with the fiscal years they apply to, every code is read and
 * described with the scheme of its year, and a code that does not exist in that year's scheme is refused with that reason.
 *
 * Sources:
 * - Current scheme (一般市 16 types, 町村 15 types): MIC 「類似団体別職員数の状況」, and the seed (千歳市 行政改革基本方針
 *   令和7年度, 図表7). Used here from FY2005, when MIC reviewed the grouping after the 平成の大合併.
 * - 平成11年度 scheme (都市 28 types, 町村 39 types; 中核市・特例市 apart): set in FY1999; its 都市 table (bands 3.5万, 5.5万,
 *   8万, 13万, 23万, 43万; digits 5–0 from 2次+3次 95%/85% and 3次 65%/55%/50%) is published e.g. by Mie prefecture for
 *   FY2002. Its 町村 table is not registered in gyokaku, so a 町村 code of those years is refused, not guessed.
 * - Before FY1999 no scheme is registered.
 * The year MIC switched from the 平成11年度 scheme to today's is taken as FY2005; it is one constant below.
 */
import { formatFiscalYear } from "./era.js";
import { GyokakuError } from "./errors.js";

/** A population band (人口区分): the Roman numeral of the code and the half-open range [min, below) in 人. */
export interface PopulationBand {
  roman: string;
  min: number;
  /** Exclusive upper bound in 人; null for the top band. */
  below: number | null;
  /** As the type tables write it: 「5万以上10万未満」. */
  text: string;
}

/** An industry digit (産業構造区分): the shares (%) of 2次+3次 (industrial) and 3次 (tertiary) employment it requires. */
export interface IndustryDigit {
  digit: number;
  industrialAtLeast?: number;
  industrialBelow?: number;
  tertiaryAtLeast?: number;
  tertiaryBelow?: number;
  /** As the type tables write it: 「2次・3次90%以上かつ3次65%以上」. */
  text: string;
}

/** One kind's table (一般市 or 町村) within a scheme. */
export interface KindScheme {
  /** How many types MIC says the table has (for messages; e.g. 16). */
  typeCount: number;
  bands: readonly PopulationBand[];
  digits: readonly IndustryDigit[];
}

/** A 類型表 and the fiscal years (年度, inclusive) it applies to. */
export interface SimilarGroupScheme {
  id: string;
  /** 「平成11年度設定の類型(都市28類型・町村39類型)」 */
  name: string;
  fromFiscalYear: number;
  /** Inclusive; null while in force. */
  toFiscalYear: number | null;
  city: KindScheme;
  /** null when gyokaku does not know this scheme's 町村 table (codes are refused, never guessed). */
  town: KindScheme | null;
}

/** First fiscal year (年度) of today's 16/15-type scheme. */
export const CURRENT_SCHEME_FROM = 2005;

const CURRENT_TOWN: KindScheme = {
  typeCount: 15,
  bands: [
    { roman: "I", min: 0, below: 5_000, text: "5千未満" },
    { roman: "II", min: 5_000, below: 10_000, text: "5千以上1万未満" },
    { roman: "III", min: 10_000, below: 15_000, text: "1万以上1万5千未満" },
    { roman: "IV", min: 15_000, below: 20_000, text: "1万5千以上2万未満" },
    { roman: "V", min: 20_000, below: null, text: "2万以上" },
  ],
  digits: [
    { digit: 2, industrialAtLeast: 80, tertiaryAtLeast: 60, text: "2次・3次80%以上かつ3次60%以上" },
    { digit: 1, industrialAtLeast: 80, tertiaryBelow: 60, text: "2次・3次80%以上かつ3次60%未満" },
    { digit: 0, industrialBelow: 80, text: "2次・3次80%未満" },
  ],
};

const CURRENT: SimilarGroupScheme = {
  id: "h17",
  name: "現行の類型(一般市16類型・町村15類型)",
  fromFiscalYear: CURRENT_SCHEME_FROM,
  toFiscalYear: null,
  city: {
    typeCount: 16,
    bands: [
      { roman: "I", min: 0, below: 50_000, text: "5万未満" },
      { roman: "II", min: 50_000, below: 100_000, text: "5万以上10万未満" },
      { roman: "III", min: 100_000, below: 150_000, text: "10万以上15万未満" },
      { roman: "IV", min: 150_000, below: null, text: "15万以上" },
    ],
    digits: [
      { digit: 3, industrialAtLeast: 90, tertiaryAtLeast: 65, text: "2次・3次90%以上かつ3次65%以上" },
      { digit: 2, industrialAtLeast: 90, tertiaryBelow: 65, text: "2次・3次90%以上かつ3次65%未満" },
      { digit: 1, industrialBelow: 90, tertiaryAtLeast: 55, text: "2次・3次90%未満かつ3次55%以上" },
      { digit: 0, industrialBelow: 90, tertiaryBelow: 55, text: "2次・3次90%未満かつ3次55%未満" },
    ],
  },
  town: CURRENT_TOWN,
};

const HEISEI11: SimilarGroupScheme = {
  id: "h11",
  name: "平成11年度設定の類型(都市28類型・町村39類型)",
  fromFiscalYear: 1999,
  toFiscalYear: CURRENT_SCHEME_FROM - 1,
  city: {
    typeCount: 28,
    bands: [
      { roman: "0", min: 0, below: 35_000, text: "3万5千未満" },
      { roman: "I", min: 35_000, below: 55_000, text: "3万5千以上5万5千未満" },
      { roman: "II", min: 55_000, below: 80_000, text: "5万5千以上8万未満" },
      { roman: "III", min: 80_000, below: 130_000, text: "8万以上13万未満" },
      { roman: "IV", min: 130_000, below: 230_000, text: "13万以上23万未満" },
      { roman: "V", min: 230_000, below: 430_000, text: "23万以上43万未満" },
      { roman: "VI", min: 430_000, below: null, text: "43万以上" },
    ],
    digits: [
      { digit: 5, industrialAtLeast: 95, tertiaryAtLeast: 65, text: "2次・3次95%以上かつ3次65%以上" },
      { digit: 4, industrialAtLeast: 95, tertiaryBelow: 65, text: "2次・3次95%以上かつ3次65%未満" },
      { digit: 3, industrialAtLeast: 85, industrialBelow: 95, tertiaryAtLeast: 55, text: "2次・3次85%以上95%未満かつ3次55%以上" },
      { digit: 2, industrialAtLeast: 85, industrialBelow: 95, tertiaryBelow: 55, text: "2次・3次85%以上95%未満かつ3次55%未満" },
      { digit: 1, industrialBelow: 85, tertiaryAtLeast: 50, text: "2次・3次85%未満かつ3次50%以上" },
      { digit: 0, industrialBelow: 85, tertiaryBelow: 50, text: "2次・3次85%未満かつ3次50%未満" },
    ],
  },
  town: null,
};

/** Every registered scheme, oldest first. */
export const SIMILAR_GROUP_SCHEMES: readonly SimilarGroupScheme[] = [HEISEI11, CURRENT];

/** The scheme in force today (used when a code comes without a year). */
export const CURRENT_SIMILAR_GROUP_SCHEME: SimilarGroupScheme & { town: KindScheme } = { ...CURRENT, town: CURRENT_TOWN };

const yearLabel = (fiscalYear: number): string => formatFiscalYear(fiscalYear);

/**
 * The scheme that applies to a fiscal year (年度). Without a year, today's scheme.
 * @throws GyokakuError("invalid_input") with a Japanese message when no scheme is registered for the year (before FY1999).
 */
export function schemeForYear(fiscalYear?: number | null): SimilarGroupScheme {
  if (fiscalYear === undefined || fiscalYear === null) return CURRENT;
  const found = SIMILAR_GROUP_SCHEMES.find((s) => fiscalYear >= s.fromFiscalYear && (s.toFiscalYear === null || fiscalYear <= s.toFiscalYear));
  if (!found) {
    const first = HEISEI11.fromFiscalYear;
    throw new GyokakuError("invalid_input", `${yearLabel(fiscalYear)}の類似団体の類型表は登録されていません(${yearLabel(first)}以降に対応)。その年度の類型は読めません`);
  }
  return found;
}

/** The table of one kind in the scheme of a year. @throws GyokakuError("invalid_input") when the year has no scheme or the scheme's table of that kind is not registered. */
export function kindSchemeForYear(kind: "city" | "town", fiscalYear?: number | null): { scheme: SimilarGroupScheme; table: KindScheme } {
  const scheme = schemeForYear(fiscalYear);
  const table = kind === "city" ? scheme.city : scheme.town;
  if (!table) {
    throw new GyokakuError("invalid_input", `${scheme.name}の町村の類型表は登録されていないため、${yearLabel(fiscalYear ?? scheme.fromFiscalYear)}の町村の類型は読めません`);
  }
  return { scheme, table };
}

/** Every code of a table ("II-3" …), band by band, highest digit first. */
export function codesOf(table: KindScheme): string[] {
  return table.bands.flatMap((b) => table.digits.map((d) => `${b.roman}-${d.digit}`));
}

/** True when the shares (%) meet a digit's thresholds. */
export function digitMatches(digit: IndustryDigit, industrialPercent: number, tertiaryPercent: number): boolean {
  if (digit.industrialAtLeast !== undefined && industrialPercent < digit.industrialAtLeast) return false;
  if (digit.industrialBelow !== undefined && industrialPercent >= digit.industrialBelow) return false;
  if (digit.tertiaryAtLeast !== undefined && tertiaryPercent < digit.tertiaryAtLeast) return false;
  if (digit.tertiaryBelow !== undefined && tertiaryPercent >= digit.tertiaryBelow) return false;
  return true;
}

/** A share condition as a type table heads its column: 「90%以上」「85%以上95%未満」「55%未満」. */
function shareText(atLeast: number | undefined, below: number | undefined): string {
  return `${atLeast === undefined ? "" : `${atLeast}%以上`}${below === undefined ? "" : `${below}%未満`}`;
}

/** A population band as the grid of 図表7 writes its row: 「50,000以上～100,000未満」, 「150,000以上～」. Never throws. */
export function bandLabel(band: PopulationBand): string {
  return `${band.min.toLocaleString("ja-JP")}以上～${band.below === null ? "" : `${band.below.toLocaleString("ja-JP")}未満`}`;
}

/** One column of the 類型 grid: an industry digit and its 3次 condition (「3次65%以上」), null when the digit has none. */
export interface SchemeGridColumn {
  digit: number;
  tertiary: string | null;
}

/** Columns that share one 2次+3次 condition, headed 「2次, 3次90%以上」. */
export interface SchemeGridGroup {
  industrial: string;
  columns: SchemeGridColumn[];
}

/**
 * The grid of 図表7 for one kind's 類型表: column groups by the 2次+3次 condition (highest digit first), each column
 * a digit with its 3次 condition, and one row a population band (Roman numeral and 「…以上～…未満」 label). Every
 * label comes from the scheme's data, so a year of the 平成11年度 scheme draws its 7 bands × 6 digits, today's
 * scheme 4 × 4 (一般市) or 5 × 3 (町村). Never throws.
 */
export interface SchemeGrid {
  typeCount: number;
  groups: SchemeGridGroup[];
  rows: { roman: string; label: string }[];
}

/** The 図表7 grid of a kind's table (see SchemeGrid). Never throws. */
export function schemeGrid(table: KindScheme): SchemeGrid {
  const groups: SchemeGridGroup[] = [];
  for (const d of table.digits) {
    const industrial = `2次, 3次${shareText(d.industrialAtLeast, d.industrialBelow)}`;
    const tertiary = d.tertiaryAtLeast === undefined && d.tertiaryBelow === undefined ? null : `3次${shareText(d.tertiaryAtLeast, d.tertiaryBelow)}`;
    const last = groups[groups.length - 1];
    if (last && last.industrial === industrial) last.columns.push({ digit: d.digit, tertiary });
    else groups.push({ industrial, columns: [{ digit: d.digit, tertiary }] });
  }
  return { typeCount: table.typeCount, groups, rows: table.bands.map((b) => ({ roman: b.roman, label: bandLabel(b) })) };
}

/**
 * Why a type has its code, rule by rule, from the scheme of the year: the band's label, and the digit's 2次+3次 and 3次
 * conditions (each 「90%以上」 style, null when the digit sets none). Undefined for a code not in the table. Never throws.
 */
export function typeConditions(table: KindScheme, code: string): { band: string; industrial: string | null; tertiary: string | null } | undefined {
  const [roman, digitText] = code.split("-");
  const band = table.bands.find((b) => b.roman === roman);
  const digit = table.digits.find((d) => String(d.digit) === digitText);
  if (!band || !digit) return undefined;
  const industrial = shareText(digit.industrialAtLeast, digit.industrialBelow);
  const tertiary = shareText(digit.tertiaryAtLeast, digit.tertiaryBelow);
  return { band: bandLabel(band), industrial: industrial === "" ? null : industrial, tertiary: tertiary === "" ? null : tertiary };
}
