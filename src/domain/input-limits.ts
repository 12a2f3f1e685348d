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

/** Why `text` cannot be stored as the field `label` of at most `max` characters, in Japanese; null when it can. */
export function textProblem(label: string, text: string, max: number): string | null {
  if (CONTROL_CHARACTER.test(text)) return `${label}に使えない文字(制御文字)が含まれています`;
  if ([...text].length > max) return `${label}は${max.toLocaleString("ja-JP")}文字以内で入力してください(${[...text].length.toLocaleString("ja-JP")}文字)`;
  return null;
}

/** Why `value` is not a count from `min` to {@link MAX_STORED_INTEGER}, in Japanese; null when it is. */
export function countProblem(label: string, value: number, min = 0): string | null {
  if (!Number.isInteger(value) || value < min) return `${label}は${min}以上の整数で入力してください (${value})`;
  if (value > MAX_STORED_INTEGER) return `${label}が大きすぎます (${MAX_STORED_INTEGER.toLocaleString("ja-JP")}まで): ${value.toLocaleString("ja-JP")}`;
  return null;
}
