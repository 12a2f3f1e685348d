/** Minimum rules for a password chosen by a person. Generated passwords are longer. */
export const MIN_PASSWORD_LENGTH = 10;

/** Returns a Japanese message describing what is wrong, or null when the password is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`;
  if (password.toLowerCase() === username.toLowerCase()) return "パスワードをユーザー名と同じにすることはできません";
  if (/^(.)\1*$/.test(password)) return "同じ文字だけのパスワードは使えません";
  return null;
}
