/**
 * The vocabulary of 部門 (sector) labels as published tables write them, one place for every importer. MIC's
 * 公表様式 「部門別職員数の状況と主な増減理由」 (every municipality publishes it yearly), the 定員管理診断表 and
 * the seed write the same sectors many ways: 「総務」 for 総務・企画, 「下水」 for 下水道, 「教育部門」, spaced
 * out (「議 会」), full-width, with notes in brackets. Subtotals are named 「一般行政計」「普通会計計」… or only
 * 「計」「小計」, whose meaning is their position: 「計」 after 土木 is 一般行政計, the first 「小計」 after 教育 is
 * 普通会計計, the next after 病院 … その他 is 公営企業等会計 (SubtotalReader).
 */
import { SECTORS } from "./sector.js";
import { foldLookalikes } from "./text-fold.js";

/** Subtotal codes: 一般行政計, 普通会計計, 公営企業等会計, 合計. */
export type SubtotalCode = "ippan" | "futsu" | "kigyo" | "gokei";

/** The sectors each subtotal adds up (一般行政 = 議会 … 衛生; 普通会計 = 一般行政 + 教育 + 消防; 公営企業等 = 病院 … その他). */
export const SUBTOTAL_PARTS: Record<SubtotalCode, readonly string[]> = {
  ippan: SECTORS.filter((s) => s.group === "一般行政").map((s) => s.code),
  futsu: SECTORS.filter((s) => s.account === "普通会計").map((s) => s.code),
  kigyo: SECTORS.filter((s) => s.account === "公営企業等会計").map((s) => s.code),
  gokei: SECTORS.map((s) => s.code),
};

/**
 * Subtotals inside 普通会計 that some published tables print and gyokaku keeps no figure of its own for:
 * 特別行政 (「特別行政 小計」「特別行政部門計」) = 教育 + 消防 (MIC's 特別行政部門 of a municipality). Read by name only
 * (a bare 「小計」 after 教育・消防 stays 普通会計計); importers check it against its parts and store the parts.
 */
export const NESTED_SUBTOTAL_PARTS: Readonly<Record<"tokubetsu", readonly string[]>> = {
  tokubetsu: SECTORS.filter((s) => s.group === "教育" || s.group === "消防").map((s) => s.code),
};
/** The code of a nested subtotal (「tokubetsu」 = 特別行政: 教育 + 消防 inside 普通会計, as MIC's 公表様式 prints it). */
export type NestedSubtotalCode = keyof typeof NESTED_SUBTOTAL_PARTS;
/** Their names as messages print them. */
export const NESTED_SUBTOTAL_NAMES: Readonly<Record<NestedSubtotalCode, string>> = { tokubetsu: "特別行政計" };

/** True for a nested subtotal code (「tokubetsu」). Never throws. */
export function isNestedSubtotal(code: string): code is NestedSubtotalCode {
  return Object.prototype.hasOwnProperty.call(NESTED_SUBTOTAL_PARTS, code);
}

/**
 * 公営企業等会計 sectors MIC's tables list apart (国民健康保険事業, 介護保険事業, 収益事業, 公設卸売市場) that gyokaku's
 * vocabulary counts in one sector: その他 (domain/sector.ts: 「国民健康保険、介護保険、公設卸売市場」). Several such rows,
 * and その他 beside them, add up into it (see sectorPartOf).
 */
const SECTOR_PART_VARIANTS: Record<string, string> = {
  国保: "sonota",
  国保事業: "sonota",
  国民健康保険: "sonota",
  国民健康保険事業: "sonota",
  介護: "sonota",
  介護保険: "sonota",
  介護保険事業: "sonota",
  介護サービス: "sonota",
  介護サービス事業: "sonota",
  収益事業: "sonota",
  公設市場: "sonota",
  卸売市場: "sonota",
  公設卸売市場: "sonota",
};

/** Short and older names of sectors, as published tables print them (key: folded, without spaces and 「・」). */
const SECTOR_VARIANTS: Record<string, string> = {
  総務: "somu",
  企画: "somu",
  総務企画: "somu",
  総務・企画: "somu",
  下水: "gesuido",
  公共下水道: "gesuido",
  上水道: "suido",
  水道事業: "suido",
  病院事業: "byoin",
  交通事業: "kotsu",
  農林: "norin",
  農林水産業: "norin",
  商工観光: "shoko",
  土木建築: "doboku",
  福祉: "minsei",
  教育委員会: "kyoiku",
  消防本部: "shobo",
};

const SUBTOTAL_SPELLINGS: [RegExp, SubtotalCode | NestedSubtotalCode][] = [
  [/^一般行政(職)?(部門)?(計|合計|小計)?$/, "ippan"],
  [/^普通会計(部門)?(計|合計|小計)?$/, "futsu"],
  [/^公営企業等?(会計)?(部門)?(計|合計|小計)?$/, "kigyo"],
  [/^(合計|総合計|総計)$/, "gokei"],
  [/^特別行政(部門)?(計|合計|小計)?$/, "tokubetsu"],
];

/** Labels that name a subtotal only by where they stand. */
const POSITIONAL_SUBTOTAL = /^(計|小計|部門計)$/;

/** A label folded for lookup: look-alikes folded, spaces and 「・」 gone, a trailing note in brackets and 部門 dropped. */
function key(label: string): string {
  return foldLookalikes(label)
    .replace(/\s+/g, "")
    .replace(/^[(]([^()]*)[)]$/, "$1")
    .replace(/[(][^()]*[)]$/, "")
    .replace(/[・･]/g, "");
}

/**
 * A sector or named subtotal → its code ("somu", "gesuido", "ippan" …); "positional" for 計/小計 (see
 * SubtotalReader); undefined when the label is no sector. Codes ("somu") are accepted as they are. Never throws.
 */
export function sectorLabelCode(label: string): string | "positional" | undefined {
  const k = key(label);
  if (k === "") return undefined;
  if (POSITIONAL_SUBTOTAL.test(k)) return "positional";
  for (const [pattern, code] of SUBTOTAL_SPELLINGS) if (pattern.test(k)) return code;
  if (SECTORS.some((s) => s.code === k) || k in SUBTOTAL_PARTS) return k;
  const bare = k.replace(/部門$/, "");
  const sector = SECTORS.find((s) => s.name.replace(/・/g, "") === bare);
  if (sector) return sector.code;
  return SECTOR_VARIANTS[bare] ?? SECTOR_PART_VARIANTS[bare];
}

/**
 * For a label that names a part of one of gyokaku's sectors (「国保」「介護保険事業」「収益事業」), that sector's code
 * ("sonota"); undefined for any other label. Never throws.
 */
export function sectorPartOf(label: string): string | undefined {
  return SECTOR_PART_VARIANTS[key(label).replace(/部門$/, "")];
}

/**
 * Reads a column (or row) of sector labels top to bottom, giving 「計」「小計」 the subtotal their position means:
 * the smallest subtotal not yet read that holds every sector listed since the previous subtotal. Named subtotals
 * close a block too. `read` returns the code, or undefined with the reason in `lastError`.
 */
export class SubtotalReader {
  private open: string[] = [];
  private readonly used = new Set<SubtotalCode>();
  /** Sectors read since the sequence began: one read again starts a new sequence (a second block of columns). */
  private readonly seen = new Set<string>();
  /** Sectors of the open block read from a part label (国保 → その他): read again in the block, they add up instead. */
  private readonly parts = new Set<string>();
  lastError = "";

  read(label: string): string | undefined {
    const code = sectorLabelCode(label);
    if (code === undefined) {
      this.lastError = `部門「${label.trim()}」が分かりません`;
      return undefined;
    }
    if (code === "positional") {
      const order: SubtotalCode[] = ["ippan", "kigyo", "futsu", "gokei"];
      const fits = order.find((t) => !this.used.has(t) && this.open.length > 0 && this.open.every((c) => SUBTOTAL_PARTS[t].includes(c)));
      if (!fits) {
        this.lastError = `「${label.trim()}」がどの小計か、上の行から決められません (一般行政計、普通会計計、公営企業等会計、合計のように書いてください)`;
        return undefined;
      }
      this.close(fits);
      return fits;
    }
    // 特別行政計 sums 教育 + 消防 inside 普通会計 and closes no block: a 「小計」 after it is still 普通会計計.
    if (isNestedSubtotal(code)) return code;
    if (code in SUBTOTAL_PARTS) {
      this.close(code as SubtotalCode);
      return code;
    }
    const part = sectorPartOf(label) !== undefined;
    // 国保, 介護, 収益事業 and その他 in one block all add up into その他: that is no second block.
    const addsUp = this.open.includes(code) && (part || this.parts.has(code));
    if (this.seen.has(code) && !addsUp) {
      this.seen.clear();
      this.used.clear();
      this.parts.clear();
      this.open = [];
    }
    if (part) this.parts.add(code);
    this.seen.add(code);
    if (!this.open.includes(code)) this.open.push(code);
    return code;
  }

  private close(code: SubtotalCode): void {
    this.used.add(code);
    // A new block starts: 「計」 after 一般行政 and 「小計」 after 教育 each cover the rows since the last subtotal.
    this.open = [];
    this.parts.clear();
  }
}

/** What a column header says about sectors: a sector or subtotal code, or why its 計/小計 cannot be placed. */
export type SectorHeader = { code: string; label: string } | { error: string; label: string };

/**
 * The sector of each column of a table whose headers name sectors left to right (MIC's 団体別・類似団体別職員数):
 * per column its header labels top to bottom; the first label that is a sector or subtotal counts. 「計」「小計」
 * get the subtotal their position means, as in a column of rows (SubtotalReader): 「計」 after 議会 … 衛生 is
 * 一般行政計, never 合計. A label spread over neighbouring columns (単純値 | 修正値 under one 「議会」) is read once.
 * Null for a column whose labels name no sector. Never throws.
 */
export function readSectorHeaders(columns: readonly (readonly string[])[]): (SectorHeader | null)[] {
  const reader = new SubtotalReader();
  const out: (SectorHeader | null)[] = [];
  for (const [index, labels] of columns.entries()) {
    const label = labels.find((l) => sectorLabelCode(l) !== undefined);
    const previous = out[index - 1];
    if (label === undefined) {
      out.push(null);
    } else if (previous && previous.label === label) {
      out.push(previous);
    } else {
      const code = reader.read(label);
      out.push(code === undefined ? { error: reader.lastError, label } : { code, label });
    }
  }
  return out;
}
