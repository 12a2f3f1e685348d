/** 図表8 道内類似団体との職員数の比較: the chosen peers' 普通会計 and 一般行政 staff per 10,000, and the group's total. */
import { groupShortLabel } from "../../domain/comparison.js";
import { shortDateLabel } from "../../domain/comparison.js";
import { FigureCaption, fixed, fmt } from "./common.js";

export interface PeersFigureData {
  rows: { code: string; name: string; prefecture: string; own: boolean; population: number | null; futsu: number | null; futsuPer10k: number | null; ippan: number | null; ippanPer10k: number | null }[];
  group: { groupKey: string; members: number | null; population: number | null; futsu: number | null; futsuPer10k: number | null; ippan: number | null; ippanPer10k: number | null } | null;
  populationDate: string | null;
  staffDate: string | null;
}

export const PEERS_CAPTION = "類似団体との職員数の比較";

/** 「道内類似団体」 when every peer is in the municipality's prefecture, else 「類似団体」. */
export function peersCaption(data: PeersFigureData, prefecture: string): string {
  const same = data.rows.length > 0 && data.rows.every((r) => r.prefecture === "" || r.prefecture === prefecture);
  return same && prefecture.endsWith("道") ? `道内${PEERS_CAPTION}` : same ? `${prefecture}内の${PEERS_CAPTION}` : PEERS_CAPTION;
}

export function PeersFigure(props: { number?: number; data: PeersFigureData; prefecture: string; id?: string }) {
  const d = props.data;
  const pop = d.populationDate ? `(${shortDateLabel(d.populationDate)})` : "";
  const staff = d.staffDate ? `(${shortDateLabel(d.staffDate)})` : "";
  return (
    <table class="figure-table zuhyo8" id={props.id ?? "zuhyo-peers"}>
      <FigureCaption number={props.number} text={peersCaption(d, props.prefecture)} />
      <thead>
        <tr>
          <th scope="col" colspan={2} rowspan={2}>
            団体名
          </th>
          <th scope="col" rowspan={2}>
            住基人口{pop}
          </th>
          <th scope="colgroup" colspan={2}>
            普通会計
          </th>
          <th scope="colgroup" colspan={2}>
            一般行政職部門
          </th>
        </tr>
        <tr>
          <th scope="col">職員数{staff}</th>
          <th scope="col">人口1万当たり</th>
          <th scope="col">職員数{staff}</th>
          <th scope="col">人口1万当たり</th>
        </tr>
      </thead>
      <tbody>
        {d.rows.map((r) => (
          <tr class={r.own ? "own" : undefined}>
            <td>{r.prefecture}</td>
            <th scope="row">{r.own ? <strong>{r.name}</strong> : r.name}</th>
            <td class="num">{fmt(r.population)}</td>
            <td class="num">{fmt(r.futsu)}</td>
            <td class="num">{fixed(r.futsuPer10k)}</td>
            <td class="num">{fmt(r.ippan)}</td>
            <td class="num">{fixed(r.ippanPer10k)}</td>
          </tr>
        ))}
        {d.group ? (
          <tr class="total">
            <th scope="row" colspan={2}>
              {groupShortLabel(d.group.groupKey)}
              {d.group.members !== null ? ` (${fmt(d.group.members)}団体)` : ""} 合計
            </th>
            <td class="num">{fmt(d.group.population)}</td>
            <td class="num">{fmt(d.group.futsu)}</td>
            <td class="num">{fixed(d.group.futsuPer10k)}</td>
            <td class="num">{fmt(d.group.ippan)}</td>
            <td class="num">{fixed(d.group.ippanPer10k)}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
