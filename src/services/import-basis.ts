/**
 * The stale-confirm check every preview → confirm import shares (issue 10): the preview fingerprints the stored values it
 * compared the file with; the confirmation carries that fingerprint back, and the import recomputes it inside its write
 * transaction. A different fingerprint means someone changed those values after the preview: the import is refused
 * (conflict) and nothing is written.
 */
import { createHash } from "node:crypto";
import { GyokakuError } from "../domain/errors.js";

/** A fingerprint as {@link importBasis} makes it: 64 lowercase hex digits. */
export const IMPORT_BASIS_PATTERN = /^[0-9a-f]{64}$/;

/**
 * sha256 (hex) of stored values, one `key=value` line each in key order: equal exactly when the entries are (order of
 * the input does not matter). Keys must be unique and contain no newline.
 */
export function importBasis(entries: Iterable<readonly [string, string | number]>): string {
  const lines = [...entries].map(([key, value]) => `${key}=${value}`).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

/**
 * Refuses a confirmation whose preview compared with other stored values than are stored now. Call it inside the
 * write transaction, before writing. `confirmed` undefined (the CLI, which previews and applies in one go): no check.
 * @throws GyokakuError conflict with `message` when `confirmed` is given and differs from `current`.
 */
export function checkImportBasis(confirmed: string | undefined, current: string, message: string): void {
  if (confirmed !== undefined && confirmed !== current) throw new GyokakuError("conflict", message);
}

/** The message of a confirmation that carries no fingerprint (a 400 on the web). */
export const MISSING_BASIS_MESSAGE = "確認した内容が送られていないため、何も取り込んでいません。もう一度ファイルを選んで、内容を確認してから取り込んでください";

/**
 * The fingerprint a confirmation carries (form field `basis`), checked for shape.
 * @throws GyokakuError invalid_input ({@link MISSING_BASIS_MESSAGE}) when it is missing or malformed.
 */
export function confirmedBasis(value: string): string {
  if (!IMPORT_BASIS_PATTERN.test(value)) throw new GyokakuError("invalid_input", MISSING_BASIS_MESSAGE);
  return value;
}
