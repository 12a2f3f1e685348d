/** 図表6 定年延長制度に伴う退職者の予定: cohorts as rows, fiscal years as columns, each cohort's retirement year marked. */
import type { CohortTable } from "../../domain/retirement.js";
import { FigureCaption, YearHead } from "./common.js";

export const RETIREMENT_COHORTS_CAPTION = "定年延長制度に伴う退職者の予定";

export function RetirementCohortsFigure(props: { number: number; table: CohortTable; id?: string }) {
  const t = props.table;
  return (
    <table class="figure-table cohort-table" id={props.id ?? "zuhyo-retirement"}>
      <FigureCaption number={props.number} text={RETIREMENT_COHORTS_CAPTION} />
      <thead>
        <tr>
          <th scope="col">年度</th>
          {t.years.map((fy) => (
            <th scope="col" class="year">
              <YearHead year={fy} />
            </th>
          ))}
        </tr>
        <tr>
          <th scope="row">定年</th>
          {t.header.map((h) => (
            <td class="num">{h.retirementAge}歳</td>
          ))}
        </tr>
        <tr>
          <th scope="row">定年退職者</th>
          {t.header.map((h) => (
            <td class={h.retirees ? "retirees" : "no-retirees"}>{h.retirees ? "あり" : "定年退職者なし"}</td>
          ))}
        </tr>
      </thead>
      <tbody>
        {t.rows.map((row) => (
          <tr>
            <th scope="row">
              {row.label}
              <span class="born">({row.cohort})</span>
            </th>
            {row.cells.map((cell) =>
              cell.retires ? (
                <td class="retire">定年退職 {cell.age}歳</td>
              ) : cell.retired ? (
                <td class="retired"></td>
              ) : (
                <td class="num">{cell.age}歳</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
