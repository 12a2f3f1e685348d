import { formatFiscalYear } from "../../domain/era.js";
import type { SessionContext } from "../../services/auth.js";
import type { RegressionRowView } from "../../services/comparison/regression.js";
import { Layout } from "../layout.js";
import { fmt } from "./staffing-common.js";
import { ComparisonNav, Missing } from "./comparison-common.js";

export interface RegressionPageProps {
  session: SessionContext;
  csrfToken: string;
  rows: RegressionRowView[];
}

/** MIC's spelling: ▲ for a negative coefficient. */
const coefficient = (v: number) => `${v < 0 ? "▲" : ""}${Math.abs(v).toLocaleString("ja-JP", { maximumFractionDigits: 8 })}`;

export function RegressionPage(props: RegressionPageProps) {
  return (
    <Layout title="定員回帰指標" session={props.session} csrfToken={props.csrfToken} current="/comparison">
      <h1>定員回帰指標</h1>
      <ComparisonNav current="/comparison/regression" session={props.session} />
      <p class="lead">
        総務省の定員回帰指標は、人口と面積から推計した職員数と実際の職員数を比べる指標です。推計職員数 = 定数項 + 人口の係数 × 住基人口 + 面積の係数 × 面積、指標 = 職員数 ÷ 推計職員数 × 100(100を上回ると推計より職員が多い)。
      </p>
      {props.rows.length === 0 ? (
        <Missing what="定員回帰指標の係数が取り込まれていません。係数は総務省が年度ごとに公表するもので、このシステムには含まれていません(推測の値は使いません)。" session={props.session} />
      ) : (
        <div class="table-scroll" role="region" aria-label="定員回帰指標" tabindex={0}>
          <table class="data zuhyo" id="regression">
            <caption>定員回帰指標</caption>
            <thead>
              <tr>
                <th scope="col" class="corner">年度・部門</th>
                <th scope="col">定数項</th>
                <th scope="col">人口の係数</th>
                <th scope="col">面積の係数</th>
                <th scope="col">住基人口</th>
                <th scope="col">面積(km²)</th>
                <th scope="col">推計職員数</th>
                <th scope="col">職員数</th>
                <th scope="col">指標</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr data-year={r.fiscalYear} data-sector={r.sector}>
                  <th scope="row">
                    {formatFiscalYear(r.fiscalYear)} {r.sectorName}
                  </th>
                  <td class="num">{coefficient(r.constant)}</td>
                  <td class="num">{coefficient(r.populationCoef)}</td>
                  <td class="num">{coefficient(r.areaCoef)}</td>
                  <td class="num">{fmt(r.population)}</td>
                  <td class="num">{r.areaKm2 === null ? "" : r.areaKm2.toLocaleString("ja-JP")}</td>
                  <td class="num" data-col="estimate">{r.estimate === null ? "" : r.estimate.toLocaleString("ja-JP", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</td>
                  <td class="num" data-col="actual">{fmt(r.actual)}</td>
                  <td class="num" data-col="index">
                    {r.index === null ? <span class="note">{r.missing.length > 0 ? `${r.missing.join("、")}がありません` : ""}</span> : r.index.toFixed(1)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="footnote">※面積は「類似団体区分の判定」の入力、職員数は定員管理診断表(なければ団体別職員数、部局別職員数)の値を使います。指標は小数第2位を四捨五入。</p>
    </Layout>
  );
}
