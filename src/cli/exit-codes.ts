/**
 * Exit codes of every gyokaku command: one distinct code per kind of error (domain/errors.ts ErrorCode), the same for
 * every command, listed in `gyokaku --help` and the README. A script can tell a refused input (1) from a file too
 * large (8), a missing thing (3), a lost race (5) or a warning that wants --confirm (10) without reading the message.
 */
import type { ErrorCode } from "../domain/errors.js";

export const EXIT_OK = 0;
/** The command line itself is wrong (unknown command or option, missing argument): Commander's errors. */
export const EXIT_USAGE = 2;
/** Anything unexpected (a bug): the message says so; GYOKAKU_DEBUG=1 shows the stack. */
export const EXIT_UNEXPECTED = 70;

/** Each domain error kind: its exit code and the line `gyokaku --help` shows for it (Japanese). */
const KINDS: Record<ErrorCode, { exit: number; help: string }> = {
  invalid_input: { exit: 1, help: "入力・ファイルの誤り(内容を1行で表示)" },
  not_found: { exit: 3, help: "指定したもの(団体・ユーザー・組織・版など)が見つからない" },
  forbidden: { exit: 4, help: "権限がない" },
  conflict: { exit: 5, help: "他の変更と競合した(読み直してやり直す)" },
  rate_limited: { exit: 6, help: "回数の制限中(時間をおいてやり直す)" },
  migration_failed: { exit: 7, help: "データベースの移行の失敗" },
  too_large: { exit: 8, help: "入力・ファイルが大きすぎる" },
  unauthenticated: { exit: 9, help: "ログインできない(名前またはパスワードの誤り)" },
  confirmation_required: { exit: 10, help: "確認が必要(警告の内容を確かめてから確定する)" },
  stored_data_invalid: { exit: 11, help: "保存されているデータの形の誤り" },
  unavailable: { exit: 12, help: "ファイルの読み込みが混み合っている(時間をおいてやり直す)" },
};

/** The exit code of each domain error kind (all distinct, none 0, 2 or 70). */
export const EXIT_CODES: Record<ErrorCode, number> = Object.fromEntries(Object.entries(KINDS).map(([kind, k]) => [kind, k.exit])) as Record<ErrorCode, number>;

/** The lines of `gyokaku --help` that explain the exit codes, in the order of the codes. */
export const EXIT_CODE_HELP: readonly string[] = [
  "終了コード:",
  ...[
    { exit: EXIT_OK, help: "成功" },
    { exit: EXIT_USAGE, help: "コマンドの使い方の誤り(未知のコマンド・オプション、引数の不足)" },
    ...Object.values(KINDS),
    { exit: EXIT_UNEXPECTED, help: "予期しないエラー(GYOKAKU_DEBUG=1 で詳細)" },
  ]
    .sort((a, b) => a.exit - b.exit)
    .map((k) => `  ${String(k.exit).padEnd(2)} ${k.help}`),
];
