import { formatFiscalYear, formatFiscalYearShort, formatWarekiDate } from "../../domain/era.js";
import type { SessionContext } from "../../services/auth.js";
import { LASPEYRES_CHART_SIZE } from "../../report/laspeyres-chart.js";
import { COMPARATOR_SUBJECTS, type LaspeyresView } from "../../services/comparison/laspeyres.js";
import { Layout } from "../layout.js";
import { ComparisonNav, Missing } from "./comparison-common.js";

export interface LaspeyresPageProps {
  session: SessionContext;
  csrfToken: string;
  view: LaspeyresView;
}

const one = (v: number | null | undefined) => (v === null || v === undefined ? "" : v.toFixed(1));

/**
 * The seed's sentence on the latest year: own index against national (100) and every comparator the data has,
 * each named as the data names it (類似団体平均, 全国市平均, 全国町村平均, 全国平均, 北海道平均 …): a town's page
 * never says 全国市平均 for its 全国町村平均 (kind I).
 */
function Summary(props: { view: LaspeyresView; name: string }) {
  const i = props.view.years.length - 1;
  const year = props.view.years[i];
  const value = (subject: string) => props.view.series.find((s) => s.subject === subject)?.values[i] ?? null;
  const own = value("own");
  if (year === undefined || own === null) return null;
  const comparators = props.view.series
    .filter((s) => COMPARATOR_SUBJECTS.includes(s.subject) && s.values[i] !== null && s.values[i] !== undefined)
    .map((s) => ({ label: s.subject === "group" ? "類似団体平均(注2)" : s.label, value: s.values[i] as number }));
  const against = comparators.map((c) => `${c.label}の${one(c.value)}`);
  const all = comparators.map((c) => c.value);
  const relation = all.length === 0 ? "" : all.every((v) => own < v) ? "を下回っている" : all.every((v) => own > v) ? "を上回っている" : "と並んでいる";
  return (
    <p class="summary" data-summary="laspeyres">
      {props.name}のラスパイレス指数は、国家公務員の給与水準より{own < 100 ? "低い" : own > 100 ? "高い" : "と同じ"}
      {one(own)}({formatWarekiDate(`${year}-04-01`)}現在){against.length > 0 ? `であり、${against.join("、")}${relation}状況です。` : "です。"}
    </p>
  );
}

export function LaspeyresPage(props: LaspeyresPageProps) {
  const v = props.view;
  const name = props.session.municipality.name;
  const first = v.years[0];
  const last = v.years[v.years.length - 1];
  const span = first === undefined || last === undefined ? "" : first === last ? formatFiscalYear(first) : `${formatFiscalYear(first)}～${formatFiscalYear(last)}`;
  const caption = `(図表9) ラスパイレス指数比較 ${span}`;
  return (
    <Layout title="ラスパイレス指数(図表9)" session={props.session} csrfToken={props.csrfToken} current="/comparison">
      <h1>ラスパイレス指数</h1>
      <ComparisonNav current="/comparison/laspeyres" session={props.session} />
      {v.years.length === 0 ? (
        <Missing what="ラスパイレス指数が取り込まれていません。" session={props.session} />
      ) : (
        <>
          <Summary view={v} name={name} />
          <figure class="chart">
            <img
              src="/comparison/laspeyres.svg"
              width={LASPEYRES_CHART_SIZE.width}
              height={LASPEYRES_CHART_SIZE.height}
              alt={`${caption}のグラフ。${v.series.map((s) => s.label).join("・")}の指数。数値は下の表のとおり。`}
            />
            <figcaption>{caption}</figcaption>
          </figure>
          <p class="actions">
            <a href="/comparison/laspeyres.svg" download="zuhyo9.svg">
              グラフを SVG で保存
            </a>
          </p>
          <div class="table-scroll" role="region" aria-label={`${caption}(数値)`} tabindex={0}>
            <table class="data zuhyo laspeyres" id="zuhyo9">
              <caption>(図表9) 数値 (各年4月1日現在)</caption>
              <thead>
                <tr>
                  <th scope="col" class="corner">区分</th>
                  {v.years.map((y) => (
                    <th scope="col">
                      <abbr title={formatFiscalYear(y)}>{formatFiscalYearShort(y)}</abbr>
                      <br />({y})
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {v.series.map((s) => (
                  <tr class={s.subject === "own" ? "own" : undefined} data-subject={s.subject}>
                    <th scope="row">{s.label}</th>
                    {s.values.map((value, i) => (
                      <td class="num" data-subject={s.subject} data-year={v.years[i]}>
                        {one(value)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p class="footnote">
        (注)1
        ラスパイレス指数とは、全地方公共団体の一般行政職の給料月額を同一の基準で比較するため、国の職員数(構成)を用いて、学歴や経験年数の差による影響を補正し、国の行政職俸給表(一)適用職員の俸給月額を100として計算した指数
      </p>
      <p class="footnote">2 類似団体平均とは、人口規模、産業構造が類似している団体のラスパイレス指数を単純平均したもの</p>
    </Layout>
  );
}
