/**
 * The document model of the 行政改革基本方針: an ordered list of blocks (headings, narrative, figures, item sheets)
 * built by services/policy-document.ts and rendered by render.tsx. Figure numbers are never stored or typed:
 * numberFigures() assigns them in order of appearance, so inserting or removing a figure shifts the rest.
 */
import type { CohortTable } from "../../domain/retirement.js";
import type { PublicHeadcounts } from "../../services/publication-policy.js";
import type { AttachmentFigureData } from "../figures/attachment.js";
import type { DiagnosisFigureData } from "../figures/diagnosis.js";
import type { ItemSheetData } from "../figures/item-sheet.js";
import type { LaspeyresFigureData } from "../figures/laspeyres.js";
import type { PeersFigureData } from "../figures/peers.js";
import type { StaffPopulationData } from "../figures/staff-population.js";
import type { SubcommitteeRow } from "../figures/subcommittees.js";

export type FigureSpec =
  | { type: "attachment"; data: AttachmentFigureData }
  | { type: "subcommittees"; rows: SubcommitteeRow[] }
  | { type: "headcounts"; table: PublicHeadcounts }
  | { type: "staffPopulation"; data: StaffPopulationData }
  | { type: "retirement"; table: CohortTable }
  | { type: "classification"; groupKey: string | null; /** The year classified (its 類型表 is drawn); absent: the current table. */ fiscalYear?: number | null }
  | { type: "peers"; data: PeersFigureData }
  | { type: "laspeyres"; data: LaspeyresFigureData }
  | { type: "diagnosis"; data: DiagnosisFigureData }
  | { type: "sectors" };

export type DocBlock =
  /**
   * A section heading. level 2: 「1 背景と目的」, level 3: 「(1) 民間活力の推進」. `toc`: listed in the 目次.
   * `wide`: printed on a landscape page (section 5, so its heading shares the page with the first item sheet).
   */
  | { kind: "heading"; level: 2 | 3; id: string; label: string; text: string; toc: boolean; newPage?: boolean; wide?: boolean }
  /** Narrative text with its facts already filled in (format: see narrative.ts). `wide`: on a landscape page. */
  | { kind: "text"; key: string; text: string; wide?: boolean }
  /** A generated list (the priority items' names under 2 (3)). */
  | { kind: "list"; items: string[] }
  /** `wide`: printed on a landscape page. */
  | { kind: "figure"; id: string; figure: FigureSpec; wide?: boolean }
  | { kind: "items"; items: ItemSheetData[] };

export interface PolicyDocument {
  municipality: { code: string; name: string; prefecture: string };
  fiscalYear: number;
  /** 「行政改革 基本方針」 */
  title: string;
  /** 「業務改革・定数管理」 */
  subtitle: string;
  /** 発行年月 as YYYY-MM; null when not set. */
  issued: string | null;
  blocks: DocBlock[];
  /** Item attachments as data: URIs, by attachment id. */
  images: Map<number, string>;
}

/** Figure numbers by block id, 1, 2, 3 … in order of appearance. */
export function numberFigures(blocks: readonly DocBlock[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const block of blocks) if (block.kind === "figure") numbers.set(block.id, numbers.size + 1);
  return numbers;
}

/** The headings the 目次 lists, in order. */
export function tocEntries(blocks: readonly DocBlock[]): { id: string; level: 2 | 3; label: string; text: string }[] {
  return blocks.flatMap((b) => (b.kind === "heading" && b.toc ? [{ id: b.id, level: b.level, label: b.label, text: b.text }] : []));
}
