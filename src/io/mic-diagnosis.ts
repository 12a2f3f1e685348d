/**
 * A municipality's own 定員管理診断表 as MIC sends it (the seed's 図表10): a row per sector and subtotal, the
 * staff of the previous (A) and current (B) survey, B−A, and per basis (単純値 / 修正値) the reference count,
 * 超過数 and 超過率. Reference counts are stored as given; 超過数, 超過率 and B−A are recomputed and checked
 * (MIC leaves a zero blank: 労働's corrected 超過数 is blank while its rate is 0.0). The header is the seed's:
 *
 *   大 部 門 | 千歳市の職員数の増減                 | 類似団体の単純値及び修正値により算出した職員数との比較
 *            | R5.4.1 現在職員数 | R6.4.1 現在職員数 | 増 減 | 単純値による比較        | 修正値による比較
 *            | A                 | B                 | B-A   | 単純値 住基人口×10,000 | 超過数 | 超過率 | …
 *            | 人                | 人                | 人    | 人                     | 人     | %      | …
 *   議 会    | 9                 | 9                 |       | 8                      | 1      | 11.1   | …
 */
import { comparisonName, comparisonRowOf, isTotalCode, nestedSubtotalSum, readSurveyDate, TOTAL_PARTS } from "../domain/comparison.js";
import { nonUnitRowKind } from "../domain/number-cell.js";
import { sectorByCode } from "../domain/sector.js";
import { isNestedSubtotal, NESTED_SUBTOTAL_NAMES, NESTED_SUBTOTAL_PARTS, SUBTOTAL_PARTS, SubtotalReader, sectorLabelCode, sectorPartOf } from "../domain/sector-labels.js";
import { eraOfTitle, readYearCell } from "./cells.js";
import { diagnoseAgainstReference, formatTriangle } from "../domain/diagnosis.js";
import { cellAt, columnLabels, compact, fileYear, findRow, formatCount, type Grid, isBlankRow, isNoteRow, type MicReadOptions, readHeaderBlock, readNumber, subtotalProblem } from "./mic-common.js";
import { cellProblem, type ImportProblem, rowProblem, sortProblems } from "./problems.js";

export interface OwnDiagnosisRecord {
  sector: string;
  actual: number | null;
  simpleReference: number | null;
  correctedReference: number | null;
}

export interface OwnDiagnosisImport {
  /** The survey year of column B, with its actual staff and reference counts. */
  current: { fiscalYear: number; rows: OwnDiagnosisRecord[] } | null;
  /** Column A: the previous survey's actual staff only. */
  previous: { fiscalYear: number; rows: { sector: string; actual: number | null }[] } | null;
  problems: ImportProblem[];
}

type Basis = "simple" | "corrected";
type Role =
  | { kind: "actual"; slot: "A" | "B" | null; fiscalYear: number | null }
  | { kind: "change" }
  | { kind: "reference" | "excess" | "rate"; basis: Basis };

/** A column's role as its own labels say it; 超過数 and 超過率 without a basis take the reference column's to their left. */
type RawRole = Role | { kind: "excess" | "rate"; basis: null };

const BASIS_LABEL: Record<Basis, string> = { simple: "単純値", corrected: "修正値" };

function basisOf(labels: readonly string[]): Basis | null {
  for (const label of [...labels].reverse()) {
    const simple = /単純/.test(label);
    if (simple !== /修正/.test(label)) return simple ? "simple" : "corrected";
  }
  return null;
}

/** A survey date or a year label (「H21年」「令和6年度」「(H13)」, readYearHeader) in a column's labels. */
function yearOfLabel(label: string, context: YearContext): number | null {
  const date = readSurveyDate(label);
  if (date) return date.fiscalYear;
  if (!/\d|元|[一二三四五六七八九十]/.test(label)) return null;
  const year = readYearCell(label, context);
  return year.ok ? year.value : null;
}

interface YearContext {
  currentFiscalYear: number;
  era?: string;
}

function roleOf(labels: readonly string[], context: YearContext): RawRole | undefined {
  const years = labels.map((l) => yearOfLabel(l, context));
  const dated = years.find((y) => y !== null) ?? null;
  for (const [index, label] of [...labels.entries()].reverse()) {
    if (/^(人|%|人数)$/.test(label)) continue;
    if (/^B-A$|^(対前年(度)?)?増減(数)?$|^差引?$/.test(label)) return { kind: "change" };
    const basis = basisOf(labels);
    if (/超過数/.test(label)) return { kind: "excess", basis };
    if (/超過率/.test(label)) return { kind: "rate", basis };
    if (/^[AB]$/.test(label)) return { kind: "actual", slot: label === "A" ? "A" : "B", fiscalYear: dated };
    const simple = /単純/.test(label);
    if (simple !== /修正/.test(label)) return { kind: "reference", basis: simple ? "simple" : "corrected" };
    if (years[index] !== null || /現在職員数|^職員数$/.test(label)) return { kind: "actual", slot: null, fiscalYear: years[index] ?? dated };
  }
  return undefined;
}

interface Parsed {
  sector: string;
  row: number;
  a: number | null;
  b: number | null;
  /** A cell of this row could not be read (its subtotals are then not checked: the mismatch would only repeat that error). */
  unreadable: { a: boolean; b: boolean };
}

/**
 * The column that holds the sector names: the label column (「部門」「区分」) or, where the 公表様式 puts 一般行政 /
 * 普通会計 groupings there, the column beside it whose rows name the most sectors.
 */
function sectorColumn(rows: Grid, headerIndex: number, labelColumn: number): number {
  let best = labelColumn;
  let bestCount = -1;
  for (let c = labelColumn; c <= labelColumn + 2; c++) {
    let count = 0;
    for (let i = headerIndex + 1; i < Math.min(rows.length, headerIndex + 60); i++) {
      const code = sectorLabelCode(cellAt(rows[i], c));
      if (code !== undefined && code !== "positional" && !(code in SUBTOTAL_PARTS) && !isNestedSubtotal(code)) count++;
    }
    if (count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  return best;
}

export function parseOwnDiagnosis(rows: Grid, options: MicReadOptions): OwnDiagnosisImport {
  const problems: ImportProblem[] = [];
  const empty = (): OwnDiagnosisImport => ({ current: null, previous: null, problems: sortProblems(problems) });
  const headerIndex = findRow(rows, (cells) => cells.some((c) => /^(大部門|部門|部門名|区分)$/.test(c)) || cells.some((c) => /現在職員数|超過数/.test(c)));
  if (headerIndex < 0) {
    problems.push(rowProblem("error", 1, "見出し行が見つかりません (「大部門」の列と、職員数・単純値・修正値の列が必要です)"));
    return empty();
  }
  const labelColumn = Math.max(0, (rows[headerIndex] ?? []).findIndex((c) => /^(大部門|部門|部門名|区分)$/.test(compact(c))));
  const keyColumn = sectorColumn(rows, headerIndex, labelColumn);
  const block = readHeaderBlock(rows, headerIndex, labelColumn);
  const context: YearContext = { currentFiscalYear: options.currentFiscalYear, era: eraOfTitle(rows, headerIndex + 1) };

  const roles = new Map<number, Role>();
  const taken = new Map<string, number>();
  let lastBasis: Basis | null = null;
  for (let c = 0; c < block.width; c++) {
    if (c === keyColumn || c === labelColumn) continue;
    const labels = columnLabels(block, c);
    if (labels.length === 0) continue;
    const raw = roleOf(labels, context);
    const role: Role | undefined =
      raw && (raw.kind === "excess" || raw.kind === "rate") && raw.basis === null ? (lastBasis ? { kind: raw.kind, basis: lastBasis } : undefined) : (raw as Role | undefined);
    if (role?.kind === "reference") lastBasis = role.basis;
    if (!role) {
      problems.push(cellProblem("warning", block.first + 1, c + 1, `列「${labels.join(" ")}」は使いません`));
      continue;
    }
    const key = role.kind === "actual" ? `actual/${role.slot ?? role.fiscalYear ?? c}` : role.kind === "change" ? "change" : `${role.kind}/${role.basis}`;
    const earlier = taken.get(key);
    if (earlier !== undefined) {
      problems.push(cellProblem("error", block.first + 1, c + 1, `同じ内容の列が2つあります (${earlier + 1}列目と${c + 1}列目)`));
      continue;
    }
    taken.set(key, c);
    roles.set(c, role);
  }

  // Columns A and B: by their letters, else by their dates (earlier = A); their years by date, else from the file or form.
  const actuals = [...roles].filter((e): e is [number, Extract<Role, { kind: "actual" }>] => e[1].kind === "actual");
  if (actuals.length === 0 || actuals.length > 2) {
    problems.push(rowProblem("error", headerIndex + 1, actuals.length === 0 ? "職員数の列(R6.4.1 現在職員数 など)が見つかりません" : "職員数の列が3つ以上あります (前年度Aと当年度Bの2列まで)"));
    return empty();
  }
  const sorted = [...actuals].sort((x, y) => (x[1].slot ?? "").localeCompare(y[1].slot ?? "") || (x[1].fiscalYear ?? 0) - (y[1].fiscalYear ?? 0) || x[0] - y[0]);
  const bEntry = sorted.length === 2 ? sorted[1] : sorted[0];
  const aEntry = sorted.length === 2 ? sorted[0] : undefined;
  const bColumn = bEntry?.[0] ?? -1;
  const aColumn = aEntry?.[0];
  let bYear = bEntry?.[1].fiscalYear ?? null;
  let aYear = aEntry?.[1].fiscalYear ?? null;
  if (bYear === null) bYear = aYear !== null ? aYear + 1 : fileYear(rows, headerIndex, options.fiscalYear, problems, true, options.currentFiscalYear);
  if (aEntry && aYear === null && bYear !== null) aYear = bYear - 1;
  if (bYear === null) return empty();
  if (aYear !== null && aYear >= bYear) {
    problems.push(cellProblem("error", block.first + 1, (aColumn ?? 0) + 1, `A列の年度(${aYear}年度)がB列の年度(${bYear}年度)より前になっていません`));
    return empty();
  }
  const columnOf = (kind: Role["kind"], basis?: Basis) =>
    [...roles].find(([, role]) => role.kind === kind && (basis === undefined || ("basis" in role && role.basis === basis)))?.[0];

  const parsed: Parsed[] = [];
  const sectors = new SubtotalReader();
  const references = new Map<string, { simple: number | null; corrected: number | null }>();
  const seen = new Map<string, number>();
  const partSectors = new Set<string>();
  const nestedRows: Parsed[] = [];
  for (let i = block.bodyStart; i < rows.length; i++) {
    const row = rows[i] ?? [];
    if (isBlankRow(row) || isNoteRow(row)) continue;
    const r = i + 1;
    const label = cellAt(row, keyColumn) || (keyColumn !== labelColumn ? cellAt(row, labelColumn) : "");
    if (label !== "" && nonUnitRowKind(label) === "note") continue;
    const sector = label === "" ? undefined : sectors.read(label);
    if (!sector) {
      const reason = label === "" ? "部門名が空欄です" : sectorLabelCode(label) === "positional" ? sectors.lastError : `部門「${label}」が分かりません (議会、総務・企画 … 一般行政計、普通会計計、公営企業等会計、合計)`;
      problems.push(cellProblem("error", r, keyColumn + 1, reason));
      continue;
    }
    const nested = isNestedSubtotal(sector);
    // 国保, 介護, 収益事業 … are parts of gyokaku's その他: several such rows (and その他 itself) add up into it.
    const partOf = sectorPartOf(label);
    const earlier = seen.get(sector);
    const addsUp = earlier !== undefined && (partOf !== undefined || partSectors.has(sector));
    if (earlier !== undefined && !addsUp) {
      problems.push(cellProblem("error", r, keyColumn + 1, `「${nested ? NESTED_SUBTOTAL_NAMES[sector] : comparisonName(sector)}」の行が${earlier}行目にもあります`));
      continue;
    }
    if (earlier === undefined) seen.set(sector, r);
    if (partOf !== undefined) {
      partSectors.add(sector);
      problems.push(cellProblem("warning", r, keyColumn + 1, `「${label.trim()}」は gyokaku の部門「${comparisonName(sector)}」(${sectorByCode(sector)?.description ?? ""}) に含めて取り込みます`));
    }
    const name = nested ? NESTED_SUBTOTAL_NAMES[sector] : partOf !== undefined ? label.trim() : comparisonName(sector);
    const read = (column: number | undefined, what: string, kind: "count" | "signed-count" | "signed-decimal") =>
      column === undefined ? ({ ok: true, value: null } as const) : readNumber(rows, i, column, `「${name}」の${what}`, kind, problems);
    const a = read(aColumn, "A(前年度の職員数)", "count");
    const b = read(bColumn, "B(職員数)", "count");
    const change = read(columnOf("change"), "増減(B-A)", "signed-count");
    if (a.ok && b.ok && change.ok && a.value !== null && b.value !== null) {
      const expected = b.value - a.value;
      const stated = change.value ?? 0;
      const changeColumn = columnOf("change");
      if (changeColumn !== undefined && stated !== expected) {
        problems.push(cellProblem("error", r, changeColumn + 1, `「${name}」の増減 ${formatTriangle(stated)} が B−A = ${formatTriangle(expected)} と一致しません`));
      }
    }
    if (nested) {
      // 特別行政計 is checked against 教育 + 消防 (after the loop) and not stored: gyokaku keeps the parts.
      nestedRows.push({ sector, row: r, a: a.ok ? a.value : null, b: b.ok ? b.value : null, unreadable: { a: !a.ok, b: !b.ok } });
      continue;
    }
    const pair = { simple: null as number | null, corrected: null as number | null };
    for (const basis of ["simple", "corrected"] as const) {
      const refColumn = columnOf("reference", basis);
      const ref = read(refColumn, `${BASIS_LABEL[basis]}による職員数`, "count");
      const excess = read(columnOf("excess", basis), `${BASIS_LABEL[basis]}の超過数`, "signed-count");
      const rate = read(columnOf("rate", basis), `${BASIS_LABEL[basis]}の超過率`, "signed-decimal");
      if (!ref.ok || !excess.ok || !rate.ok || !b.ok) continue;
      const row = comparisonRowOf(sector);
      if (ref.value === null) {
        const stray = excess.value !== null ? columnOf("excess", basis) : rate.value !== null ? columnOf("rate", basis) : undefined;
        if (stray !== undefined) problems.push(cellProblem("error", r, stray + 1, `「${name}」の${BASIS_LABEL[basis]}による職員数が空欄なのに、超過数・超過率があります`));
        continue;
      }
      if (!row?.compared) {
        problems.push(cellProblem("warning", r, (refColumn ?? 0) + 1, `「${name}」は類似団体と比較しない部門(公営企業等会計)のため、${BASIS_LABEL[basis]}による職員数は取り込みません`));
        continue;
      }
      pair[basis] = ref.value;
      if (b.value === null) continue;
      const expected = diagnoseAgainstReference(b.value, ref.value);
      const excessColumn = columnOf("excess", basis);
      if (excessColumn !== undefined && (excess.value ?? 0) !== expected.excess) {
        problems.push(cellProblem("error", r, excessColumn + 1, `「${name}」の${BASIS_LABEL[basis]}の超過数 ${formatTriangle(excess.value ?? 0)} が B − ${formatCount(ref.value)} = ${formatTriangle(expected.excess)} と一致しません`));
      }
      const rateColumn = columnOf("rate", basis);
      if (rateColumn !== undefined && rate.value !== null && !Number.isNaN(expected.rate) && Math.abs(rate.value - expected.rate) > 0.05 + 1e-9) {
        problems.push(cellProblem("error", r, rateColumn + 1, `「${name}」の${BASIS_LABEL[basis]}の超過率 ${formatTriangle(rate.value, 1)} が 超過数 ÷ B × 100 = ${formatTriangle(expected.rate, 1)} と一致しません`));
      }
    }
    const entry = addsUp ? parsed.find((p) => p.sector === sector) : undefined;
    if (entry) {
      // A part added to the row(s) of its sector read before (公営企業等会計: no references to add).
      const add = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : x + y);
      entry.a = add(entry.a, a.ok ? a.value : null);
      entry.b = add(entry.b, b.ok ? b.value : null);
      entry.unreadable = { a: entry.unreadable.a || !a.ok, b: entry.unreadable.b || !b.ok };
      continue;
    }
    references.set(sector, pair);
    parsed.push({ sector, row: r, a: a.ok ? a.value : null, b: b.ok ? b.value : null, unreadable: { a: !a.ok, b: !b.ok } });
  }
  checkNestedSubtotals(parsed, nestedRows, "a", aColumn, problems);
  checkNestedSubtotals(parsed, nestedRows, "b", bColumn, problems);
  if (parsed.length === 0 && !problems.some((p) => p.severity === "error")) {
    problems.push(rowProblem("error", block.bodyStart + 1, "取り込める部門の行がありません"));
  }
  checkSubtotals(parsed, "a", aColumn, problems);
  checkSubtotals(parsed, "b", bColumn, problems);
  return {
    current: {
      fiscalYear: bYear,
      rows: parsed.map((p) => ({ sector: p.sector, actual: p.b, simpleReference: references.get(p.sector)?.simple ?? null, correctedReference: references.get(p.sector)?.corrected ?? null })),
    },
    previous: aYear === null ? null : { fiscalYear: aYear, rows: parsed.map((p) => ({ sector: p.sector, actual: p.a })) },
    problems: sortProblems(problems),
  };
}

/** 特別行政計 (a subtotal gyokaku does not store) must be the sum of its stated parts 教育 + 消防, as every subtotal is. */
function checkNestedSubtotals(parsed: readonly Parsed[], nestedRows: readonly Parsed[], slot: "a" | "b", column: number | undefined, problems: ImportProblem[]): void {
  if (column === undefined) return;
  for (const n of nestedRows) {
    const stated = n[slot];
    if (stated === null || n.unreadable[slot] || !isNestedSubtotal(n.sector)) continue;
    const parts = NESTED_SUBTOTAL_PARTS[n.sector].map((code) => parsed.find((p) => p.sector === code));
    if (parts.some((p) => p?.unreadable[slot])) continue;
    const sum = nestedSubtotalSum(n.sector, new Map(parts.flatMap((p) => (p ? [[p.sector, p[slot]] as const] : []))));
    if (sum !== stated) {
      const names = NESTED_SUBTOTAL_PARTS[n.sector].map(comparisonName).join("・");
      problems.push(cellProblem("error", n.row, column + 1, `${NESTED_SUBTOTAL_NAMES[n.sector]} ${formatCount(stated)} が、内訳 (${names}) の合計 ${formatCount(sum)} と一致しません`));
    }
  }
}

/** Actual staff of a subtotal must be the sum of its stated parts (a blank part is none, as 交通 in the seed). */
function checkSubtotals(parsed: readonly Parsed[], slot: "a" | "b", column: number | undefined, problems: ImportProblem[]): void {
  if (column === undefined) return;
  const bySector = new Map(parsed.map((p) => [p.sector, p]));
  for (const p of parsed) {
    const stated = p[slot];
    if (!isTotalCode(p.sector) || stated === null) continue;
    if (TOTAL_PARTS[p.sector].some((code) => bySector.get(code)?.unreadable[slot])) continue;
    const problem = subtotalProblem(p.sector, stated, new Map(parsed.map((q) => [q.sector, q[slot]])), p.row, column + 1);
    if (problem) problems.push(problem);
  }
}
