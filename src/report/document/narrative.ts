/**
 * The editable narrative of the 行政改革基本方針: which sections exist (keys), how their text is written, and
 * how the facts generated from data are put into it.
 *
 * Text format (kept plain so a clerk can type it): paragraphs are separated by a blank line; a line starting with
 * 「■」 is a bullet of the seed's kind; a line starting with 「### 」 is a small heading. A sentence that states a
 * figure is never typed: the text names it as {{事実の名前}} and the document fills it in from the data
 * (NARRATIVE_FACTS lists the names), so the text can never disagree with the tables.
 */
import { GyokakuError } from "../../domain/errors.js";
import { textProblem } from "../../domain/input-limits.js";

export interface NarrativeSection {
  key: string;
  /** Where it appears in the document, as the editor shows it. */
  label: string;
  /** A single line (a caption, a date) rather than paragraphs. */
  line?: boolean;
}

/** Every narrative section in document order. */
export const NARRATIVE_SECTIONS: readonly NarrativeSection[] = [
  { key: "issued", label: "表紙: 発行年月 (YYYY-MM)", line: true },
  { key: "background", label: "1 背景と目的" },
  { key: "reform.intro", label: "2 業務改革(導入)" },
  { key: "reform.private", label: "2 (1) 民間活力の推進" },
  { key: "figure.ppp.caption", label: "図表: PPP/PFI 概念図の表題", line: true },
  { key: "figure.ppp.source", label: "図表: PPP/PFI 概念図の出典", line: true },
  { key: "reform.ict", label: "2 (2) ICT等を活用した業務の見直し" },
  { key: "figure.dx.caption", label: "図表: DX推進体制の表題", line: true },
  { key: "reform.priority", label: "2 (3) 重点推進項目(項目一覧の前)" },
  { key: "reform.priority.after", label: "2 (3) 重点推進項目(項目一覧の後)" },
  { key: "staffing.intro", label: "3 定数管理(導入)" },
  { key: "staffing.history", label: "3 (1) これまでの取組と職員数の推移" },
  { key: "notes.headcounts", label: "部局別職員数の推移の注記" },
  { key: "notes.staffPopulation", label: "職員数と人口の推移の注記" },
  { key: "staffing.retirement", label: "3 (2) 定年年齢引上げに係る定数管理の考え方" },
  { key: "staffing.comparison", label: "3 (3) 類似団体との比較(類似団体区分の前)" },
  { key: "staffing.per10k", label: "3 (3) 人口1万人当たりの職員数の状況" },
  { key: "notes.peers", label: "類似団体との職員数の比較の注記" },
  { key: "staffing.laspeyres", label: "3 (3) ラスパイレス指数の状況" },
  { key: "notes.laspeyres", label: "ラスパイレス指数の注記" },
  { key: "hearing", label: "4 組織・業務改革ヒアリング" },
  { key: "reference.diagnosis", label: "参考資料: 定員管理診断表" },
  { key: "notes.diagnosis", label: "定員管理診断表の注記" },
  { key: "reference.sectors", label: "参考資料: 各部門の構成" },
  { key: "items.intro", label: "5 重点推進項目(シートの前)" },
];

export const NARRATIVE_KEYS: ReadonlySet<string> = new Set(NARRATIVE_SECTIONS.map((s) => s.key));

/** The facts a narrative may name as {{…}}: each is generated from the data when the document is made. */
export const NARRATIVE_FACTS = [
  "団体名",
  "本市",
  "年度",
  "重点推進項目数",
  "重点推進項目のページ",
  "定年退職の状況",
  "定年引上げ完了年度",
  "引上げ後の定年",
  "類似団体区分",
  "類似団体グループ",
  "人口1万人当たり職員数の比較",
  "単純値による比較",
  "修正値の超過率",
  "ラスパイレス指数の比較",
] as const;
export type NarrativeFact = (typeof NARRATIVE_FACTS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** Names used in a text that are not facts (for the editor's error message). */
export function unknownFacts(text: string): string[] {
  const known = new Set<string>(NARRATIVE_FACTS);
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "").filter((name) => !known.has(name));
}

/**
 * Checks a narrative before it is stored: a known key, a sane length, only known facts, a YYYY-MM 発行年月.
 * @throws GyokakuError invalid_input with a Japanese message naming the section.
 */
export function validateNarrative(key: string, text: string): string {
  const section = NARRATIVE_SECTIONS.find((s) => s.key === key);
  if (!section) throw new GyokakuError("invalid_input", `本文の区分「${key}」はありません`);
  const normalised = text.replace(/\r\n?/g, "\n").trim();
  if ([...normalised].length > 20000) throw new GyokakuError("invalid_input", `「${section.label}」は20,000文字以内にしてください`);
  const problem = textProblem(`「${section.label}」`, normalised, Number.POSITIVE_INFINITY);
  if (problem) throw new GyokakuError("invalid_input", problem);
  const unknown = unknownFacts(normalised);
  if (unknown.length > 0) {
    throw new GyokakuError("invalid_input", `「${section.label}」の {{${unknown[0]}}} はデータから作れる事実ではありません。使えるのは ${NARRATIVE_FACTS.map((f) => `{{${f}}}`).join("、")} です`);
  }
  if (key === "issued" && normalised !== "" && !/^\d{4}-(0[1-9]|1[0-2])$/.test(normalised)) {
    throw new GyokakuError("invalid_input", `発行年月は「2025-09」のように年-月で入力してください: 「${normalised}」`);
  }
  return normalised;
}

/**
 * Puts the facts into a text. A fact the data cannot give (nothing imported yet) becomes 「【…のデータがありません】」,
 * visible in the preview, so a gap is never silently filled with a stale figure.
 */
export function fillFacts(text: string, facts: Partial<Record<NarrativeFact, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => facts[name as NarrativeFact] ?? `【${name}のデータがありません】`);
}

export type NarrativeBlock = { type: "paragraph"; text: string } | { type: "bullets"; items: string[] } | { type: "heading"; text: string };

/** Paragraphs, ■ bullets and ### headings of a narrative text. */
/** A line that starts a note: ※, ※1, (注), （注）. */
const NOTE_START = /^(※|[(（]注[)）])/;

export function parseNarrative(text: string): NarrativeBlock[] {
  const blocks: NarrativeBlock[] = [];
  for (const chunk of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length > 0) blocks.push({ type: "paragraph", text: paragraph.join("") });
      paragraph = [];
    };
    for (const line of lines) {
      if (line.startsWith("■")) {
        flush();
        const item = line.replace(/^■\s*/, "");
        const last = blocks[blocks.length - 1];
        if (last?.type === "bullets") last.items.push(item);
        else blocks.push({ type: "bullets", items: [item] });
      } else if (line.startsWith("### ")) {
        flush();
        blocks.push({ type: "heading", text: line.slice(4).trim() });
      } else {
        // A note (※…, (注)…) is a line of its own, as the seed prints the notes under a table: it never runs on
        // after the line before it.
        if (NOTE_START.test(line)) flush();
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}
