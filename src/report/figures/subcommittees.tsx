/** 図表3 専門部会設置状況: name, role and period (R4～R7) of each 専門部会. */
import { FigureCaption } from "./common.js";

export interface SubcommitteeRow {
  name: string;
  role: string;
  /** "R4～R7", "R6～". */
  period: string;
}

export const SUBCOMMITTEES_CAPTION = "専門部会設置状況";

export function SubcommitteesFigure(props: { number: number; rows: readonly SubcommitteeRow[]; id?: string }) {
  return (
    <table class="figure-table zuhyo3" id={props.id ?? "zuhyo-subcommittees"}>
      <FigureCaption number={props.number} text={SUBCOMMITTEES_CAPTION} />
      <thead>
        <tr>
          <th scope="col">専門部会名称</th>
          <th scope="col">役割</th>
          <th scope="col">期間</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <th scope="row">{r.name}</th>
            <td>{r.role}</td>
            <td class="period">{r.period}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
