/** 図表11 行政部門の説明: MIC's sectors grouped by account and 行政区分, with their 主な内容. */
import { SECTORS, type Sector } from "../../domain/sector.js";
import { FigureCaption } from "./common.js";

export const SECTORS_CAPTION = "行政部門の説明";

function groupLabel(s: Sector): string {
  if (s.group === "一般行政") return s.welfare ? "一般行政(福祉関係)" : "一般行政(福祉関係を除く)";
  return s.group === "公営企業等" ? "公営企業等" : s.group;
}

/** `sectors` defaults to MIC's list; a municipality's reworded 主な内容 can be passed instead. */
export function SectorsFigure(props: { number: number; sectors?: readonly Sector[]; id?: string }) {
  const sectors = props.sectors ?? SECTORS;
  // The seed's order: 普通会計 first (一般行政 without welfare, with welfare, 教育, 消防), then 公営企業等会計.
  const order = (s: Sector) => (s.account === "普通会計" ? 0 : 10) + (s.group === "一般行政" ? (s.welfare ? 1 : 0) : s.group === "教育" ? 2 : s.group === "消防" ? 3 : 4);
  const rows = [...sectors].map((s, i) => ({ s, i })).sort((x, y) => order(x.s) - order(y.s) || x.i - y.i).map((x) => x.s);
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
        {rows.map((s) => (
          <tr>
            <td>{s.account}</td>
            <td>{groupLabel(s)}</td>
            <th scope="row">{s.name}</th>
            <td>{s.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
