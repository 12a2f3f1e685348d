/**
 * The field readers of the hearing forms 様式1–3 (zod): line ids, texts, whole numbers as typed (full-width digits,
 * 「1,055」, 「12件」), choices and units from a list. Every message names the field in Japanese; hearing-forms.ts builds
 * the forms from them.
 */
import { z } from "zod";
import { parseTypedCount } from "./typed-count.js";

/** The id of a form line (kept across saves, so decisions follow their line). */
export const LINE_ID = z.string({ error: "行IDが不正です" }).regex(/^[A-Za-z0-9_-]{1,40}$/, "行IDが不正です");

/** Text of at most `max` characters for the field `label`; `required` refuses a blank. */
export function text(label: string, max: number, required = false) {
  const base = z.string({ error: `${label}を文字で入力してください` }).max(max, `${label}は${max}文字以内にしてください`);
  return required ? base.refine((v) => v.trim() !== "", `${label}を入力してください`) : base;
}

/**
 * Why `raw` is not a whole number from `min` to `max` for the field `label`, in Japanese; null when it is. The typed
 * count rule (domain/typed-count.ts parseTypedCount), a blank refused: a form, the API and a workbook say the same thing.
 */
export function countInputProblem(label: string, raw: unknown, min: number, max: number): string | null {
  const read = parseTypedCount(raw, label, { min, max, required: true });
  return read.ok ? null : read.message;
}

/** A whole number from `min` to `max`, given as a number or as typed text (countInputProblem). */
export function int(label: string, min: number, max: number) {
  return z.unknown().transform((raw, ctx): number => {
    const read = parseTypedCount(raw, label, { min, max, required: true });
    if (read.ok && read.value !== null) return read.value;
    ctx.addIssue({ code: "custom", message: read.ok ? `${label}を入力してください` : read.message });
    return z.NEVER;
  });
}

/** A choice among `values`; the message lists the choices as the user sees them (`labels`), never the stored codes. */
export function oneOf<T extends string>(label: string, values: readonly T[], labels?: Readonly<Record<T, string>>) {
  const shown = values.map((v) => labels?.[v] ?? v).join("・");
  return z.string({ error: `${label}を選んでください` }).refine((v): v is T => (values as readonly string[]).includes(v), `${label}は「${shown}」から選んでください`) as unknown as z.ZodType<T>;
}

/** A unit chosen from a list: its id; a blank choice is 「…を選んでください」, anything else is not in the list. */
export const unitRef = (label: string) =>
  z.unknown().transform((raw, ctx): number => {
    if (typeof raw === "number" && Number.isInteger(raw) && raw >= 1 && raw <= 2_147_483_647) return raw;
    const blank = raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
    ctx.addIssue({ code: "custom", message: blank ? `${label}を選んでください` : `${label}「${String(raw).slice(0, 40)}」は一覧にありません。一覧から選んでください` });
    return z.NEVER;
  });

/** A fiscal year (西暦, 1989–2200) or null. */
export const optionalYear = (label: string) => int(label, 1989, 2200).nullable();
