/**
 * Exit codes of every gyokaku command: one per kind of error (domain/errors.ts ErrorCode), the same for every
 * command, listed in `gyokaku --help`.
 */
import type { ErrorCode } from "../domain/errors.js";

export const EXIT_OK = 0;
/** The command line itself is wrong (unknown command or option, missing argument): Commander's errors. */
export const EXIT_USAGE = 2;
/** Anything unexpected (a bug): the message says so; GYOKAKU_DEBUG=1 shows the stack. */
export const EXIT_UNEXPECTED = 70;

/** The exit code of each domain error kind. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  invalid_input: 1,
  too_large: 1,
  not_found: 3,
  forbidden: 4,
  unauthenticated: 4,
  conflict: 5,
  confirmation_required: 5,
  rate_limited: 6,
  migration_failed: 7,
  stored_data_invalid: 7,
};

/** The lines of `gyokaku --help` that explain the exit codes. */
export const EXIT_CODE_HELP = [
  "終了コード:",
  "  0  成功",
  "  1  入力・ファイルの誤り(内容を1行で表示。大きすぎる入力を含む)",
  "  2  コマンドの使い方の誤り(未知のコマンド・オプション、引数の不足)",
  "  3  指定したもの(団体・ユーザー・組織・版など)が見つからない",
  "  4  権限がない",
  "  5  他の変更と競合した、または確認が必要",
  "  6  回数の制限中",
  "  7  データベースの移行の失敗、または保存されているデータの形の誤り",
  "  70 予期しないエラー(GYOKAKU_DEBUG=1 で詳細)",
];
