/**
 * Charts of the policy document, drawn on the server with ECharts' SSR renderer into a standalone SVG.
 * No browser script is involved, so the charts work without JavaScript and under the strict CSP.
 */
import * as echarts from "echarts";
import { formatFiscalYearShort } from "../domain/era.js";

/** Unquoted on purpose: ECharts writes the family into a double-quoted style attribute without escaping it. */
const FONT_FAMILY = "IPAexGothic, sans-serif";
const WIDTH = 960;
const HEIGHT = 420;
const STAFF_COLOR = "#3460fb";
const POPULATION_COLOR = "#d16d00";

export interface StaffPopulationInput {
  /** Fiscal years, ascending. */
  years: number[];
  /** 一般職(合計) per year; null = no figure. */
  staff: (number | null)[];
  /** 住基人口 per year; null = not recorded (the line leaves a gap). */
  population: (number | null)[];
}

/** Declarations ECharts puts into style="" that SVG also accepts as presentation attributes. */
const PRESENTATION_ATTRIBUTES = new Set(["font-size", "font-family", "font-weight", "font-style", "opacity", "fill-opacity", "stroke-opacity", "white-space"]);

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * The app's CSP (style-src 'self') blocks style attributes and <style> elements, also inside an SVG document.
 * Text styling moves into presentation attributes, which CSP does not govern; the <style> block only
 * holds hover effects, meaningless in a static image, and is dropped.
 */
export function withoutInlineStyles(svg: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, "")
    .replace(/ style="([^"]*)"/g, (_, css: string) =>
      css
        .split(";")
        .map((declaration) => {
          const colon = declaration.indexOf(":");
          if (colon < 0) return "";
          const name = declaration.slice(0, colon).trim().toLowerCase();
          const value = declaration.slice(colon + 1).trim();
          return PRESENTATION_ATTRIBUTES.has(name) && value !== "" ? ` ${name}="${escapeAttribute(value)}"` : "";
        })
        .join(""),
    );
}

const thousands = (value: number) => value.toLocaleString("ja-JP");

/** 1, 2 or 5 × 10^k, the smallest such step ≥ x. */
function niceStep(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  const f = x / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/** An axis from 0 with a quarter of headroom above the largest value, in round steps (1,104 → 0…1,400 by 200). */
export function roomyAxis(largest: number): { max: number; interval: number } {
  const top = Math.max(largest * 1.25, 10);
  const interval = niceStep(top / 7);
  return { max: Math.ceil(top / interval) * interval, interval };
}

/**
 * 図表5 職員数と人口の推移: bars of 一般職(合計) on the left axis, the 住基人口 line on the right axis,
 * x labels in 和暦 with the Gregorian year beneath (令7 / (2025)). Pure: the same input gives the same SVG.
 */
export function staffPopulationChartSvg(input: StaffPopulationInput): string {
  if (input.staff.length !== input.years.length || input.population.length !== input.years.length) {
    throw new RangeError("年度・職員数・人口の件数が一致しません");
  }
  const staffAxis = roomyAxis(Math.max(0, ...input.staff.filter((v): v is number => v !== null)));
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 13, color: "#1a1a1a" },
      legend: { top: 8, data: ["一般職(合計)", "住基人口"], textStyle: { fontFamily: FONT_FAMILY, fontSize: 14, color: "#1a1a1a" } },
      grid: { left: 80, right: 96, top: 64, bottom: 64 },
      xAxis: {
        type: "category",
        data: input.years.map((fy) => `${formatFiscalYearShort(fy)}\n(${fy})`),
        axisLabel: { interval: 0, fontFamily: FONT_FAMILY, fontSize: 12, lineHeight: 16, color: "#1a1a1a" },
        axisTick: { alignWithLabel: true },
      },
      yAxis: [
        {
          type: "value",
          name: "職員数(人)",
          min: 0,
          // Headroom above the bars keeps their labels clear of the population line, which sits near the top of its axis.
          ...staffAxis,
          nameTextStyle: { fontFamily: FONT_FAMILY, fontSize: 13, color: "#1a1a1a", align: "right" },
          axisLabel: { fontFamily: FONT_FAMILY, color: "#1a1a1a", formatter: thousands },
        },
        {
          type: "value",
          name: "住基人口(人)",
          min: 0,
          splitLine: { show: false },
          nameTextStyle: { fontFamily: FONT_FAMILY, fontSize: 13, color: "#1a1a1a", align: "left" },
          axisLabel: { fontFamily: FONT_FAMILY, color: "#1a1a1a", formatter: thousands },
        },
      ],
      series: [
        {
          name: "一般職(合計)",
          type: "bar",
          yAxisIndex: 0,
          barMaxWidth: 36,
          silent: true,
          itemStyle: { color: STAFF_COLOR },
          label: { show: true, position: "top", fontFamily: FONT_FAMILY, fontSize: 11, color: "#1a1a1a", formatter: (p: { value?: unknown }) => (typeof p.value === "number" ? thousands(p.value) : "") },
          data: input.staff,
        },
        {
          name: "住基人口",
          type: "line",
          yAxisIndex: 1,
          connectNulls: false,
          silent: true,
          symbolSize: 8,
          lineStyle: { width: 3, color: POPULATION_COLOR },
          itemStyle: { color: POPULATION_COLOR },
          data: input.population,
        },
      ],
    });
    // zrender numbers its instances and hover classes with process-wide counters (zr3-c0, zr3-cls-7); the classes
    // only served the dropped <style>, and a fixed id prefix makes the output depend on the input alone. The SVG
    // is a document of its own (served as an image), so its ids cannot collide with others.
    return withoutInlineStyles(chart.renderToSVGString())
      .replace(/ class="zr\d+-cls-\d+"/g, "")
      .replace(/\bzr\d+-/g, "zr0-");
  } finally {
    chart.dispose();
  }
}
