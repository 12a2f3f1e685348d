/**
 * Number cells as published tables write them, with their notes: 「284人」, 「1,184人」 with 外数 on a second line
 * 「( 61人)」, 「マイナス1人」, 「▲5」, 「94.1(-1.6)」 (a value and its change in one cell), 「[1,490]」 (条例定数 in
 * brackets under a total), 「－」 for none. One reader for every importer: the figure, and what each annotation
 * means, so an importer keeps it where gyokaku has a place for it (外数, 条例定数) and says so where it does not.
 * Rows that are not units (合計, 目標数, 増減率, (注)…) are recognised here too.
 */
import { foldNumberText } from "./text-fold.js";

/** A number cell as a published table writes it, read: the figure (人, %, …) and the annotations beside it. */
export interface NumberCell {
  /** The figure; null for a blank or 「－」 cell. */
  value: number | null;
  /** 外数 (staff counted outside the figure), written on a second line in brackets: 「1,184人\n( 61人)」. */
  outside?: number;
  /** A change written after the value in brackets: 「94.1(-1.6)」. */
  change?: number;
  /** The whole cell in square brackets: 「[1,490]」, MIC's and the seed's way of printing 条例定数 under a total. */
  bracketed?: boolean;
  /** The cell was written in round brackets alone: 「(18)」 (うち数 in 図表4). */
  parenthesised?: boolean;
}

/** A read number cell, or a Japanese message saying why the text is not one (quoting it). */
export type NumberCellResult = { ok: true; cell: NumberCell } | { ok: false; message: string };

const UNIT_SUFFIX = /(人|名|%|％|団体|ポイント|pt)$/;

function plain(text: string): number | null | undefined {
  const grouped = text.replace(UNIT_SUFFIX, "");
  // Thousands separators only where they belong: 「1,184」 yes, 「1,18,4」 no.
  if (grouped.includes(",") && !/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(grouped)) return undefined;
  const t = grouped.replace(/,/g, "");
  if (t === "" || t === "-") return null;
  if (!/^-?(\d+(\.\d+)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

/**
 * A number cell → its figure and annotations, or the reason it cannot be read (Japanese, quoting the cell).
 * Look-alikes are folded first (U+2212, 「▲」「△」「ー」 and 「マイナス」 as minus, full-width digits). Never throws.
 */
export function readNumberCell(raw: string): NumberCellResult {
  const unreadable = (): NumberCellResult => ({ ok: false, message: `数値として読めません: 「${raw.replace(/\r?\n/g, " ")}」` });
  const lines = raw.split(/\r?\n/).map((l) => foldNumberText(l)).filter((l) => l !== "");
  if (lines.length === 0) return { ok: true, cell: { value: null } };
  if (lines.length > 2) return unreadable();
  const [first = "", second] = lines;
  const cell: NumberCell = { value: null };
  if (second !== undefined) {
    const m = /^\((.*)\)$/.exec(second);
    const outside = m ? plain(foldNumberText(m[1] ?? "")) : undefined;
    if (outside === undefined || outside === null) return unreadable();
    cell.outside = outside;
  }
  let main = first;
  const square = /^\[(.*)\]$/.exec(main);
  if (square) {
    cell.bracketed = true;
    main = foldNumberText(square[1] ?? "");
  }
  const round = /^\((.*)\)$/.exec(main);
  if (round) {
    cell.parenthesised = true;
    main = foldNumberText(round[1] ?? "");
  }
  const withChange = /^(.+?)\((.+)\)$/.exec(main);
  if (withChange) {
    const change = plain(foldNumberText(withChange[2] ?? ""));
    if (change === undefined || change === null) return unreadable();
    cell.change = change;
    main = withChange[1] ?? "";
  }
  const value = plain(main);
  if (value === undefined) return unreadable();
  cell.value = value;
  return { ok: true, cell };
}

/** Kind of a row label that is not a unit (nonUnitRowKind): a total, a target, a rate or a note. */
export type NonUnitRow = "total" | "target" | "rate" | "note";

/**
 * A row label that is never a unit: totals (合計, 総計, 計, 小計), targets (目標数, 目標), rates (増減率, 率), notes
 * (「(注)…」「※…」「注1」). Null for anything else. Never throws.
 */
export function nonUnitRowKind(label: string): NonUnitRow | null {
  const t = foldNumberText(label);
  if (t === "") return null;
  if (/^(\(注|注\d*[.:、)]?|※|\(参考|参考|出典|資料)/.test(t)) return "note";
  if (/(増減率|伸び率|削減率|率)$/.test(t)) return "rate";
  if (/^(目標(数|値)?|計画(数|値)|目標職員数)/.test(t)) return "target";
  if (/^(合計|総計|総合計|計|小計|全体計|職員数計|一般職計)$/.test(t)) return "total";
  return null;
}
