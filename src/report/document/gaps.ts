/**
 * 空欄・未登録の確認 (gaps): what of an edition's document is empty or missing — a 図表 without data, an image not
 * uploaded, a section without its text, no priority items. The 公表 page lists them for the secretariat and
 * headquarters before an edition is marked ready or approved (services/publication.ts asks for an explicit
 * confirmation then), and render.tsx prints 「データがありません」 in place of a figure without data instead of a
 * table of zeros or a chart with bare axes. Pure: reads the document model only.
 */
import { NARRATIVE_SECTIONS } from "./narrative.js";
import { type DocBlock, type FigureSpec, numberFigures, type PolicyDocument } from "./model.js";

/** One empty or missing part of the document, in Japanese: `place` names where (section, 図表N), `problem` what. */
export interface DocumentGap {
  place: string;
  problem: string;
}

/** The figures' names as the checklist shows them (the printed captions may add the years). */
const FIGURE_NAMES: Record<Exclude<FigureSpec["type"], "attachment">, string> = {
  subcommittees: "専門部会設置状況",
  headcounts: "部局別職員数の推移",
  staffPopulation: "職員数と人口の推移",
  retirement: "定年延長制度に伴う退職者の予定",
  classification: "類似団体区分の判定",
  peers: "類似団体との職員数の比較",
  laspeyres: "ラスパイレス指数比較",
  diagnosis: "定員管理診断表",
  sectors: "行政部門の説明",
};

/** The sections whose own text the document needs (notes under tables, captions and short lead-ins may stay empty). */
const REQUIRED_TEXTS: ReadonlySet<string> = new Set([
  "background",
  "reform.intro",
  "reform.private",
  "reform.ict",
  "staffing.intro",
  "staffing.history",
  "staffing.retirement",
  "staffing.comparison",
  "staffing.per10k",
  "staffing.laspeyres",
  "hearing",
]);

/**
 * Why figure `spec` has nothing to show (「職員数の記録がありません」), or null when it has data. A figure that has
 * some of its data (one year of three) is not empty. 図表6 and 図表11 always have content (generated from the law
 * and MIC's list); 図表7's grid is printed unmarked when the municipality is not classified (a gap, not empty).
 */
export function emptyFigureReason(spec: FigureSpec): string | null {
  switch (spec.type) {
    case "subcommittees":
      return spec.rows.length === 0 ? "専門部会の登録がありません" : null;
    case "headcounts":
      return spec.table.rows.every((r) => r.cells.every((c) => c === null)) && spec.table.generalTotal.every((c) => c === null) ? "職員数の記録がありません" : null;
    case "staffPopulation":
      return spec.data.staff.every((v) => v === null) && spec.data.population.every((v) => v === null) ? "職員数の記録がありません(人口の記録もありません)" : null;
    case "peers":
      return spec.data.rows.length === 0 ? "類似団体の職員数の記録がありません" : null;
    case "laspeyres":
      return spec.data.years.length === 0 || spec.data.series.every((s) => s.values.every((v) => v === null)) ? "ラスパイレス指数の記録がありません" : null;
    case "diagnosis":
      return spec.data.rows.length === 0 ? "定員管理診断表の記録がありません" : null;
    case "attachment":
    case "retirement":
    case "classification":
    case "sectors":
      return null;
  }
}

/** What a figure lacks beyond being empty (shown in the checklist only; the figure itself prints). */
function figureGap(spec: FigureSpec): string | null {
  const empty = emptyFigureReason(spec);
  if (empty) return `${empty}(冊子には「データがありません」と印刷されます)`;
  switch (spec.type) {
    case "attachment":
      return spec.data.dataUri ? null : "図の画像が登録されていません(冊子には「図の画像は未登録です」と印刷されます)";
    case "classification":
      return spec.groupKey === null ? "類似団体区分が判定されていません(人口・産業構造の記録がありません)" : null;
    case "headcounts":
      return spec.table.quotaSum === 0 ? "定数の記録がありません(定数と上限の欄は空欄で印刷されます)" : null;
    default:
      return null;
  }
}

/** The name of a figure as the checklist and an empty figure's caption show it. */
export function figureName(spec: FigureSpec): string {
  return spec.type === "attachment" ? spec.data.caption : FIGURE_NAMES[spec.type];
}

const sectionLabel = (b: Extract<DocBlock, { kind: "heading" }>) => (b.label ? `${b.label} ${b.text}` : b.text);

/** Every gap of `doc`, in document order. Empty when the document is complete. */
export function documentGaps(doc: PolicyDocument): DocumentGap[] {
  const numbers = numberFigures(doc.blocks);
  const gaps: DocumentGap[] = [];
  let section = "";
  let subsection = "";
  const where = () => [section, subsection].filter(Boolean).join(" ");
  for (const block of doc.blocks) {
    switch (block.kind) {
      case "heading":
        if (block.level === 2) {
          section = sectionLabel(block);
          subsection = "";
        } else subsection = sectionLabel(block);
        break;
      case "text":
        if (REQUIRED_TEXTS.has(block.key) && block.text.trim() === "") {
          const label = NARRATIVE_SECTIONS.find((s) => s.key === block.key)?.label ?? where();
          gaps.push({ place: label, problem: "本文がありません(公表 → 基本方針 で入力します)" });
        }
        break;
      case "figure": {
        const problem = figureGap(block.figure);
        if (problem) {
          gaps.push({ place: `${where()} (図表${numbers.get(block.id) ?? "?"}) ${figureName(block.figure)}`.trim(), problem });
        }
        break;
      }
      case "items":
        if (block.items.length === 0) gaps.push({ place: where(), problem: "重点推進項目がありません(業務改革で項目を登録します)" });
        break;
      case "list":
        break;
    }
  }
  return gaps;
}
