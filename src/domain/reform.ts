/**
 * 業務改革 重点推進項目 (priority reform items): editions, plan/result cells with stage tags, 同左 columns,
 * rich-text blocks, indicators, the yearly update round's states and the headquarters' verification.
 */

export const ITEM_STATES = ["継続", "新規", "完了"] as const;
/** State of a reform item (重点推進項目) in an edition: 継続, 新規 or 完了. */
export type ItemState = (typeof ITEM_STATES)[number];

/** Stage tags of a plan or result cell: <実施>, <継続実施>, <一部実施>, <調査検討>. */
export const STAGES = ["実施", "継続実施", "一部実施", "調査検討"] as const;
/** A stage tag of a plan or result cell: 実施, 継続実施, 一部実施 or 調査検討 (the seed's <…> tags). */
export type Stage = (typeof STAGES)[number];

/** True when `value` is one of the stage tags (without the angle brackets). Never throws. */
export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

/** One cell of a plan or result: a stage tag and bullet lines; 同左 means "same as the column on the left". */
export interface PlanCell {
  stage: Stage | null;
  lines: string[];
  sameAsLeft?: boolean;
}

/**
 * The columns of an edition's plan: the edition year and the three after it; the last one stands for
 * "that year and later" (令和10年度以降 in the R7 edition).
 */
export function planYears(editionYear: number): number[] {
  return [editionYear, editionYear + 1, editionYear + 2, editionYear + 3];
}

/**
 * Resolves 同左 links from left to right: a 同左 cell reads as the nearest cell on its left that says something.
 * A 同左 cell keeps its own stage tag when it has one (「<継続実施> 同左」).
 */
export function resolvePlanRow(cells: readonly (PlanCell | undefined)[]): (PlanCell | undefined)[] {
  const out: (PlanCell | undefined)[] = [];
  cells.forEach((cell, i) => {
    if (!cell?.sameAsLeft) {
      out.push(cell);
      return;
    }
    const left = i > 0 ? out[i - 1] : undefined;
    out.push({ stage: cell.stage ?? left?.stage ?? null, lines: left?.lines ?? [], sameAsLeft: true });
  });
  return out;
}

/**
 * Why a plan/result cell cannot be saved, as Japanese messages: 「同左」 in the first column (`columnIndex` 0) or with
 * text of its own, lines over 500 characters, more than 60 lines. Empty when it can. Never throws.
 */
export function planCellProblems(cell: PlanCell, columnIndex: number): string[] {
  const problems: string[] = [];
  if (cell.sameAsLeft && columnIndex === 0) problems.push("最初の列に「同左」は使えません");
  if (cell.sameAsLeft && cell.lines.length > 0) problems.push("「同左」の列には内容を書けません");
  if (cell.lines.some((l) => [...l].length > 500)) problems.push("1行は500文字以内にしてください");
  if (cell.lines.length > 60) problems.push("行数が多すぎます (60行まで)");
  return problems;
}

/** Reads a cell typed as text: an optional first line <継続実施>, then one bullet per line (「・」 is optional); 同左 alone means sameAsLeft. */
export function parsePlanCellText(text: string): PlanCell {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  let stage: Stage | null = null;
  const first = lines[0];
  const tag = first ? /^[<＜]([^>＞]+)[>＞]\s*(.*)$/.exec(first) : null;
  if (tag?.[1] && isStage(tag[1].trim())) {
    stage = tag[1].trim() as Stage;
    lines[0] = (tag[2] ?? "").trim();
    if (lines[0] === "") lines.shift();
  }
  const body = lines.map((l) => l.replace(/^[・･•]\s*/, ""));
  if (body.length === 1 && body[0] === "同左") return { stage, lines: [], sameAsLeft: true };
  return { stage, lines: body };
}

/**
 * A cell as the text a clerk edits and the seed prints: the stage tag on its own line (<実施>), then 「同左」 or its
 * lines with 「・」 (headings 【…】 and tags kept as written); "" for no cell. parsePlanCellText reads it back. Never throws.
 */
export function planCellToText(cell: PlanCell | undefined): string {
  if (!cell) return "";
  const head = cell.stage ? [`<${cell.stage}>`] : [];
  if (cell.sameAsLeft) return [...head, "同左"].join("\n");
  return [...head, ...cell.lines.map((l) => (l.startsWith("【") || l.startsWith("<") ? l : `・${l}`))].join("\n");
}

/** Rich text as blocks (no raw HTML is ever stored or rendered). */
export type Block =
  | { type: "paragraph"; text: string }
  | { type: "heading"; text: string }
  | { type: "list"; items: string[] }
  | { type: "table"; header: string[]; rows: string[][] }
  | { type: "image"; attachmentId: number; alt: string };

/**
 * A small markup for the text areas: blank lines separate blocks; lines starting with 「・」 make a list; a line in
 * 【】 alone, or starting with "# ", is a heading; lines starting with "|" make a table (a "|---|" line under the
 * first row makes it the header); ![説明](画像番号) is an image; anything else is a paragraph.
 * blocksToText writes what parseBlocks reads back unchanged.
 */
export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const chunks = text.replace(/\r\n/g, "\n").split(/\n\s*\n/);
  for (const chunk of chunks) {
    const lines = chunk.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    let paragraph: string[] = [];
    let list: string[] = [];
    let table: string[][] = [];
    let tableHasHeader = false;
    const flush = () => {
      if (paragraph.length > 0) blocks.push({ type: "paragraph", text: paragraph.join("") });
      if (list.length > 0) blocks.push({ type: "list", items: list });
      if (table.length > 0) blocks.push({ type: "table", header: tableHasHeader ? (table[0] ?? []) : [], rows: tableHasHeader ? table.slice(1) : table });
      paragraph = [];
      list = [];
      table = [];
      tableHasHeader = false;
    };
    for (const line of lines) {
      const image = /^!\[([^\]]*)\]\((\d+)\)$/.exec(line);
      if (image) {
        flush();
        blocks.push({ type: "image", alt: image[1] ?? "", attachmentId: Number(image[2]) });
      } else if (/^【[^】]*】$/.test(line) || line.startsWith("# ")) {
        flush();
        blocks.push({ type: "heading", text: line.startsWith("# ") ? line.slice(2).trim() : line });
      } else if (line.startsWith("|")) {
        if (paragraph.length > 0 || list.length > 0) flush();
        const cells = line.replace(/^\|/, "").replace(/\|$/, "").split("|").map((c) => c.trim());
        if (table.length === 1 && !tableHasHeader && cells.every((c) => /^-+$/.test(c))) tableHasHeader = true;
        else table.push(cells);
      } else if (/^[・･•]/.test(line)) {
        if (paragraph.length > 0 || table.length > 0) flush();
        list.push(line.replace(/^[・･•]\s*/, ""));
      } else {
        if (list.length > 0 || table.length > 0) flush();
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}

const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

/**
 * Rich-text blocks as the plain text they were typed as: paragraphs, 【…】 or # headings, 「・」 lists, | tables |
 * and ![alt](attachment id) images, separated by blank lines; parseBlocks reads it back. Never throws.
 */
export function blocksToText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case "paragraph":
          return b.text;
        case "heading":
          return /^【[^】]*】$/.test(b.text) ? b.text : `# ${b.text}`;
        case "list":
          return b.items.map((i) => `・${i}`).join("\n");
        case "table":
          return (b.header.length > 0 ? [row(b.header), row(b.header.map(() => "---")), ...b.rows.map(row)] : b.rows.map(row)).join("\n");
        case "image":
          return `![${b.alt}](${b.attachmentId})`;
      }
    })
    .join("\n\n");
}

/** 達成率: actual ÷ target × 100 (one decimal), or for a cumulative indicator measured from a baseline, progress ÷ planned progress. */
export function achievementRatio(props: { target: number; actual: number; baseline?: number | null }): number | null {
  const base = props.baseline ?? 0;
  const planned = props.target - base;
  if (planned === 0) return null;
  return Math.round(((props.actual - base) / planned) * 1000) / 10;
}

/** 推進本部の評価: configurable per municipality; these are the defaults. */
export const DEFAULT_EVALUATIONS = ["達成", "概ね達成", "一部達成", "未達成"] as const;
/** 推進本部's decision on an item at verification: 継続, 完了 or 見直し. */
export const DECISIONS = ["継続", "完了", "見直し"] as const;
/** One of DECISIONS. */
export type Decision = (typeof DECISIONS)[number];

/** States of one item in an update round (the yearly cycle). */
export const UPDATE_STATUSES = ["not_started", "draft", "submitted", "returned", "approved"] as const;
/**
 * State of an item in a yearly update round: not_started, draft, submitted, returned, approved (labels in UPDATE_STATUS_LABELS).
 */
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/** The Japanese label of each UpdateStatus, as the round pages and the dashboard print it. */
export const UPDATE_STATUS_LABELS: Record<UpdateStatus, string> = {
  not_started: "未着手",
  draft: "作成中",
  submitted: "提出済み",
  returned: "差戻し",
  approved: "承認済み",
};

/** What a user does to an item in an update round: save (編集者), submit (編集者), return or approve (行政管理課). */
export type UpdateAction = "save" | "submit" | "return" | "approve";

/** Which action is allowed from which state; approved is final within a round (a new round is needed). */
export function nextUpdateStatus(current: UpdateStatus, action: UpdateAction): UpdateStatus | null {
  switch (action) {
    case "save":
      return current === "not_started" || current === "draft" || current === "returned" ? "draft" : null;
    case "submit":
      return current === "not_started" || current === "draft" || current === "returned" ? "submitted" : null;
    case "return":
      return current === "submitted" ? "returned" : null;
    case "approve":
      return current === "submitted" ? "approved" : null;
  }
}

/** Field-by-field differences between two versions of an item, for the revision history. */
export function fieldDiff(before: Record<string, unknown>, after: Record<string, unknown>): { field: string; before: unknown; after: unknown }[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((f) => ({ field: f, before: before[f], after: after[f] }));
}

/**
 * The units a 担当課 text links: each unit whose name equals one of `labels` exactly (「総務課」 links 総務課), in the
 * order of `units`; a label naming no unit links none (it stays as text). Returns unit ids.
 */
export function unitIdsNamed(units: readonly { id: number; name: string }[], labels: readonly string[]): number[] {
  return units.filter((u) => labels.includes(u.name)).map((u) => u.id);
}
