/**
 * Lost-update guard for forms that write values by key (issue 14 point 6): the form carries, hidden, the value it
 * showed for every key it may write (a year, a unit, a setting), as text; the writer, inside its transaction, compares
 * the stored value of each key it writes with the one shown and refuses the whole save when another user changed it
 * meanwhile (409, both values named, nothing written). Pure: the texts are made by the caller's describer, the same
 * one for the page and for the check, so equal values always compare equal.
 */
import { GyokakuError } from "./errors.js";

/** What a form showed, by key: text as made by the caller's describer. A key left out was shown as not set. */
export type ReadValues = Readonly<Record<string, string>>;

/** The text of a key that has no value (a year without population, a unit without quota). */
export const NOT_SET = "未設定";

/** The name of the hidden form field that carries the values read (JSON of ReadValues). */
export const READ_VALUES_FIELD = "read_values";

/** JSON for the hidden field. */
export function serializeReadValues(values: ReadValues): string {
  return JSON.stringify(values);
}

/**
 * The values read, from the hidden field's text.
 * @throws GyokakuError invalid_input when missing or not a JSON object of texts (a post that never read the form)
 */
export function parseReadValues(raw: unknown): ReadValues {
  if (typeof raw !== "string" || raw.length > 1_000_000) return refuseMissing();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return refuseMissing();
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return refuseMissing();
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.some(([, v]) => typeof v !== "string")) return refuseMissing();
  return Object.fromEntries(entries) as ReadValues;
}

/**
 * The values a form read, for writers whose `expected` is optional: undefined (a caller that does not come from a
 * form: the CLI, an import) passes as undefined (no check); null (a form post that left its hidden read fields out:
 * an old cached page, a script) is refused, so a post without them never overwrites blind (issue 14 point 6).
 * Call it after the role and the record were checked, so a wrong role still gets 403 and an unknown id 404.
 * @throws GyokakuError invalid_input (400) 「開いたときの値がありません…」 when `read` is null
 */
export function requireReadSent<T>(read: T | null | undefined): T | undefined {
  if (read === null) return refuseMissing();
  return read;
}

function refuseMissing(): never {
  throw new GyokakuError("invalid_input", "開いたときの値がありません。画面を再読み込みしてから保存してください");
}

/** One key about to be written: its label for the clerk (「企画部の条例定数」), the stored text now and the typed one. */
export interface ReadCheck {
  key: string;
  label: string;
  stored: string;
  yours: string;
}

/**
 * Refuses a write over a value changed since the form was read: for each check, the stored text must equal the one
 * shown (or already equal the one typed: the same change made twice is no conflict). `read` undefined: no check
 * (callers that do not come from a form, e.g. imports).
 * @throws GyokakuError conflict naming the key and the value shown, the value stored and the value typed
 */
export function requireUnchanged(read: ReadValues | undefined, checks: readonly ReadCheck[]): void {
  if (read === undefined) return;
  for (const check of checks) {
    const shown = read[check.key] ?? NOT_SET;
    if (shown === check.stored || check.stored === check.yours) continue;
    throw new GyokakuError(
      "conflict",
      `${check.label}は、画面を開いた後に別の人が「${shown}」→「${check.stored}」に変更しています(あなたの入力:「${check.yours}」)。最新の値を確認してから、もう一度保存してください`,
      { key: check.key, read: shown, current: check.stored, yours: check.yours },
    );
  }
}
