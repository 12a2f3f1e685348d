/**
 * 重点推進項目の取込 (the 書出し is in services/reform-export.ts): the item sheets as xlsx (one sheet per item, the seed's layout) and back, all
 * items as CSV and JSON. Also the text form of an item that the edit page and the import share, so both
 * decide "changed or not" the same way: a field counts as changed only when its text differs from the
 * text the item shows now (the block markup does not reproduce every stored block exactly, so an untouched
 * field must never be re-parsed and saved).
 */
import type { OrgUnitRow } from "../db/schema.js";
import type { TenantDb } from "../db/tenant.js";
import { formatFiscalYear } from "../domain/era.js";
import { GyokakuError, isGyokakuError, isInvalidInput } from "../domain/errors.js";
import { textProblem } from "../domain/input-limits.js";
import { blocksToText, type PlanCell, parseBlocks, parsePlanCellText, planCellToText, planYears, unitIdsNamed } from "../domain/reform.js";
import type { Actor } from "../domain/roles.js";
import { z } from "zod";
import { ItemJsonFields, PlanCellSchema, toBlocks, toPlanCell } from "../domain/reform-json.js";
import { type ItemSheetText, readItemTable, readItemWorkbook, type SheetProblem } from "../io/reform-sheet.js";
import { fromSpreadsheetCell } from "../io/spreadsheet-cell.js";
import { decodeText } from "../io/text-encoding.js";
import { describeUploadFormat, readUpload, uploadKind } from "../io/upload.js";
import { recordChange } from "./audit.js";
import { type ItemChanges, updateItem } from "./reform/items.js";
import { editionItems, type ItemView, requireEdition } from "./reform/read-model.js";
import { requireAdmin } from "./authorization.js";

// ---------------------------------------------------------------------------
// The text form of an item

/** Line ends unified, each line trimmed, runs of blank lines folded to one: what a person sees as "the same text". */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function cellText(cell: PlanCell | undefined | null): string {
  return cell ? planCellToText(cell) : "";
}

/** A plan or result cell as typed, in its canonical text (so 「・」 or spacing differences do not count as changes). */
function canonicalCell(text: string): string {
  return normaliseText(text) === "" ? "" : planCellToText(parsePlanCellText(text));
}

export function splitUnitLabels(text: string): string[] {
  return text
    .split(/[、,，\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The item as the texts of its sheet (and of its edit form). */
export function itemAsText(item: ItemView): ItemSheetText {
  const years = planYears(item.editionYear);
  const history = item.history.map((h) => ({ fiscalYear: h.fiscalYear, plan: cellText(h.plan), result: cellText(h.result) }));
  if (item.currentResult) history.unshift({ fiscalYear: item.editionYear, plan: cellText(item.plans[item.editionYear]), result: cellText(item.currentResult) });
  return {
    number: item.number,
    name: item.name,
    state: item.state,
    unitLabels: item.unitLabels.join("、"),
    content: blocksToText(item.content),
    planYears: years,
    plans: years.map((fy) => cellText(item.plans[fy])),
    effect: blocksToText(item.effect),
    history,
    remarks: blocksToText(item.remarks),
  };
}

/** What was typed for an item; a field left out is not touched. */
export interface TypedItem {
  name?: string;
  state?: string;
  unitLabels?: string;
  /** Chosen units (the edit form's checkboxes); when absent and the labels changed, units are matched by name. */
  unitIds?: number[];
  content?: string;
  effect?: string;
  remarks?: string;
  plans?: Record<number, string>;
  results?: Record<number, string>;
}

/** The changes the typed texts make to the item: only fields whose text differs from what the item shows now. */
export function changesFromText(item: ItemView, typed: TypedItem, units: readonly Pick<OrgUnitRow, "id" | "name">[]): ItemChanges {
  const now = itemAsText(item);
  const changes: ItemChanges = {};
  if (typed.name !== undefined && typed.name.trim() !== item.name) changes.name = typed.name;
  if (typed.state !== undefined && typed.state !== item.state) changes.state = typed.state;
  if (typed.unitLabels !== undefined) {
    const labels = splitUnitLabels(typed.unitLabels);
    if (JSON.stringify(labels) !== JSON.stringify(item.unitLabels)) {
      changes.unitLabels = labels;
      if (typed.unitIds === undefined) changes.unitIds = unitIdsNamed(units, labels);
    }
  }
  if (typed.unitIds !== undefined) {
    const sorted = (ids: readonly number[]) => JSON.stringify([...new Set(ids)].sort((a, b) => a - b));
    if (sorted(typed.unitIds) !== sorted(item.unitIds)) changes.unitIds = [...new Set(typed.unitIds)];
  }
  for (const key of ["content", "effect", "remarks"] as const) {
    const text = typed[key];
    if (text !== undefined && normaliseText(text) !== normaliseText(now[key])) changes[key] = parseBlocks(text);
  }
  const cells = (kind: "plans" | "results", stored: (fy: number) => PlanCell | undefined) => {
    const out: Record<number, PlanCell | null> = {};
    for (const [fy, text] of Object.entries(typed[kind] ?? {})) {
      const year = Number(fy);
      const typedText = canonicalCell(text);
      if (typedText === canonicalCell(cellText(stored(year)))) continue;
      out[year] = typedText === "" ? null : parsePlanCellText(text);
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const plans = cells("plans", (fy) => (fy >= item.editionYear ? item.plans[fy] : item.history.find((h) => h.fiscalYear === fy)?.plan));
  const results = cells("results", (fy) => (fy === item.editionYear ? item.currentResult : item.history.find((h) => h.fiscalYear === fy)?.result));
  if (plans) changes.plans = plans;
  if (results) changes.results = results;
  return changes;
}

/** The field names of a set of changes, in Japanese, for previews and notices. */
export function changedFieldNames(changes: ItemChanges): string[] {
  const names: string[] = [];
  if (changes.name !== undefined) names.push("事業名");
  if (changes.state !== undefined) names.push("区分");
  if (changes.unitLabels !== undefined || changes.unitIds !== undefined) names.push("担当課");
  if (changes.content !== undefined) names.push("取組内容");
  if (changes.effect !== undefined) names.push("取組効果");
  if (changes.remarks !== undefined) names.push("備考");
  for (const fy of Object.keys(changes.plans ?? {})) names.push(`取組計画 ${formatFiscalYear(Number(fy))}`);
  for (const fy of Object.keys(changes.results ?? {})) names.push(`取組実績 ${formatFiscalYear(Number(fy))}`);
  return names;
}

// ---------------------------------------------------------------------------
// Import

export interface ReformImportPreview {
  fiscalYear: number;
  /** How the file was read: 「Excel (項目シート 10枚)」「CSV (項目 10行)」「JSON」. */
  format: string;
  /** Per item sheet: what it would change. */
  items: { sheet: string; number: number; name: string; itemId: number; fields: string[]; changes: ItemChanges; version: number }[];
  problems: SheetProblem[];
}

export class ReformImportRejected extends GyokakuError {
  constructor(readonly problems: SheetProblem[]) {
    super("invalid_input", `ファイルに誤りが${problems.filter((p) => p.severity === "error").length}件あるため、何も取り込んでいません`, { problems });
  }
}

const EditionJson = z.object({
  edition: z.object({ fiscalYear: z.number().int() }),
  items: z.array(
    ItemJsonFields.extend({
      plans: z.record(z.string(), PlanCellSchema.nullable()),
      result: PlanCellSchema.nullable().optional(),
      history: z.array(z.object({ fiscalYear: z.number().int(), plan: PlanCellSchema.nullable().optional(), result: PlanCellSchema.nullable().optional() })),
    }),
  ),
});

/** The edition JSON that exportEditionJson writes → the items as the texts of their sheets. */
function readEditionJson(text: string, fiscalYear: number, sheet: string): { items: { sheet: string; text: ItemSheetText }[]; problems: SheetProblem[] } {
  const refuse = (message: string) => ({ items: [], problems: [{ sheet, severity: "error" as const, row: 1, message }] });
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return refuse("JSON として読めません (括弧や引用符の対応が崩れているか、途中で切れています)");
  }
  const parsed = EditionJson.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.map((p) => (typeof p === "number" ? `${p + 1}件目` : `「${String(p)}」`)).join(" ") : "";
    return refuse(`重点推進項目の JSON の形が正しくありません${path ? ` (${path})` : ""} — gyokaku から書き出した版の JSON ファイルを選んでください`);
  }
  if (parsed.data.edition.fiscalYear !== fiscalYear) return refuse(`このファイルは${formatFiscalYear(parsed.data.edition.fiscalYear)}の版です (${formatFiscalYear(fiscalYear)}の版に取り込もうとしています)`);
  const years = planYears(fiscalYear);
  const items = parsed.data.items.map((i) => {
    const history = i.history.map((h) => ({ fiscalYear: h.fiscalYear, plan: cellText(h.plan ? toPlanCell(h.plan) : null), result: cellText(h.result ? toPlanCell(h.result) : null) }));
    const cellOf = (fy: number) => {
      const cell = i.plans[String(fy)];
      return cell ? cellText(toPlanCell(cell)) : "";
    };
    if (i.result) history.unshift({ fiscalYear, plan: cellOf(fiscalYear), result: cellText(toPlanCell(i.result)) });
    const text: ItemSheetText = {
      number: i.number,
      name: i.name,
      state: i.state,
      unitLabels: i.units.join("、"),
      content: blocksToText(toBlocks(i.content)),
      planYears: years,
      plans: years.map(cellOf),
      effect: blocksToText(toBlocks(i.effect)),
      history,
      remarks: blocksToText(toBlocks(i.remarks)),
    };
    return { sheet: `(${i.number}) ${i.name}`, text };
  });
  return { items, problems: [] };
}

/** True when the text in `bytes` begins (after a BOM and white space) with 「{」: a JSON object, not a table. */
function startsAsObject(bytes: Uint8Array): boolean {
  try {
    return /^\s*\{/.test(decodeText(bytes.subarray(0, 64), "auto").text);
  } catch (error) {
    if (!isInvalidInput(error)) throw error;
    return false;
  }
}

/**
 * An item file in any of the forms the export writes → the items: the workbook (one sheet per item), the CSV (one row per
 * item) or the edition JSON. Bytes become cells through readUpload, as for every other importer.
 */
async function readReformFile(fiscalYear: number, bytes: Uint8Array, filename: string): Promise<{ items: { sheet: string; text: ItemSheetText }[]; problems: SheetProblem[]; format: string }> {
  if (uploadKind(filename, bytes) === "xlsx") {
    const upload = await readUpload(filename, bytes);
    const read = readItemWorkbook(upload.sheets.map((s) => ({ name: s.name ?? "", rows: s.rows })), fiscalYear);
    return { ...read, format: `Excel (項目シート ${read.items.length}枚)` };
  }
  // The edition JSON is an object; told from its first characters, so a CSV is decoded once (in readUpload's worker).
  if (startsAsObject(bytes)) return { ...readEditionJson(decodeText(bytes, "auto").text, fiscalYear, filename), format: "JSON (gyokaku の書出し)" };
  const upload = await readUpload(filename, bytes);
  // The export's formula guard is undone as the xlsx reader does it (io/spreadsheet-cell.ts): export → import is identity.
  const rows = (upload.sheets[0]?.rows ?? []).map((row) => row.map(fromSpreadsheetCell));
  const read = readItemTable(rows, fiscalYear, filename);
  return { ...read, format: `${describeUploadFormat({ ...upload, sheets: [null] })} 項目 ${read.items.length}行` };
}

/** The fields of an item's text by their Japanese name, for {@link controlCharacterProblems}. */
function namedTexts(text: ItemSheetText): [string, string][] {
  return [
    ["事業名", text.name],
    ["状態", text.state],
    ["担当課", text.unitLabels],
    ["取組内容", text.content],
    ...text.plans.map((plan, i): [string, string] => [`${formatFiscalYear(text.planYears[i] ?? 0)}の計画`, plan]),
    ["効果", text.effect],
    ...text.history.flatMap((h): [string, string][] => [[`${formatFiscalYear(h.fiscalYear)}の計画`, h.plan], [`${formatFiscalYear(h.fiscalYear)}の実績`, h.result]]),
    ["備考", text.remarks],
  ];
}

/**
 * Every imported text is checked as a form's text is (textProblem: no NUL or other control character, which
 * PostgreSQL refuses and SQLite would store), whatever the file's form; one problem per field, naming item and field.
 */
function controlCharacterProblems(items: ReformFileRead["items"]): SheetProblem[] {
  const problems: SheetProblem[] = [];
  for (const { sheet, text } of items) {
    const shown = sheet.replace(/\p{Cc}/gu, "?");
    for (const [label, value] of namedTexts(text)) {
      const problem = textProblem(`番号(${text.number})の${label}`, value, Number.POSITIVE_INFINITY);
      if (problem) problems.push({ sheet: shown, severity: "error", row: 1, message: problem });
    }
  }
  return problems;
}

/** Reads and checks an item file (workbook, CSV or JSON) against the edition without writing anything. */
export async function previewReformImport(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "units">, fiscalYear: number, bytes: Uint8Array, filename = "ファイル"): Promise<ReformImportPreview> {
  await requireEdition(tenant, fiscalYear);
  return previewOfRead(tenant, fiscalYear, await readReformFile(fiscalYear, bytes, filename));
}

type ReformFileRead = Awaited<ReturnType<typeof readReformFile>>;

/** The items of an already parsed file checked against the edition (reads only; no parsing, so cheap inside a transaction). */
async function previewOfRead(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "units">, fiscalYear: number, read: ReformFileRead): Promise<ReformImportPreview> {
  const [items, units] = await Promise.all([editionItems(tenant, fiscalYear), tenant.units.list()]);
  const problems = [...read.problems, ...controlCharacterProblems(read.items)];
  const out: ReformImportPreview["items"] = [];
  for (const { sheet, text } of read.items) {
    const item = items.find((i) => i.number === text.number);
    if (!item) {
      problems.push({ sheet, severity: "error", row: 1, column: 2, cell: "B1", message: `${formatFiscalYear(fiscalYear)}の版に番号(${text.number})の項目はありません (新しい項目は概要画面の「新規項目の追加」で作成してください)` });
      continue;
    }
    const changes = changesFromText(
      item,
      {
        name: text.name,
        state: text.state,
        unitLabels: text.unitLabels,
        content: text.content,
        effect: text.effect,
        remarks: text.remarks,
        plans: {
          ...Object.fromEntries(text.history.filter((h) => h.fiscalYear < fiscalYear).map((h) => [h.fiscalYear, h.plan])),
          ...Object.fromEntries(text.planYears.map((fy, i) => [fy, text.plans[i] ?? ""])),
        },
        results: Object.fromEntries(text.history.map((h) => [h.fiscalYear, h.result])),
      },
      units,
    );
    if (changes.unitIds && changes.unitIds.length === 0) {
      problems.push({ sheet, severity: "warning", row: 2, column: 2, cell: "B2", message: "担当課に組織の名前と一致するものがないため、どの編集者もこの項目を担当しなくなります" });
    }
    out.push({ sheet, number: item.number, name: item.name, itemId: item.id, fields: changedFieldNames(changes), changes, version: item.version });
  }
  return { fiscalYear, format: read.format, items: out, problems };
}

/** Imports an item workbook: every changed item or none (one transaction); unchanged items are not touched. */
export async function importReformWorkbook(tenant: Pick<TenantDb, "audit" | "reformEditions" | "reformItems" | "transaction" | "units">, actor: Actor, fiscalYear: number, bytes: Uint8Array, filename: string): Promise<{ changed: number; preview: ReformImportPreview }> {
  requireAdmin(actor, "重点推進項目のファイルを取り込む");
  // The upload is parsed (workbook unzip, CSV decoding in a worker) before the write transaction opens, so the
  // transaction — and on SQLite the single writer lock — is held only for the reads and writes themselves.
  const read = await readReformFile(fiscalYear, bytes, filename);
  return tenant.transaction(async (tx) => {
    await requireEdition(tx, fiscalYear);
    const preview = await previewOfRead(tx, fiscalYear, read);
    if (preview.problems.some((p) => p.severity === "error")) throw new ReformImportRejected(preview.problems);
    const problems: SheetProblem[] = [];
    let changed = 0;
    for (const entry of preview.items) {
      if (entry.fields.length === 0) continue;
      try {
        await updateItem(tx, actor, entry.itemId, entry.version, entry.changes);
        changed += 1;
      } catch (error) {
        if (!isGyokakuError(error) || error.code !== "invalid_input") throw error;
        problems.push({ sheet: entry.sheet, severity: "error", row: 1, message: error.message });
      }
    }
    if (problems.length > 0) throw new ReformImportRejected(problems);
    await recordChange(tx, actor, {
      action: "create",
      entity: "import",
      entityId: filename.slice(0, 64),
      summary: `重点推進項目ファイルを取込: ${filename} (${formatFiscalYear(fiscalYear)}; ${changed}件変更)`,
    });
    return { changed, preview };
  });
}
