/** 図表11 行政部門の説明: MIC's sectors grouped by account and 行政区分, with their 主な内容. */
import { SECTORS, type Sector } from "../../domain/sector.js";
import { FigureCaption } from "./common.js";

export const SECTORS_CAPTION = "行政部門の説明";

function groupLabel(s: Sector): string {
  if (s.group === "一般行政") return s.welfare ? "一般行政(福祉関係)" : "一般行政(福祉関係を除く)";
  return s.group === "公営企業等" ? "公営企業等" : s.group;
}

/** A sector's staff in the two years of the municipality's 定員管理診断表 (図表10), by sector code. */
export interface SectorStaff {
  code: string;
  previous: number | null;
  current: number | null;
}

/**
 * The sectors 図表11 describes — 「本計画の定数管理で用いる部門」: MIC's list without the sectors in which the
 * municipality has no staff in either year of its 定員管理診断表 (the seed leaves out 交通, which 千歳市 does not
 * run, while its 図表10 keeps MIC's empty row). Without a 診断表 (no staff figures at all) every sector is described.
 */
export function sectorsDescribed(staff: readonly SectorStaff[], sectors: readonly Sector[] = SECTORS): Sector[] {
  const staffed = new Set(staff.filter((r) => (r.previous ?? 0) > 0 || (r.current ?? 0) > 0).map((r) => r.code));
  if (staffed.size === 0) return [...sectors];
  return sectors.filter((s) => staffed.has(s.code));
}

/** Rows in the seed's order: 普通会計 first (一般行政 without welfare, with welfare, 教育, 消防), then 公営企業等会計. */
function seedOrder(sectors: readonly Sector[]): Sector[] {
  const order = (s: Sector) => (s.account === "普通会計" ? 0 : 10) + (s.group === "一般行政" ? (s.welfare ? 1 : 0) : s.group === "教育" ? 2 : s.group === "消防" ? 3 : 4);
  return [...sectors].map((s, i) => ({ s, i })).sort((x, y) => order(x.s) - order(y.s) || x.i - y.i).map((x) => x.s);
}

/** How many rows from `index` on share `key` (the rowspan of a merged cell), or 0 when the row above shares it (no cell). */
function spanAt<T>(rows: readonly T[], index: number, key: (row: T) => string): number {
  const k = key(rows[index] as T);
  if (index > 0 && key(rows[index - 1] as T) === k) return 0;
  let n = 1;
  while (index + n < rows.length && key(rows[index + n] as T) === k) n++;
  return n;
}

/**
 * `sectors` defaults to MIC's list; a municipality's reworded 主な内容 or the sectors it uses ({@link sectorsDescribed})
 * can be passed instead. As in the seed, 区分(会計) and 区分(行政) are merged over the rows they share.
 */
export function SectorsFigure(props: { number: number; sectors?: readonly Sector[]; id?: string }) {
  const rows = seedOrder(props.sectors ?? SECTORS);
  const accountKey = (s: Sector) => s.account;
  const groupKey = (s: Sector) => `${s.account}/${groupLabel(s)}`;
  return (
    <table class="figure-table zuhyo11" id={props.id ?? "zuhyo-sectors"}>
      <FigureCaption number={props.number} text={SECTORS_CAPTION} />
      <thead>
        <tr>
          <th scope="col">区分(会計)</th>
          <th scope="col">区分(行政)</th>
          <th scope="col">行政部門</th>
          <th scope="col">主な内容</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s, i) => {
          const accountSpan = spanAt(rows, i, accountKey);
          const groupSpan = spanAt(rows, i, groupKey);
          return (
            <tr>
              {accountSpan > 0 ? (
                <td class="merged" rowspan={accountSpan > 1 ? accountSpan : undefined}>
                  {s.account}
                </td>
              ) : null}
              {groupSpan > 0 ? (
                <td class="merged" rowspan={groupSpan > 1 ? groupSpan : undefined}>
                  {groupLabel(s)}
                </td>
              ) : null}
              <th scope="row">{s.name}</th>
              <td>{s.description}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
