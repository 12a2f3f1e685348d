/** 図表5 職員数と人口の推移: the ECharts SVG (bars of 一般職(合計), the 住基人口 line) and its data as a table. */
import { formatFiscalYear, formatWarekiDate } from "../../domain/era.js";
import { staffPopulationChartSvg } from "../charts.js";
import { cachedSvg, ChartFigure, fmt, YearHead } from "./common.js";

export interface StaffPopulationData {
  years: number[];
  staff: (number | null)[];
  population: (number | null)[];
  populationDates: (string | null)[];
}

export function staffPopulationCaption(data: StaffPopulationData): string {
  const first = data.years[0];
  const last = data.years[data.years.length - 1];
  return first === undefined || last === undefined ? "職員数と人口の推移" : `${formatFiscalYear(first)}～${formatFiscalYear(last)} 職員数と人口の推移`;
}

/**
 * The chart's one-line text: 一般職(合計) of the first and the last year that has a count (a year without one is
 * never named with an empty number); 「職員数の記録がありません」 when no year has one.
 */
export function staffPopulationSummary(data: StaffPopulationData): string {
  const recorded = data.years.flatMap((year, i) => (data.staff[i] === null || data.staff[i] === undefined ? [] : [{ year, staff: data.staff[i] }]));
  const first = recorded[0];
  const last = recorded[recorded.length - 1];
  if (!first || !last) return "職員数の記録がありません";
  if (first === last) return `一般職(合計)は${formatFiscalYear(first.year)}の${fmt(first.staff)}人。数値は下の表のとおり`;
  return `一般職(合計)は${formatFiscalYear(first.year)}の${fmt(first.staff)}人から${formatFiscalYear(last.year)}の${fmt(last.staff)}人。数値は下の表のとおり`;
}

export function StaffPopulationFigure(props: { number?: number; data: StaffPopulationData; id?: string }) {
  const d = props.data;
  const id = props.id ?? "zuhyo-staff-population";
  const caption = staffPopulationCaption(d);
  const summary = staffPopulationSummary(d);
  return (
    <ChartFigure
      number={props.number}
      id={id}
      caption={caption}
      summary={summary}
      svg={cachedSvg("staff-population", [d.years, d.staff, d.population], () => staffPopulationChartSvg({ years: d.years, staff: d.staff, population: d.population }))}
      table={
        <table class="figure-table data-table">
          <caption class="data-caption">{caption}(数値)</caption>
          <thead>
            <tr>
              <th scope="col">区分</th>
              {d.years.map((year) => (
                <th scope="col" class="year">
                  <YearHead year={year} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">一般職(合計)(人)</th>
              {d.staff.map((v) => (
                <td class="num">{fmt(v)}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">住基人口(人)</th>
              {d.population.map((v, i) => {
                const date = d.populationDates[i];
                return (
                  <td class="num" title={date ? `${formatWarekiDate(date)}現在` : undefined}>
                    {fmt(v)}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      }
    />
  );
}
