/** Minimum rules for a password chosen by a person. Generated passwords are longer. */
import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * The shortest password (characters) a person may choose: 10 (NIST SP 800-63B asks at least 8 for a chosen secret).
 */
export const MIN_PASSWORD_LENGTH = 10;

let common: ReadonlySet<string> | undefined;

/**
 * True when `password` (compared in lower case) is on the list of the ~49,000 most common passwords of leaked
 * password sets that zxcvbn-ts ships (@zxcvbn-ts/language-common, passwords-common): 「1234567890」「password12」….
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"]);
  return common.has(password.toLowerCase());
}

/** Returns a Japanese message describing what is wrong, or null when the password is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`;
  if (password.toLowerCase() === username.toLowerCase()) return "パスワードをユーザー名と同じにすることはできません";
  if (/^(.)\1*$/.test(password)) return "同じ文字だけのパスワードは使えません";
  if (isCommonPassword(password)) return "よく使われていて推測されやすいパスワードです。別のパスワードにしてください";
  return null;
}
