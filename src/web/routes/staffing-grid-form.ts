/**
 * The 職員数 edit grid's form (POST /staffing/headcounts/:year), read with zod: each count cell `c.<unitId>.<category>`
 * by a schema whose messages name the unit, the year and the column, each cell as the form was read
 * `o.<unitId>.<category>` (hidden) by a lenient one. What a row's cells mean together — which rows changed, a cell
 * changed without the value it was read as — is decided here from the parsed cells; who may write which unit is the
 * service's (saveHeadcounts).
 */
import { z } from "zod";
import { GyokakuError } from "../../domain/errors.js";
import { formatFiscalYear } from "../../domain/era.js";
import { MAX_STORED_INTEGER } from "../../domain/input-limits.js";
import { CATEGORY_KEYS, type HeadcountCategory, type HeadcountCounts } from "../../domain/headcount.js";
import { parseTypedCount, typedShown } from "../../domain/typed-count.js";
import { formatCount } from "../../io/cells.js";
import { isValidIsoDate } from "../../domain/calendar.js";
import { TEXT_LIMITS } from "../../domain/input-limits.js";
import { checkBox, textField } from "../input.js";
import type { HeadcountInput } from "../../services/staffing.js";
import type { HeadcountGrid } from "../../services/staffing-views.js";
import type { RowProblemView } from "../pages/staffing-common.js";
import { countField, EDIT_COLUMNS } from "../pages/staffing-edit.js";

/** A posted grid field: `c.` a count as typed, `o.` the count the form showed (hidden); unit id and category key. */
const GRID_FIELD = /^([co])\.(\d{1,12})\.([A-Za-z]+)$/;

/**
 * One count cell as typed (domain/typed-count.ts parseTypedCount): blank is "not recorded" (undefined), else a whole number
 * from 0 to 2,147,483,647. The refusal names the unit and the column (and the year, when the number is too large).
 */
export function gridCountCell(unitName: string, fiscalYear: number, label: string) {
  return z.string().transform((raw, ctx) => {
    const read = parseTypedCount(raw, label);
    if (read.ok) return read.value ?? undefined;
    // A whole number past what can be stored is named as too large (as plausibility does), not as a typo.
    ctx.addIssue({
      code: "custom",
      message:
        read.tooLarge !== undefined
          ? `「${unitName}」の${formatFiscalYear(fiscalYear)}の${label} ${Number.isSafeInteger(read.tooLarge) ? formatCount(read.tooLarge) : `「${typedShown(raw)}」`} は大きすぎます(0以上の整数で、${formatCount(MAX_STORED_INTEGER)}以下で入力してください)`
          : `「${unitName}」の${label}: 0以上の整数で入力してください(入力値「${typedShown(raw)}」)`,
    });
    return z.NEVER;
  });
}

/** A cell as the form showed it (hidden): a count, or undefined for a blank or anything unreadable (never refused). */
export const readCountCell = z.string().transform((raw) => {
  const read = parseTypedCount(raw, "");
  return read.ok ? (read.value ?? undefined) : undefined;
});

/** The grid's fields of a posted body, in the order posted: kind (`c` typed, `o` as read), unit id, category key as sent. */
const GridFields = z.record(z.string(), z.unknown()).transform((body) =>
  Object.entries(body).flatMap(([name, value]) => {
    const match = GRID_FIELD.exec(name);
    if (!match || typeof value !== "string") return [];
    return [{ name, kind: match[1] as "c" | "o", unitId: Number(match[2]), key: match[3] ?? "", value }];
  }),
);

/**
 * Refuses, before any cell is parsed, a grid post no grid of this municipality can send (tester t14 F5: 19,984 fields
 * for units that do not exist cost 0.4 s of CPU each): more `c.`/`o.` fields than its units × categories × 2 is a
 * 400; a field naming a unit the municipality does not have is the 404 the service gives (「指定された組織(#N)は
 * ありません」), now found by one pattern per field name instead of after every cell was read.
 * @param unitIds every unit id of the municipality (any year)
 * @throws GyokakuError invalid_input (too many fields) / not_found (an unknown unit)
 */
export function refuseOutsideGrid(unitIds: ReadonlySet<number>, body: Record<string, unknown>): void {
  const names = Object.keys(body).filter((name) => name.startsWith("c.") || name.startsWith("o."));
  const most = unitIds.size * CATEGORY_KEYS.length * 2;
  if (names.length > most) {
    throw new GyokakuError(
      "invalid_input",
      `職員数の表の欄が多すぎます (${names.length.toLocaleString("en-US")}欄。この団体の表は${most.toLocaleString("en-US")}欄まで)。画面を再読み込みしてから入力してください`,
    );
  }
  for (const name of names) {
    const unit = /^[co]\.(\d{1,12})\./.exec(name)?.[1];
    if (unit !== undefined && !unitIds.has(Number(unit))) throw new GyokakuError("not_found", `指定された組織(#${unit})はありません`);
  }
}

function isCategory(key: string): key is HeadcountCategory {
  return (CATEGORY_KEYS as readonly string[]).includes(key);
}

function sameCounts(a: HeadcountCounts, b: HeadcountCounts): boolean {
  return CATEGORY_KEYS.every((k) => a[k] === b[k]);
}

/** The grid form read: what to save, what was refused, and what was typed. */
export interface GridForm {
  /** Rows that differ from what is stored, ready for saveHeadcounts. */
  changes: HeadcountInput[];
  /** Values that are not counts, cells of unknown columns, cells changed without the value they were read as. */
  invalid: RowProblemView[];
  /** Every posted count field, to show the form again as typed. */
  entered: Record<string, string>;
}

/**
 * Reads c.<unitId>.<category> fields. A field that is not posted keeps the stored value (disabled inputs are
 * not sent), so only rows the user actually changed go to the service and an editor's unchanged form never
 * touches units it may not write. Who may write which unit is the service's to decide (saveHeadcounts).
 */
export function readGridForm(grid: HeadcountGrid, body: Record<string, unknown>): GridForm {
  const rows = new Map(grid.rows.map((r) => [r.unit.id, r]));
  const names = new Map(grid.units.map((u) => [u.id, u.name]));
  const labels = new Map<string, string>(EDIT_COLUMNS.map((col) => [col.key, col.label]));
  const posted = new Map<number, [HeadcountCategory, string][]>();
  // The cells as the form was read (hidden o.<unitId>.<category>): a save compares with these, not with what is stored now.
  const read = new Map<number, HeadcountCounts>();
  // Which read cells were posted at all: a blank read value ("not recorded") is not the same as none sent.
  const readPosted = new Set<string>();
  const form: GridForm = { changes: [], invalid: [], entered: {} };
  for (const cell of GridFields.parse(body)) {
    const { name, unitId, key, value } = cell;
    if (cell.kind === "o") {
      if (!isCategory(key)) continue;
      const counts = read.get(unitId) ?? {};
      const n = readCountCell.parse(value);
      if (n !== undefined) counts[key] = n;
      read.set(unitId, counts);
      readPosted.add(`${unitId}.${key}`);
      form.entered[name] = value;
      continue;
    }
    const unitName = names.get(unitId) ?? `#${unitId}`;
    if (!isCategory(key)) {
      form.invalid.push({ unitId, unitName, message: `「${unitName}」: この表にない欄が送られました。画面を再読み込みしてから入力してください` });
      continue;
    }
    form.entered[name] = value;
    posted.set(unitId, [...(posted.get(unitId) ?? []), [key, value]]);
  }
  for (const [unitId, fields] of posted) {
    const unitName = names.get(unitId) ?? `#${unitId}`;
    const stored = rows.get(unitId)?.stored ?? {};
    const typed = new Map<HeadcountCategory, number | undefined>();
    let typo = false;
    for (const [key, raw] of fields) {
      const parsed = gridCountCell(unitName, grid.fiscalYear, labels.get(key) ?? key).safeParse(raw);
      if (parsed.success) typed.set(key, parsed.data);
      else {
        typo = true;
        for (const issue of parsed.error.issues) form.invalid.push({ unitId, unitName, field: countField(unitId, key), message: issue.message });
      }
    }
    const counts: HeadcountCounts = {};
    for (const key of CATEGORY_KEYS) {
      const value = typed.has(key) ? typed.get(key) : stored[key];
      if (value !== undefined) counts[key] = value;
    }
    // A cell changed without the value it was read as would be a blind write over whatever is stored now: refused.
    let unread = false;
    for (const [key, value] of typed) {
      if (readPosted.has(`${unitId}.${key}`) || value === stored[key]) continue;
      unread = true;
      form.invalid.push({
        unitId,
        unitName,
        field: countField(unitId, key),
        message: `「${unitName}」の${formatFiscalYear(grid.fiscalYear)}の${labels.get(key) ?? key}: 画面を開いたときの値が送られていないため保存できません。入力画面を開き直してから入力してください`,
      });
    }
    if (unread) continue;
    const asRead = read.get(unitId);
    if (asRead) {
      // Only the cells the user changed from what the form showed are written; the others keep whatever is stored now.
      const mine = [...typed].filter(([key, value]) => value !== asRead[key]);
      if (!typo && mine.length > 0) form.changes.push({ unitId, counts, expected: asRead, changedKeys: mine.map(([key]) => key) });
      continue;
    }
    if (!typo && !sameCounts(counts, stored)) form.changes.push({ unitId, counts });
  }
  return form;
}

/** A cell's text compared as a count: blank (null), a count, or "invalid" (so an unreadable text differs from a blank). */
function countOf(raw: string): number | null | "invalid" {
  const read = parseTypedCount(raw, "");
  return read.ok ? read.value : "invalid";
}

/**
 * The typed count fields (`c.…`) of `entered` whose count differs from the one the form showed (`o.…`), or that have
 * none: what the user typed, to show over the values stored now after a conflict (409).
 */
export function typedOverRead(entered: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entered).filter(([name, value]) => {
      if (!name.startsWith("c.")) return false;
      const asRead = entered[`o.${name.slice(2)}`];
      return asRead === undefined || countOf(asRead) !== countOf(value);
    }),
  );
}

/**
 * The edit form's 基準日 (a date input, YYYY-MM-DD; blank: the usual day) and its 理由・備考; the service checks the
 * day falls in the year. A refusal names the field (its id, so the page links to it).
 */
export const ReferenceDateFields = z.object({
  referenceDate: textField("基準日", TEXT_LIMITS.title).transform((text, ctx) => {
    if (text === "" || isValidIsoDate(text)) return text;
    ctx.addIssue({ code: "custom", message: `基準日が日付として読めません: 「${text.slice(0, 40)}」(例: 2025-05-01)` });
    return z.NEVER;
  }),
  referenceNote: textField("基準日の理由・備考", 2000),
});

/** The edit form's buttons: 「確認のうえ保存」 (confirm) and 「合計を再計算」 (recalc), each "1" when pressed. */
export const GridFormButtons = z.object({ confirm: checkBox(), recalc: checkBox() });
