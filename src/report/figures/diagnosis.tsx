/** 図表10 定員管理診断表: staff of two years by sector, and the comparison with the 単純値 and 修正値 reference counts. */
import { shortDateLabel } from "../../domain/comparison.js";
import { formatTriangle } from "../../domain/diagnosis.js";
import type { PublicDiagnosisRow } from "../../services/publication-policy.js";
import { FigureCaption } from "./common.js";

/** The published 診断表 (services/publication-policy.ts presentDiagnosis); years null when there is none. */
export interface DiagnosisFigureData {
  fiscalYear: number | null;
  previousYear: number | null;
  rows: PublicDiagnosisRow[];
}

export const DIAGNOSIS_CAPTION = "地方公共団体定員管理調査 定員管理診断表";

const count = (v: number | null | undefined) => (v === null || v === undefined ? "" : v === 0 ? "" : formatTriangle(v));
const change = (v: number | null) => (v === null || v === 0 ? "" : formatTriangle(v));
const rate = (v: number | null) => (v === null ? "" : formatTriangle(v, 1));
const reference = (v: number | null) => (v === null ? "" : formatTriangle(v));

/** 図表10; `number` omitted on the site. */
export function DiagnosisFigure(props: { number?: number; data: DiagnosisFigureData; name: string; id?: string }) {
  const d = props.data;
  const a = d.previousYear === null ? "" : `${shortDateLabel(`${d.previousYear}-04-01`)} 現在職員数`;
  const b = d.fiscalYear === null ? "" : `${shortDateLabel(`${d.fiscalYear}-04-01`)} 現在職員数`;
  return (
    <table class="figure-table zuhyo10" id={props.id ?? "zuhyo-diagnosis"}>
      <FigureCaption number={props.number} text={DIAGNOSIS_CAPTION} />
      <thead>
        <tr>
          <th scope="col" rowspan={3}>
            大部門
          </th>
          <th scope="colgroup" colspan={3}>
            {props.name}の職員数の増減
          </th>
          <th scope="colgroup" colspan={6}>
            類似団体の単純値及び修正値により算出した職員数との比較
          </th>
        </tr>
        <tr>
          <th scope="col">{a} A(人)</th>
          <th scope="col">{b} B(人)</th>
          <th scope="col">増減 B-A(人)</th>
          <th scope="col">単純値×住基人口÷10,000(人)</th>
          <th scope="col">超過数(人)</th>
          <th scope="col">超過率(%)</th>
          <th scope="col">修正値×住基人口÷10,000(人)</th>
          <th scope="col">超過数(人)</th>
          <th scope="col">超過率(%)</th>
        </tr>
        <tr class="group-head">
          <td colspan={3}>{props.name}</td>
          <td colspan={3}>単純値による比較</td>
          <td colspan={3}>修正値による比較</td>
        </tr>
      </thead>
      <tbody>
        {d.rows.map((r) => (
          <tr class={r.total ? "total" : undefined}>
            <th scope="row">{r.name}</th>
            <td class="num">{r.previous === null ? "" : formatTriangle(r.previous)}</td>
            <td class="num">{r.current === null ? "" : formatTriangle(r.current)}</td>
            <td class="num">{change(r.change)}</td>
            <td class="num">{reference(r.simpleReference)}</td>
            <td class="num">{count(r.simpleExcess)}</td>
            <td class="num">{rate(r.simpleRate)}</td>
            <td class="num">{reference(r.correctedReference)}</td>
            <td class="num">{count(r.correctedExcess)}</td>
            <td class="num">{rate(r.correctedRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
