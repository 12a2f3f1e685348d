/**
 * 重点推進項目シート (reform item sheet): one worksheet per item in the layout of the seed's section 5 —
 * 事業名 / 担当課 / 取組内容 / 取組計画 (four year columns) / 取組効果 / これまでの取組計画・実績 (plan and result
 * per year) / 備考 — and back. Cells hold the text forms the edit pages use (planCellToText, blocksToText), so a
 * sheet exported and read back compares equal cell by cell. Nothing here writes to the database.
 */
import { formatEraYear, formatFiscalYear } from "../domain/era.js";
import { isStage, ITEM_STATES, parsePlanCellText, planCellProblems, STAGES } from "../domain/reform.js";
import { tryYearHeader } from "../domain/year-header.js";
import { cellName, type ImportProblem } from "./problems.js";
import { spreadsheetCell } from "./spreadsheet-cell.js";
import { excel, type SheetGrid } from "./xlsx.js";

/** An item as the texts of its sheet's cells. */
export interface ItemSheetText {
  number: number;
  name: string;
  state: string;
  /** 担当課 as written, 「、」 between units. */
  unitLabels: string;
  content: string;
  /** The edition's four plan columns. */
  planYears: number[];
  plans: string[];
  effect: string;
  /** これまでの取組計画・実績, newest first; may include the edition year itself once its result is reported. */
  history: { fiscalYear: number; plan: string; result: string }[];
  remarks: string;
}

export interface SheetProblem extends ImportProblem {
  sheet: string;
}

export function formatSheetProblem(p: SheetProblem): string {
  return `シート「${p.sheet}」${p.cell ?? `${p.row}行目`}: ${p.message}`;
}

export const LABELS = {
  name: "事業名",
  units: "担当課",
  content: "取組内容",
  plan: "取組計画",
  effect: "取組効果",
  history: "これまでの取組計画・実績",
  remarks: "備考",
} as const;

/** Header of a plan column: 令和7年度 …, the last one 令和10年度以降. */
export function planColumnLabel(fy: number, last: boolean): string {
  return `${formatEraYear(fy)}${last ? "以降" : ""}`;
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetNameFor(number: number, name: string, used: Set<string>): string {
  const base = `(${number}) ${name}`.replace(/[:\\/?*[\]]/g, "・").slice(0, 31);
  let candidate = base;
  for (let i = 2; used.has(candidate); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  used.add(candidate);
  return candidate;
}

/** The rows of one sheet (columns A–E), as the seed lays the item out. */
export function itemSheetRows(item: ItemSheetText): string[][] {
  const rows: string[][] = [
    [LABELS.name, `(${item.number}) ${item.name}`, "", "", item.state],
    [LABELS.units, item.unitLabels, "", "", ""],
    [LABELS.content, item.content, "", "", ""],
    [LABELS.plan, ...item.planYears.map((fy, i) => planColumnLabel(fy, i === item.planYears.length - 1))],
    ["", ...item.plans],
    [LABELS.effect, item.effect, "", "", ""],
    [LABELS.history, "区分", "取組計画", "取組実績", ""],
    ...item.history.map((h) => ["", formatEraYear(h.fiscalYear), h.plan, h.result, ""]),
    [LABELS.remarks, item.remarks, "", "", ""],
  ];
  return rows;
}

/** Writes one sheet per item, with the seed's merged cells, wrapped text and widths. */
export async function writeItemWorkbook(items: readonly ItemSheetText[]): Promise<Uint8Array> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const item of items) {
    const sheet = workbook.addWorksheet(sheetNameFor(item.number, item.name, used));
    const rows = itemSheetRows(item);
    rows.forEach((r) => sheet.addRow(r.map(spreadsheetCell)));
    sheet.columns.forEach((col, i) => {
      col.width = i === 0 ? 16 : 34;
    });
    sheet.eachRow((row, r) => {
      row.alignment = { vertical: "top", wrapText: true };
      const label = rows[r - 1]?.[0] ?? "";
      if (label !== "") row.getCell(1).font = { bold: true };
      if (label === LABELS.name) {
        sheet.mergeCells(r, 2, r, 4);
        row.font = { bold: true };
      } else if (label === LABELS.units || label === LABELS.content || label === LABELS.effect || label === LABELS.remarks) {
        sheet.mergeCells(r, 2, r, 5);
      } else if (label === LABELS.plan) {
        row.font = { bold: true };
      } else if (label === LABELS.history) {
        row.font = { bold: true };
        sheet.mergeCells(r, 4, r, 5);
      } else if (r > 7 && label === "") {
        sheet.mergeCells(r, 4, r, 5);
      }
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------
// Reading

const HISTORY_LABELS = new Set<string>([LABELS.history, "これまでの取組実績", "これまでの取組計画実績"]);

function at(rows: readonly (readonly string[])[], r: number, c: number): string {
  return rows[r]?.[c] ?? "";
}

function norm(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

/** A first line <…> that reads like a stage but is none of the four is a typo, not text (<実施中>, <継続>…<調査・検討>). */
export function unknownStageTag(text: string): string | null {
  const first = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== "");
  const tag = first ? /^[<＜]([^>＞]+)[>＞]/.exec(first) : null;
  const name = tag?.[1]?.trim();
  return name && !isStage(name) && /実施|検討|継続/.test(name) ? name : null;
}

export function unknownStageMessage(tag: string): string {
  return `段階「${tag}」はありません (${STAGES.map((s) => `<${s}>`).join("・")})`;
}

function checkCell(sheet: string, r: number, c: number, text: string, columnIndex: number, problems: SheetProblem[]): void {
  const bad = unknownStageTag(text);
  if (bad) {
    problems.push({ sheet, severity: "error", row: r + 1, column: c + 1, cell: cellName(r + 1, c + 1), message: unknownStageMessage(bad) });
    return;
  }
  if (text.trim() === "") return;
  for (const message of planCellProblems(parsePlanCellText(text), columnIndex)) {
    problems.push({ sheet, severity: "error", row: r + 1, column: c + 1, cell: cellName(r + 1, c + 1), message });
  }
}

/**
 * A year label of an item sheet or the items' table → its fiscal year, by the one year-header reader every importer uses
 * (domain/year-header.ts, issue 10 kind B): 「令和8年度」「R8」「平成30年度」「H30.4.1」「令和八年度」「(R8)」「R8(見込み)」,
 * and the plan's last column 「令和10年度以降」. The edition's year stands for the current fiscal year in the plausible
 * span (an edition's columns reach three years past it); a year written without its era is refused with that reason.
 */
function readYear(label: string, editionYear: number): { ok: true; value: number } | { ok: false; message: string } {
  return tryYearHeader(label.replace(/以降$/, "").trim(), { currentFiscalYear: editionYear });
}

function yearOf(label: string, editionYear: number): number | null {
  const read = readYear(label, editionYear);
  return read.ok ? read.value : null;
}

/**
 * Reads one item sheet of the edition `editionYear`. Rows are found by their label in column A, so a row
 * inserted by hand does not shift the rest; every problem names the sheet and the cell.
 */
export function readItemSheet(grid: SheetGrid, editionYear: number): { item: ItemSheetText | null; problems: SheetProblem[] } {
  const sheet = grid.name;
  const rows = grid.rows;
  const problems: SheetProblem[] = [];
  const error = (r: number, c: number, message: string) => problems.push({ sheet, severity: "error", row: r + 1, column: c + 1, cell: cellName(r + 1, c + 1), message });
  const find = (label: string | Set<string>) => rows.findIndex((row) => (typeof label === "string" ? norm(row[0] ?? "") === label : label.has(norm(row[0] ?? ""))));
  const index = {
    name: find(LABELS.name),
    units: find(LABELS.units),
    content: find(LABELS.content),
    plan: find(LABELS.plan),
    effect: find(LABELS.effect),
    history: find(HISTORY_LABELS),
    remarks: find(LABELS.remarks),
  };
  for (const [key, r] of Object.entries(index)) {
    if (r < 0) problems.push({ sheet, severity: "error", row: 1, column: 1, cell: "A1", message: `A列に「${LABELS[key as keyof typeof LABELS]}」の行がありません` });
  }
  if (problems.length > 0) return { item: null, problems };

  const title = at(rows, index.name, 1).trim();
  const titleMatch = /^[(（]\s*([0-9０-９]+)\s*[)）]\s*(.+)$/.exec(title);
  if (!titleMatch) error(index.name, 1, `事業名は「(1) 情報システム…」のように番号を付けて書いてください(入力値「${title}」)`);
  const state = at(rows, index.name, 4).trim();
  if (!(ITEM_STATES as readonly string[]).includes(state)) error(index.name, 4, `区分は ${ITEM_STATES.join("・")} のいずれかです(入力値「${state}」)`);

  const years = [editionYear, editionYear + 1, editionYear + 2, editionYear + 3];
  years.forEach((fy, i) => {
    const label = at(rows, index.plan, i + 1).trim();
    if (yearOf(label, editionYear) !== fy) error(index.plan, i + 1, `この版(${formatFiscalYear(editionYear)})の${i + 1}列目は「${planColumnLabel(fy, i === 3)}」です(入力値「${label}」)`);
  });
  const plans = years.map((_, i) => at(rows, index.plan + 1, i + 1));
  plans.forEach((text, i) => checkCell(sheet, index.plan + 1, i + 1, text, i, problems));

  const history: ItemSheetText["history"] = [];
  for (let r = index.history + 1; r < rows.length; r++) {
    if (r === index.remarks || Object.values(index).includes(r)) break;
    const label = at(rows, r, 1).trim();
    const plan = at(rows, r, 2);
    const result = at(rows, r, 3);
    if (label === "" && plan.trim() === "" && result.trim() === "") continue;
    const read = readYear(label, editionYear);
    if (!read.ok) {
      error(r, 1, `${read.message} (例: 令和6年度)`);
      continue;
    }
    const fy = read.value;
    if (fy > editionYear) {
      error(r, 1, `これまでの取組には${formatFiscalYear(editionYear)}までの年度を書きます(入力値「${label}」)`);
      continue;
    }
    if (history.some((h) => h.fiscalYear === fy)) {
      error(r, 1, `${formatFiscalYear(fy)}が2回書かれています`);
      continue;
    }
    checkCell(sheet, r, 2, plan, -1, problems);
    checkCell(sheet, r, 3, result, -1, problems);
    history.push({ fiscalYear: fy, plan, result });
  }
  if (problems.some((p) => p.severity === "error") || !titleMatch) return { item: null, problems };
  return {
    item: {
      number: Number((titleMatch[1] ?? "").normalize("NFKC")),
      name: (titleMatch[2] ?? "").trim(),
      state,
      unitLabels: at(rows, index.units, 1),
      content: at(rows, index.content, 1),
      planYears: years,
      plans,
      effect: at(rows, index.effect, 1),
      history,
      remarks: at(rows, index.remarks, 1),
    },
    problems,
  };
}

/** Every item sheet of a workbook; sheets without a 事業名 row are skipped with a warning. Duplicate numbers are errors. */
export function readItemWorkbook(grids: readonly SheetGrid[], editionYear: number): { items: { sheet: string; text: ItemSheetText }[]; problems: SheetProblem[] } {
  const items: { sheet: string; text: ItemSheetText }[] = [];
  const problems: SheetProblem[] = [];
  for (const grid of grids) {
    if (!grid.rows.some((row) => norm(row[0] ?? "") === LABELS.name)) {
      problems.push({ sheet: grid.name, severity: "warning", row: 1, message: "「事業名」の行がないため、このシートは読み飛ばしました" });
      continue;
    }
    const read = readItemSheet(grid, editionYear);
    problems.push(...read.problems);
    if (!read.item) continue;
    const twice = items.find((i) => i.text.number === read.item?.number);
    if (twice) {
      const r = grid.rows.findIndex((row) => norm(row[0] ?? "") === LABELS.name);
      problems.push({ sheet: grid.name, severity: "error", row: r + 1, column: 2, cell: cellName(r + 1, 2), message: `番号(${read.item.number})の項目が別のシートにもあります` });
      continue;
    }
    items.push({ sheet: grid.name, text: read.item });
  }
  if (items.length === 0 && !problems.some((p) => p.severity === "error")) {
    problems.push({ sheet: grids[0]?.name ?? "", severity: "error", row: 1, message: "重点推進項目のシートが一つもありません" });
  }
  return { items, problems };
}

// ---------------------------------------------------------------------------
// All items as one table (CSV)

/** One row per item: the sheet's cells side by side, with a column per plan year and per past year's plan and result. */
export function itemTableRows(editionYear: number, items: readonly ItemSheetText[]): string[][] {
  const planYears = [editionYear, editionYear + 1, editionYear + 2, editionYear + 3];
  const pastYears = [...new Set(items.flatMap((i) => i.history.map((h) => h.fiscalYear)))].sort((a, b) => b - a);
  const header = [
    "版",
    "番号",
    LABELS.name,
    "区分",
    LABELS.units,
    LABELS.content,
    ...planYears.map((fy, i) => `${LABELS.plan} ${planColumnLabel(fy, i === 3)}`),
    LABELS.effect,
    ...pastYears.flatMap((fy) => [`取組計画(これまで) ${formatEraYear(fy)}`, `取組実績 ${formatEraYear(fy)}`]),
    LABELS.remarks,
  ];
  const body = items.map((item) => [
    formatEraYear(editionYear),
    String(item.number),
    item.name,
    item.state,
    item.unitLabels,
    item.content,
    ...item.plans,
    item.effect,
    ...pastYears.flatMap((fy) => {
      const h = item.history.find((x) => x.fiscalYear === fy);
      return [h?.plan ?? "", h?.result ?? ""];
    }),
    item.remarks,
  ]);
  return [header, ...body];
}

/**
 * All items as one table (what itemTableRows writes, e.g. the CSV export) → the items, for the edition `editionYear`.
 * Columns are found by their heading, so columns moved or left out by hand are read or reported by name; every
 * problem names the cell. `sheet` is how messages name the table (the file name for a CSV).
 */
export function readItemTable(rows: readonly (readonly string[])[], editionYear: number, sheet: string): { items: { sheet: string; text: ItemSheetText }[]; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const error = (r: number, c: number, message: string) => problems.push({ sheet, severity: "error", row: r + 1, column: c + 1, cell: cellName(r + 1, c + 1), message });
  const header = (rows[0] ?? []).map(norm);
  const column = (label: string) => header.indexOf(norm(label));
  const required = { number: column("番号"), name: column(LABELS.name), state: column("区分") };
  for (const [key, c] of Object.entries(required)) {
    if (c < 0) problems.push({ sheet, severity: "error", row: 1, column: 1, cell: "A1", message: `見出しに「${{ number: "番号", name: LABELS.name, state: "区分" }[key]}」の列がありません` });
  }
  const planYearsOfEdition = [editionYear, editionYear + 1, editionYear + 2, editionYear + 3];
  const planHeadings = planYearsOfEdition.map((fy, i) => `${LABELS.plan} ${planColumnLabel(fy, i === 3)}`);
  // A column left out would read as blank and clear the field: refuse instead, naming it.
  for (const label of [LABELS.units, LABELS.content, ...planHeadings, LABELS.effect, LABELS.remarks]) {
    if (column(label) < 0) problems.push({ sheet, severity: "error", row: 1, column: 1, cell: "A1", message: `見出しに「${label}」の列がありません (${formatFiscalYear(editionYear)}の版の表を選んでください)` });
  }
  if (problems.length > 0) return { items: [], problems };
  const planColumns = planHeadings.map(column);
  const pastColumns: { fiscalYear: number; plan: number; result: number }[] = [];
  header.forEach((h, c) => {
    const m = /^取組計画\(これまで\)(.+)$/.exec(h);
    const fy = m?.[1] ? yearOf(m[1], editionYear) : null;
    if (fy !== null) pastColumns.push({ fiscalYear: fy, plan: c, result: header.indexOf(norm(`取組実績 ${formatEraYear(fy)}`)) });
  });
  const editionColumn = column("版");
  const items: { sheet: string; text: ItemSheetText }[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cell = (c: number) => (c < 0 ? "" : at(rows, r, c));
    if ((rows[r] ?? []).every((v) => v.trim() === "")) continue;
    if (editionColumn >= 0 && cell(editionColumn).trim() !== "" && yearOf(cell(editionColumn), editionYear) !== editionYear) {
      error(r, editionColumn, `この取込は${formatFiscalYear(editionYear)}の版です(入力値「${cell(editionColumn)}」)`);
      continue;
    }
    const numberText = cell(required.number).normalize("NFKC").trim();
    const before = problems.length;
    if (!/^[1-9]\d{0,3}$/.test(numberText)) error(r, required.number, `番号は1以上の整数です(入力値「${cell(required.number)}」)`);
    const state = cell(required.state).trim();
    if (!(ITEM_STATES as readonly string[]).includes(state)) error(r, required.state, `区分は ${ITEM_STATES.join("・")} のいずれかです(入力値「${state}」)`);
    if (cell(required.name).trim() === "") error(r, required.name, "事業名が空欄です");
    const plans = planColumns.map((c, i) => {
      const text = cell(c);
      if (c >= 0) checkCell(sheet, r, c, text, i, problems);
      return text;
    });
    const history = pastColumns
      .map((p) => ({ fiscalYear: p.fiscalYear, plan: cell(p.plan), result: cell(p.result) }))
      .filter((h) => h.plan.trim() !== "" || h.result.trim() !== "");
    for (const p of pastColumns) {
      checkCell(sheet, r, p.plan, cell(p.plan), -1, problems);
      if (p.result >= 0) checkCell(sheet, r, p.result, cell(p.result), -1, problems);
    }
    if (problems.length > before) continue;
    const number = Number(numberText);
    if (items.some((i) => i.text.number === number)) {
      error(r, required.number, `番号(${number})の項目が別の行にもあります`);
      continue;
    }
    items.push({
      sheet,
      text: {
        number,
        name: cell(required.name).trim(),
        state,
        unitLabels: cell(column(LABELS.units)),
        content: cell(column(LABELS.content)),
        planYears: planYearsOfEdition,
        plans,
        effect: cell(column(LABELS.effect)),
        history: history.sort((a, b) => b.fiscalYear - a.fiscalYear),
        remarks: cell(column(LABELS.remarks)),
      },
    });
  }
  if (items.length === 0 && !problems.some((p) => p.severity === "error")) problems.push({ sheet, severity: "error", row: 1, message: "重点推進項目の行が一つもありません" });
  return { items, problems };
}
