/**
 * Limits every value must meet before it is stored, the same on SQLite and PostgreSQL (SQLite would store what
 * PostgreSQL refuses with an error). The web edge checks them with zod (src/web/input.ts); services that take
 * numbers from elsewhere (imports, CLI) check the same rules here.
 */

/** The largest whole number a count may take (職員数, 人口, 条例定数, 採用者数…): PostgreSQL's integer (int4), 2,147,483,647. */
export const MAX_STORED_INTEGER = 2_147_483_647;

/** Lengths (characters) of the texts the forms and the API accept; the columns are at least this long. */
export const TEXT_LIMITS = {
  /** ログインID (users.username, login_attempts.username: varchar(64)). */
  username: 64,
  /** パスワード: long enough for a pass phrase, short enough to hash cheaply. */
  password: 256,
  /** 表示名, 組織名, 定年の区分名… (varchar(100)). */
  name: 100,
  /** 事業名, 版の名前, 指標名 (varchar(200)) and contacts. */
  title: 200,
  /** Codes (組織コード, varchar(64)). */
  code: 64,
  /** Any other single field: the longest text area of a reform item fits. */
  any: 20_000,
} as const;

/** Characters no stored text may hold: NUL (PostgreSQL refuses it) and the other C0 controls except tab, LF and CR. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Invisible format characters (Unicode general category Cf): the bidi embeddings, overrides and isolates
 * U+202A–U+202E and U+2066–U+2069 (which reorder what a reader sees: 「承認‮済未」), the zero-width space, joiners and
 * marks U+200B–U+200F, U+2060–U+2064, the BOM U+FEFF, the soft hyphen U+00AD, tags U+E0001–U+E007F…. None has a use in a
 * municipality's names and documents, and each can make two texts that look alike differ (or hide text), so they are
 * refused wherever text is typed, imported or published. Variation selectors (異体字 U+E0100…, category Mn), 々, ー and
 * every kanji and kana are not Cf and pass.
 */
const FORMAT_CHARACTER = /\p{Cf}/u;

/** The first invisible format character (Unicode category Cf, see FORMAT_CHARACTER) in `text` as "U+202E", or null. */
export function formatCharacterIn(text: string): string | null {
  const found = FORMAT_CHARACTER.exec(text)?.[0];
  return found === undefined ? null : `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Why `text` cannot be stored as the field `label` of at most `max` characters, in Japanese; null when it can.
 * Refused: C0 control characters (NUL…; tab, LF, CR pass), invisible format characters (formatCharacterIn; unless
 * `formatCharacters: false`, for a floor whose caller checks them again under the field's Japanese name), more than
 * `max` characters (code points).
 */
export function textProblem(label: string, text: string, max: number, options: { formatCharacters?: boolean } = {}): string | null {
  if (CONTROL_CHARACTER.test(text)) return `${label}に使えない文字(制御文字)が含まれています`;
  const format = options.formatCharacters === false ? null : formatCharacterIn(text);
  if (format) return `${label}に使えない文字(${format}: 表示の向きを変えたり見えなかったりする書式制御文字)が含まれています。取り除いてから入力してください`;
  if ([...text].length > max) return `${label}は${max.toLocaleString("ja-JP")}文字以内で入力してください(${[...text].length.toLocaleString("ja-JP")}文字)`;
  return null;
}

/** Why `value` is not a count from `min` to {@link MAX_STORED_INTEGER}, in Japanese; null when it is. */
export function countProblem(label: string, value: number, min = 0): string | null {
  if (!Number.isInteger(value) || value < min) return `${label}は${min}以上の整数で入力してください (${value})`;
  if (value > MAX_STORED_INTEGER) return `${label}が大きすぎます (${MAX_STORED_INTEGER.toLocaleString("ja-JP")}まで): ${value.toLocaleString("ja-JP")}`;
  return null;
}
