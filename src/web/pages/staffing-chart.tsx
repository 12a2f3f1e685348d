import { formatFiscalYear, formatDateBoth } from "../../domain/era.js";
import { per10k, POPULATION_DATE_CHANGE_YEAR, populationReferenceDate, roundHalfUp } from "../../domain/population.js";
import type { SessionContext } from "../../services/auth.js";
import type { StaffPopulationSeries } from "../../services/staffing-views.js";
import { Layout } from "../layout.js";
import { YearSpanFields } from "./components.js";
import { fmt, StaffingNav, YearLabel } from "./staffing-common.js";

/** Pixel size the chart is drawn at (src/report/charts.ts); the page scales it down on narrow screens. */
export const CHART_SIZE = { width: 960, height: 420 } as const;

export interface ChartPageProps {
  session: SessionContext;
  csrfToken: string;
  series: StaffPopulationSeries;
  /** Query string of the span, shared by the SVG route and the links. */
  query: string;
  fromInput: string;
  toInput: string;
  everyYear: boolean;
}

function perTenThousand(staff: number | null, population: number | null): string {
  if (staff === null || population === null || population <= 0) return "";
  return roundHalfUp(per10k(staff, population), 2).toLocaleString("ja-JP", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** GET /staffing/chart: 図表5 職員数と人口の推移, drawn on the server, with its figures as a table. */
export function ChartPage(props: ChartPageProps) {
  const s = props.series;
  const first = s.years[0];
  const last = s.years[s.years.length - 1];
  const span = first !== undefined && last !== undefined ? `${formatFiscalYear(first)}～${formatFiscalYear(last)}` : "";
  const caption = `(図表5) ${span} 職員数と人口の推移`;
  const withPopulation = s.population.filter((p) => p !== null).length;
  return (
    <Layout title="職員数と人口の推移(図表5)" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>職員数と人口の推移</h1>
      <StaffingNav current="/staffing/chart" />
      <form class="filters" method="get" action="/staffing/chart">
        <YearSpanFields fromInput={props.fromInput} toInput={props.toInput} />
        <div class="check">
          <input id="every" name="every" type="checkbox" value="1" checked={props.everyYear} />
          <label for="every">すべての年度を表示</label>
        </div>
        <div>
          <button type="submit">表示</button>
        </div>
      </form>
      <figure class="chart">
        <img
          src={`/staffing/chart.svg?${props.query}`}
          width={CHART_SIZE.width}
          height={CHART_SIZE.height}
          alt={`${caption}のグラフ。棒は一般職(合計)の職員数、折れ線は住基人口。数値は下の表のとおり。`}
        />
        <figcaption>{caption}</figcaption>
      </figure>
      <p class="actions">
        <a href={`/staffing/chart.svg?${props.query}`} download="zuhyo5.svg">
          グラフを SVG で保存
        </a>
        {" ・ "}
        <a href={`/staffing/headcounts?${props.query}`}>部局別職員数(図表4)</a>
      </p>
      {withPopulation === 0 ? (
        <p class="alert warning">この期間の住基人口が登録されていないため、人口の折れ線は表示されません。人口は<a href="/staffing/settings">設定</a>で登録します。</p>
      ) : null}
      <div class="table-scroll" role="region" aria-label={`${caption}(数値)`} tabindex={0}>
        <table class="data zuhyo" id="zuhyo5">
          <caption>{caption}(数値)</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">職員数 一般職(合計)</th>
              <th scope="col">住基人口</th>
              <th scope="col">人口の基準日</th>
              <th scope="col">人口1万人当たり職員数</th>
            </tr>
          </thead>
          <tbody>
            {s.years.map((year, i) => {
              const staff = s.staff[i] ?? null;
              const population = s.population[i] ?? null;
              const date = s.populationDates[i] ?? null;
              const unusual = date !== null && date !== populationReferenceDate(year);
              return (
                <tr data-year={year}>
                  <th scope="row">
                    <YearLabel year={year} inline />
                  </th>
                  <td class="num" data-col="staff" data-year={year}>
                    {fmt(staff)}
                  </td>
                  <td class="num" data-col="population" data-year={year}>
                    {fmt(population)}
                  </td>
                  <td data-col="date">
                    {date === null ? "" : formatDateBoth(date)}
                    {unusual ? <small>(通常の基準日と異なります)</small> : null}
                  </td>
                  <td class="num" data-col="per10k" data-year={year}>
                    {perTenThousand(staff, population)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="footnote">
        ※人口は、{formatFiscalYear(POPULATION_DATE_CHANGE_YEAR - 1)}以前は各年3月31日現在、{formatFiscalYear(POPULATION_DATE_CHANGE_YEAR)}以降は各年1月1日現在。
      </p>
      <p class="footnote">※職員数は、各年4月1日現在(市長選を控えた年は、市長選後の人事異動発令日)</p>
      <p class="footnote">※職員数は、任期付職員及びフルタイム勤務の再任用職員を含む。</p>
      <p class="footnote">※人口1万人当たり職員数 = 職員数 ÷ 住基人口 × 10,000(小数第3位を四捨五入)。</p>
    </Layout>
  );
}
