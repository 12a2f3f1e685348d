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
  // An explicit plus (「+5」「＋5」, an increase in a change column) is the number itself.
  const t = grouped.replace(/,/g, "").replace(/^\+(?=[\d.])/, "");
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

/** Kind of a row label that is not a unit (nonUnitRowKind): a total, a target, a change, a rate or a note. */
export type NonUnitRow = "total" | "target" | "change" | "rate" | "note";

/**
 * A row label that is never a unit: totals (合計, 総計, 総数, 計, 小計, 職員数合計 …), targets (目標数, 目標, 計画値),
 * changes (増減数, 対前年増減, 削減数, 差引), rates and shares (増減率, 率, 前年比, 構成比, 割合, 平均), notes
 * (「(注)…」「※…」「注1」「(単位:人)」「備考」). Null for anything else. Never throws.
 */
export function nonUnitRowKind(label: string): NonUnitRow | null {
  const t = foldNumberText(label).replace(/^\((.*)\)$/, "$1");
  if (t === "") return null;
  // A note starts with its mark and a delimiter: 「資料館」「参考館」 are units, 「資料:…」「(参考)」 are not.
  if (/^(注\d*([).:、]|$)|\(注|※|参考([):、]|$)|\(参考|出典[:)]|資料[:)]|備考|単位[:)])/.test(t) || /^\(単位/.test(foldNumberText(label))) return "note";
  if (/(率|比|割合|平均)$/.test(t)) return "rate";
  if (/^(目標(数|値)?|計画(数|値)|目標職員数|削減目標)/.test(t)) return "target";
  if (/^(対前年度?|前年度?比?)?(増減|増減数|増減人数|純増減?|純減|削減数|削減人数|差引|差)(\(人\)|人)?$/.test(t)) return "change";
  if (/^(合計|総計|総合計|計|小計|全体計|職員数計|一般職計|総数|職員総数|全職員数?)$/.test(t) || /^.{0,8}(合計|総計)(\(人\)|人)?$/.test(t)) return "total";
  return null;
}
