/** Minimum rules for a password chosen by a person. Generated passwords are longer. */
import { dictionary } from "@zxcvbn-ts/language-common";
import { foldLookalikes } from "./text-fold.js";

/**
 * The shortest password (characters) a person may choose: 10 (NIST SP 800-63B asks at least 8 for a chosen secret).
 */
export const MIN_PASSWORD_LENGTH = 10;

let common: ReadonlySet<string> | undefined;
let words: ReadonlySet<string> | undefined;

/**
 * True when `password` (compared in lower case) is on the list of the ~49,000 most common passwords of leaked
 * password sets that zxcvbn-ts ships (@zxcvbn-ts/language-common, passwords-common): 「1234567890」「password12」….
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"]);
  return common.has(password.toLowerCase());
}

/**
 * Words of a town hall a guesser tries first with a year (romaji of 役所・課の名前 and of seasons), beside the
 * common passwords and the 7,776 diceware words of zxcvbn-ts.
 */
const OFFICE_WORDS = [
  "admin", "administrator", "gyokaku", "gyosei", "gyousei", "soumu", "somu", "jinji", "kikaku", "zaisei", "kanri",
  "teisu", "teisuu", "yakuba", "yakusho", "shiyakusho", "cityhall", "city", "town", "village", "kencho", "haru",
  "natsu", "aki", "fuyu", "spring", "summer", "autumn", "winter", "welcome", "login", "pass", "passwd", "password",
  "shi", "machi", "cho", "mura", "son", "ku", "ken", "fu", "to",
];

function isCommonWord(word: string): boolean {
  words ??= new Set([...dictionary["diceware-common"], ...OFFICE_WORDS]);
  return words.has(word) || isCommonPassword(word);
}

/**
 * A year as people write it in a password, in folded lower case: 西暦 1900–2099 (「2025」), 和暦 with the era's
 * name or initial (「令和7」「r7」「R07」「reiwa7」「H31」), 年度 prefixes (「fy2025」).
 */
const YEAR = /(?:fy)?(?:19|20)\d{2}|(?:令和|平成|昭和|reiwa|heisei|showa|[rhs])0?\d{1,2}(?:年度?|nendo)?/gu;

/** What the municipality and the account are called, to keep them out of the password (all optional). */
export interface PasswordContext {
  /** 団体名 as stored (「大和市」): refused whole and without its 市・町・村・区 ending (「大和」). */
  municipalityName?: string;
  /** The name in romaji when stored (「yamato」). */
  municipalityRomaji?: string;
  /** 全国地方公共団体コード, 6 digits (「142131」): refused whole and as the 5 digits without the check digit. */
  municipalityCode?: string;
}

/** Text compared by the context rules: NFKC (全角 ＡＢＣ１２３ → abc123), look-alike dashes folded, lower case. */
function fold(text: string): string {
  return foldLookalikes(text).toLowerCase();
}

/** The names a password may not contain, each with its Japanese description for the message. */
function forbiddenParts(username: string, context: PasswordContext): { part: string; what: string }[] {
  const parts: { part: string; what: string }[] = [];
  const user = fold(username.trim());
  if ([...user].length >= 3) parts.push({ part: user, what: "ユーザー名" });
  const name = context.municipalityName ? fold(context.municipalityName.trim()) : "";
  if (name) {
    parts.push({ part: name, what: "団体名" });
    const stem = name.replace(/[都道府県市区町村]$/u, "");
    if ([...stem].length >= 2 && stem !== name) parts.push({ part: stem, what: "団体名" });
  }
  const romaji = context.municipalityRomaji ? fold(context.municipalityRomaji.trim()).replace(/[\s-]/g, "") : "";
  if ([...romaji].length >= 3) parts.push({ part: romaji, what: "団体名(ローマ字)" });
  const code = context.municipalityCode ? fold(context.municipalityCode.trim()) : "";
  if (/^\d{6}$/.test(code)) parts.push({ part: code, what: "団体コード" }, { part: code.slice(0, 5), what: "団体コード" });
  return parts;
}

/**
 * True when `password` is essentially a year plus a common word: after the years (see YEAR) and every digit, space
 * and sign are taken out, nothing is left or one common word is (「Spring2025!」「R7soumu」「password2025」「2025-2026-R7」).
 * False when the password holds no year.
 */
export function isYearPlusWord(password: string): boolean {
  const folded = fold(password);
  const withoutYears = folded.replace(YEAR, " ");
  if (withoutYears === folded) return false;
  const rest = withoutYears.replace(/[\p{N}\p{P}\p{S}\s]/gu, "");
  return rest === "" || isCommonWord(rest);
}

/**
 * Returns a Japanese message naming the rule a chosen password breaks, or null when it is acceptable. Rules, in order:
 * at least {@link MIN_PASSWORD_LENGTH} characters; not the username; not one character repeated; not a common
 * password; not containing the username (3 characters or more), the municipality's name, romaji or 団体コード
 * (compared in lower case with 全角/半角 folded); not essentially a year plus a common word ({@link isYearPlusWord}).
 */
export function passwordProblem(password: string, username: string, context: PasswordContext = {}): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`;
  if (password.toLowerCase() === username.toLowerCase()) return "パスワードをユーザー名と同じにすることはできません";
  if (/^(.)\1*$/.test(password)) return "同じ文字だけのパスワードは使えません";
  if (isCommonPassword(password)) return "よく使われていて推測されやすいパスワードです。別のパスワードにしてください";
  const folded = fold(password);
  // The romaji is compared without its spaces and hyphens, so the password is too (「Nishi-Tokyo」「nishi tokyo」).
  const joined = folded.replace(/[\s\-_.]/g, "");
  for (const { part, what } of forbiddenParts(username, context)) {
    if (folded.includes(part) || (what === "団体名(ローマ字)" && joined.includes(part))) return `パスワードに${what}を含めることはできません。推測されやすいためです`;
  }
  if (isYearPlusWord(password)) return "年(2025、R7など)とよく使われる語を組み合わせただけのパスワードは推測されやすいため使えません";
  return null;
}
