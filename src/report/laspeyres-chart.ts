/**
 * 図表9 ラスパイレス指数比較 as a standalone SVG drawn with ECharts' SSR renderer (served as an <img>, so the
 * page's CSP never sees ECharts' style attributes). Pure: the same input gives the same SVG.
 */
import { formatFiscalYearShort } from "../domain/era.js";
import { echartsLib, withoutInlineStyles } from "./charts.js";

const FONT_FAMILY = "IPAexGothic, sans-serif";
export const LASPEYRES_CHART_SIZE = { width: 960, height: 400 } as const;
// The first three follow 図表9: the city, its similar group and all cities; peers get quieter colours.
const COLORS = ["#3460fb", "#d16d00", "#1a7f37", "#7a56c4", "#b83280", "#00838f", "#6d4c41", "#546e7a"];

export interface LaspeyresChartInput {
  years: number[];
  series: { label: string; values: (number | null)[] }[];
}

/** A y axis around the values (the index moves within a few points of 100), always showing 100 (national = 100). */
function axisRange(values: number[]): { min: number; max: number } {
  const low = Math.min(100, ...values);
  const high = Math.max(100, ...values);
  return { min: Math.floor(low - 3), max: Math.ceil(high + 1) };
}

export function laspeyresChartSvg(input: LaspeyresChartInput): string {
  for (const s of input.series) if (s.values.length !== input.years.length) throw new RangeError("年度と指数の件数が一致しません");
  const values = input.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const { min, max } = axisRange(values);
  const chart = echartsLib().init(null, null, { renderer: "svg", ssr: true, width: LASPEYRES_CHART_SIZE.width, height: LASPEYRES_CHART_SIZE.height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      color: COLORS,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 13, color: "#1a1a1a" },
      legend: { top: 8, data: input.series.map((s) => s.label), textStyle: { fontFamily: FONT_FAMILY, fontSize: 14, color: "#1a1a1a" } },
      grid: { left: 64, right: 40, top: 64, bottom: 56 },
      xAxis: {
        type: "category",
        data: input.years.map((fy) => `${formatFiscalYearShort(fy)}\n(${fy})`),
        axisLabel: { interval: 0, fontFamily: FONT_FAMILY, fontSize: 12, lineHeight: 16, color: "#1a1a1a" },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: "value",
        name: "指数(国=100)",
        min,
        max,
        interval: max - min > 12 ? 2 : 1,
        nameTextStyle: { fontFamily: FONT_FAMILY, fontSize: 13, color: "#1a1a1a", align: "left" },
        axisLabel: { fontFamily: FONT_FAMILY, color: "#1a1a1a", formatter: (v: number) => v.toFixed(0) },
      },
      // Grouped bars, one group per year: the indices sit within a point or two of each other, where lines and their
      // labels would overlap. The axis starts near the values (an index compares levels around 100, not from 0).
      series: input.series.map((s, i) => ({
        name: s.label,
        type: "bar",
        silent: true,
        barMaxWidth: 48,
        barGap: "20%",
        label: {
          show: true,
          position: "top",
          fontFamily: FONT_FAMILY,
          fontSize: 12,
          color: "#1a1a1a",
          formatter: (p: { value?: unknown }) => (typeof p.value === "number" ? p.value.toFixed(1) : ""),
        },
        data: s.values,
        // National = 100, the level the index is defined against.
        ...(i === 0
          ? {
              markLine: {
                silent: true,
                symbol: "none",
                label: { show: true, position: "insideEndTop", formatter: "国 = 100", fontFamily: FONT_FAMILY, fontSize: 12, color: "#444444" },
                lineStyle: { type: "dashed", color: "#666666" },
                data: [{ yAxis: 100 }],
              },
            }
          : {}),
      })),
    });
    return withoutInlineStyles(chart.renderToSVGString())
      .replace(/ class="zr\d+-cls-\d+"/g, "")
      .replace(/\bzr\d+-/g, "zr0-");
  } finally {
    chart.dispose();
  }
}
