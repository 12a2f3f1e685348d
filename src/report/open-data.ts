/**
 * オープンデータ (open data) of a published edition: every published table in a machine-readable shape, following
 * 総務省「統計表における機械判読可能なデータの表記方法の統一ルール」 (one value per cell, no merged cells, no notes in
 * data cells, numbers without separators or ▲, years as a 西暦 column beside a 和暦 label column) and the habits of
 * デジタル庁「自治体標準オープンデータセット」 (every file leads with 全国地方公共団体コード and 地方公共団体名).
 * Built only from the PublicDataset (services/publication-policy.ts decides what is in it). Pure.
 */
import { formatDateBoth, formatEraYear, formatFiscalYear } from "../domain/era.js";
import type { PublicBlock, PublicCell, PublicDataset } from "../services/publication-policy.js";

/**
 * A reference date of the data dictionary as the seed writes dates, 和暦 with 西暦 ("2024-01-01" → 令和6年(2024年)1月1日);
 * `fallback` when there is none, the text as given when it is not an ISO date.
 */
function dayLabel(date: string | null | undefined, fallback: string): string {
  if (!date) return fallback;
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDateBoth(date) : date;
}

export type OpenDataValue = string | number | null;

export interface OpenDataColumn {
  name: string;
  type: "string" | "integer" | "number";
  /** 人, %, 年 … ("" when the column has no unit). */
  unit: string;
  description: string;
}

export interface OpenDataTable {
  /** File name stem (ASCII), e.g. "headcounts". */
  id: string;
  title: string;
  description: string;
  /** 基準日 in words (「各年4月1日現在」). */
  referenceDate: string;
  source: string;
  columns: OpenDataColumn[];
  rows: OpenDataValue[][];
}

const CODE_COLUMN: OpenDataColumn = { name: "全国地方公共団体コード", type: "string", unit: "", description: "総務省の全国地方公共団体コード(6桁、検査数字付き)" };
const NAME_COLUMN: OpenDataColumn = { name: "地方公共団体名", type: "string", unit: "", description: "公表する団体の名称" };
const YEAR_COLUMN: OpenDataColumn = { name: "年度", type: "integer", unit: "年度", description: "会計年度(西暦)" };
const WAREKI_COLUMN: OpenDataColumn = { name: "年度(和暦)", type: "string", unit: "", description: "年度の和暦表記(表示用)" };

const text = (name: string, description: string): OpenDataColumn => ({ name, type: "string", unit: "", description });
const int = (name: string, unit: string, description: string): OpenDataColumn => ({ name, type: "integer", unit, description });
const num = (name: string, unit: string, description: string): OpenDataColumn => ({ name, type: "number", unit, description });

/** Text of rich-text blocks, one line per paragraph, list item or table row (cells joined by " / "). */
export function blocksAsText(blocks: readonly PublicBlock[]): string {
  return blocks
    .flatMap((b) => {
      switch (b.type) {
        case "paragraph":
        case "heading":
          return [b.text];
        case "list":
          return b.items.map((i) => `・${i}`);
        case "table":
          return [...(b.header.length > 0 ? [b.header] : []), ...b.rows].map((r) => r.join(" / "));
        case "image":
          return [`[画像: ${b.alt}]`];
      }
    })
    .join("\n");
}

function cellText(cell: PublicCell | null): string {
  if (!cell) return "";
  return cell.lines.join("\n");
}

/** Every open-data table of the dataset, in the document's order; tables without data are left out. */
export function openDataTables(dataset: PublicDataset): OpenDataTable[] {
  const { code, name } = dataset.municipality;
  const lead = (...values: OpenDataValue[]): OpenDataValue[] => [code, name, ...values];
  const year = (fy: number): OpenDataValue[] => [fy, formatEraYear(fy)];
  const edition = formatFiscalYear(dataset.edition.fiscalYear);
  const tables: OpenDataTable[] = [];

  tables.push({
    id: "reform-items",
    title: "重点推進項目",
    description: `${edition}の業務改革の重点推進項目(事業名・担当課・取組内容・取組効果)`,
    referenceDate: `${edition}基本方針の公表時点`,
    source: `${name} 行政改革基本方針 ${edition}`,
    columns: [CODE_COLUMN, NAME_COLUMN, YEAR_COLUMN, WAREKI_COLUMN, int("番号", "", "重点推進項目の番号"), text("事業名", ""), text("区分", "継続・新規・完了"), text("担当課", "担当課(複数は「、」区切り)"), text("取組内容", ""), text("取組効果", "")],
    rows: dataset.items.map((i) => lead(...year(dataset.edition.fiscalYear), i.number, i.name, i.state, i.units.join("、"), blocksAsText(i.content), blocksAsText(i.effect))),
  });

  const planRows: OpenDataValue[][] = [];
  for (const item of dataset.items) {
    const last = item.plans[item.plans.length - 1]?.fiscalYear;
    for (const p of item.plans) {
      planRows.push(lead(p.fiscalYear, `${formatEraYear(p.fiscalYear)}${p.fiscalYear === last ? "以降" : ""}`, item.number, item.name, "取組計画", p.cell?.stage ?? "", cellText(p.cell)));
    }
    for (const h of [...item.history].sort((a, b) => a.fiscalYear - b.fiscalYear)) {
      if (h.plan) planRows.push(lead(...year(h.fiscalYear), item.number, item.name, "取組計画", h.plan.stage ?? "", cellText(h.plan)));
      if (h.result) planRows.push(lead(...year(h.fiscalYear), item.number, item.name, "取組実績", h.result.stage ?? "", cellText(h.result)));
    }
  }
  tables.push({
    id: "reform-plans",
    title: "取組計画・実績",
    description: "重点推進項目ごと・年度ごとの取組計画と取組実績(最後の計画年度は「以降」を含む)",
    referenceDate: `${edition}基本方針の公表時点`,
    source: `${name} 行政改革基本方針 ${edition}`,
    columns: [CODE_COLUMN, NAME_COLUMN, YEAR_COLUMN, WAREKI_COLUMN, int("番号", "", "重点推進項目の番号"), text("事業名", ""), text("区分", "取組計画・取組実績"), text("段階", "実施・継続実施・一部実施・調査検討"), text("内容", "1行に1項目")],
    rows: planRows,
  });

  if (dataset.subcommittees.length > 0) {
    tables.push({
      id: "subcommittees",
      title: "専門部会設置状況",
      description: "行政改革推進本部の専門部会の名称・役割・設置期間(図表3)",
      referenceDate: `${edition}基本方針の公表時点`,
      source: `${name} 行政改革基本方針 ${edition}`,
      columns: [
        CODE_COLUMN,
        NAME_COLUMN,
        text("専門部会名称", ""),
        text("役割", ""),
        int("開始年度", "年度", "設置した年度(西暦)"),
        text("開始年度(和暦)", ""),
        int("終了年度", "年度", "終了予定の年度(西暦、空欄は期間の定めなし)"),
        text("終了年度(和暦)", ""),
        text("関連する重点推進項目番号", "「、」区切り"),
      ],
      rows: dataset.subcommittees.map((s) =>
        lead(s.name, s.role, s.fromYear, s.fromYear === null ? "" : formatEraYear(s.fromYear), s.toYear, s.toYear === null ? "" : formatEraYear(s.toYear), s.itemNumbers.join("、")),
      ),
    });
  }

  const indicatorRows = dataset.indicators.flatMap((i) => i.values.map((v) => lead(...year(v.fiscalYear), i.itemNumber, i.name, i.unit, v.target, v.actual)));
  if (indicatorRows.length > 0) {
    tables.push({
      id: "indicators",
      title: "重点推進項目の指標",
      description: "重点推進項目の指標(KPI)の年度ごとの目標値と実績値",
      referenceDate: "各年度末現在",
      source: `${name} 行政改革基本方針`,
      columns: [CODE_COLUMN, NAME_COLUMN, YEAR_COLUMN, WAREKI_COLUMN, int("番号", "", "重点推進項目の番号"), text("指標名", ""), text("単位", "目標値・実績値の単位"), num("目標値", "(単位列)", ""), num("実績値", "(単位列)", "")],
      rows: indicatorRows,
    });
  }

  if (dataset.verifications.length > 0) {
    tables.push({
      id: "verifications",
      title: "行政改革推進本部の検証",
      description: "重点推進項目の前年度の取組に対する行政改革推進本部の評価と次年度の方針",
      referenceDate: `${edition}基本方針の公表時点`,
      source: `${name} 行政改革推進本部`,
      columns: [CODE_COLUMN, NAME_COLUMN, YEAR_COLUMN, WAREKI_COLUMN, int("番号", "", "重点推進項目の番号"), text("事業名", ""), text("評価", ""), text("次年度の方針", "継続・完了・見直し"), text("意見", "推進本部の意見(公表するもののみ)")],
      rows: dataset.verifications.map((v) => lead(...year(v.fiscalYear), v.itemNumber, v.itemName, v.evaluation, v.decision, v.opinion ?? "")),
    });
  }

  const h = dataset.headcounts;
  const headcountRows: OpenDataValue[][] = [];
  h.years.forEach((fy, yi) => {
    for (const r of h.rows) {
      const v = r.cells[yi];
      if (v === null || v === undefined) continue;
      headcountRows.push(lead(...year(fy), r.name, r.depth, r.category, v));
    }
    const total = h.generalTotal[yi];
    if (total !== null && total !== undefined) headcountRows.push(lead(...year(fy), "一般職(合計)", 0, "職員数", total));
    const quotaTotal = h.quotaTotal[yi];
    if (quotaTotal !== null && quotaTotal !== undefined) headcountRows.push(lead(...year(fy), "一般職(定数合計)", 0, "定数の対象となる職員数", quotaTotal));
  });
  tables.push({
    id: "headcounts",
    title: "部局別職員数の推移",
    description: "部局別の職員数(派遣・休職・休業を含み、育児休業代替任期付職員を含まない)と、うち数(図表4)。一般職(定数合計)は定数外職員を除き育児休業代替任期付職員を含む",
    referenceDate: "各年4月1日現在(市長選を控えた年は市長選後の人事異動発令日)",
    source: `${name} 職員数調べ`,
    columns: [CODE_COLUMN, NAME_COLUMN, YEAR_COLUMN, WAREKI_COLUMN, text("部局", ""), int("階層", "", "0が最上位の部局"), text("区分", "職員数、またはうち数の区分"), int("人数", "人", "")],
    rows: headcountRows,
  });

  const lastYear = h.years[h.years.length - 1];
  if (lastYear !== undefined) {
    const quotaRows = h.rows.filter((r) => r.quota !== null).map((r) => lead(...year(lastYear), r.name, r.quota));
    quotaRows.push(lead(...year(lastYear), "一般職(定数合計)", h.quotaSum));
    quotaRows.push(lead(...year(lastYear), `定数の上限(${h.allowancePercent}%)`, h.cap));
    tables.push({
      id: "quotas",
      title: "職員定数",
      description: "職員定数条例に定める部局別の定数と、定数合計・上限",
      referenceDate: `${formatDateBoth(`${lastYear}-04-01`)}現在`,
      source: `${name} 職員定数条例`,
      columns: [CODE_COLUMN, NAME_COLUMN, YEAR_COLUMN, WAREKI_COLUMN, text("部局", ""), int("定数", "人", "")],
      rows: quotaRows,
    });
  }

  const sp = dataset.staffPopulation;
  tables.push({
    id: "staff-population",
    title: "職員数と人口の推移",
    description: "一般職(合計)の職員数と住民基本台帳人口(図表5)",
    referenceDate: "職員数は各年4月1日現在、人口は住基人口の基準日の列のとおり",
    source: `${name} 職員数調べ、住民基本台帳`,
    columns: [CODE_COLUMN, NAME_COLUMN, YEAR_COLUMN, WAREKI_COLUMN, int("職員数", "人", "一般職(合計)"), int("住基人口", "人", "住民基本台帳人口"), text("住基人口の基準日", "YYYY-MM-DD")],
    rows: sp.years.map((fy, i) => lead(...year(fy), sp.staff[i] ?? null, sp.population[i] ?? null, sp.populationDates[i] ?? "")),
  });

  const peers = dataset.peers;
  if (peers) {
    const rows = peers.rows.map((r) => lead(...year(peers.fiscalYear), r.code, r.prefecture, r.name, null, r.population, r.futsu, r.futsuPer10k, r.ippan, r.ippanPer10k));
    if (peers.group) {
      const g = peers.group;
      rows.push(lead(...year(peers.fiscalYear), "", "", `類似団体 ${g.groupKey.replace(/^[a-z-]+:/, "")} 合計`, g.members, g.population, g.futsu, g.futsuPer10k, g.ippan, g.ippanPer10k));
    }
    tables.push({
      id: "peers",
      title: "類似団体との職員数の比較",
      description: "道内の類似団体と類似団体全体の、普通会計・一般行政部門の職員数と人口1万人当たり職員数(図表8)",
      referenceDate: `住基人口は${dayLabel(peers.populationDate, "1月1日")}現在、職員数は${dayLabel(peers.staffDate, "4月1日")}現在`,
      source: "総務省自治行政局「類似団体別職員数の状況」",
      columns: [
        CODE_COLUMN,
        NAME_COLUMN,
        { ...YEAR_COLUMN, description: "調査の年度(西暦)" },
        WAREKI_COLUMN,
        text("比較団体コード", "比較する団体の全国地方公共団体コード(合計行は空欄)"),
        text("比較団体の都道府県", ""),
        text("比較団体名", ""),
        int("団体数", "団体", "合計行のみ: 類似団体の数"),
        int("住基人口", "人", ""),
        int("普通会計職員数", "人", ""),
        num("普通会計人口1万人当たり職員数", "人", ""),
        int("一般行政部門職員数", "人", ""),
        num("一般行政部門人口1万人当たり職員数", "人", ""),
      ],
      rows,
    });
  }

  const d = dataset.diagnosis;
  if (d) {
    tables.push({
      id: "diagnosis",
      title: "定員管理診断表",
      description: "部門別職員数の前年からの増減と、類似団体の単純値・修正値により算出した職員数との比較(図表10)。超過数・超過率の負の値は未満を表す",
      referenceDate: `職員数は各年4月1日現在(${dayLabel(`${d.previousYear}-04-01`, "")}・${dayLabel(`${d.fiscalYear}-04-01`, "")})`,
      source: "総務省「地方公共団体定員管理調査」「類似団体別職員数の状況」",
      columns: [
        CODE_COLUMN,
        NAME_COLUMN,
        { ...YEAR_COLUMN, description: "調査の年度(西暦)" },
        WAREKI_COLUMN,
        text("部門", ""),
        int("前年職員数", "人", "前年4月1日現在の職員数"),
        int("職員数", "人", "4月1日現在の職員数"),
        int("増減", "人", "職員数 − 前年職員数"),
        int("単純値による職員数", "人", "類似団体の単純値 × 住基人口 ÷ 10,000"),
        int("単純値による超過数", "人", ""),
        num("単純値による超過率", "%", ""),
        int("修正値による職員数", "人", "類似団体の修正値 × 住基人口 ÷ 10,000"),
        int("修正値による超過数", "人", ""),
        num("修正値による超過率", "%", ""),
      ],
      rows: d.rows.map((r) =>
        lead(...year(d.fiscalYear), r.name.replace(/\s+/g, ""), r.previous, r.current, r.change, r.simpleReference, r.simpleExcess, r.simpleRate, r.correctedReference, r.correctedExcess, r.correctedRate),
      ),
    });
  }

  const l = dataset.laspeyres;
  if (l) {
    const rows: OpenDataValue[][] = [];
    for (const s of l.series) l.years.forEach((fy, i) => {
      const v = s.values[i];
      if (v !== null && v !== undefined) rows.push(lead(...year(fy), s.label, v));
    });
    tables.push({
      id: "laspeyres",
      title: "ラスパイレス指数の推移",
      description: "国家公務員の給与水準を100としたときの一般行政職の給与水準(図表9)",
      referenceDate: "各年4月1日現在",
      source: "総務省「地方公務員給与実態調査」",
      // The comparators as the data name them (a town's file says 全国町村平均, never 全国市平均: kind I).
      columns: [CODE_COLUMN, NAME_COLUMN, YEAR_COLUMN, WAREKI_COLUMN, text("対象", [...new Set(l.series.map((s) => s.label))].join("・")), num("ラスパイレス指数", "", "国=100")],
      rows,
    });
  }
  return tables;
}
