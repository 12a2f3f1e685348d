/** 図表9 ラスパイレス指数比較: grouped bars per year (the city, its similar group, all cities) and the values as a table. */
import { formatFiscalYear } from "../../domain/era.js";
import { laspeyresChartSvg } from "../laspeyres-chart.js";
import { cachedSvg, ChartFigure, YearHead } from "./common.js";

export interface LaspeyresFigureData {
  years: number[];
  series: { label: string; values: (number | null)[] }[];
}

/** 「過去4年間のラスパイレス指数比較」 with the number of years actually shown. */
export function laspeyresCaption(data: LaspeyresFigureData): string {
  return data.years.length > 1 ? `過去${data.years.length}年間のラスパイレス指数比較` : data.years[0] === undefined ? "ラスパイレス指数比較" : `ラスパイレス指数比較(${formatFiscalYear(data.years[0])})`;
}

export function LaspeyresFigure(props: { number?: number; data: LaspeyresFigureData; id?: string }) {
  const d = props.data;
  const id = props.id ?? "zuhyo-laspeyres";
  const caption = laspeyresCaption(d);
  const last = d.years.length - 1;
  const summary = d.series.map((s) => `${s.label} ${s.values[last]?.toFixed(1) ?? "－"}`).join("、");
  return (
    <ChartFigure
      number={props.number}
      id={id}
      caption={caption}
      summary={last < 0 ? "ラスパイレス指数の記録がありません" : `最新年度の指数: ${summary}`}
      svg={cachedSvg("laspeyres", [d.years, d.series], () => laspeyresChartSvg({ years: d.years, series: d.series.map((s) => ({ label: s.label, values: s.values })) }))}
      table={
        <table class="figure-table data-table">
          <caption class="data-caption">{caption}(数値、国=100)</caption>
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
            {d.series.map((s) => (
              <tr>
                <th scope="row">{s.label}</th>
                {s.values.map((v) => (
                  <td class="num">{v === null ? "" : v.toFixed(1)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
