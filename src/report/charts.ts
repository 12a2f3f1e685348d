/**
 * Charts of the policy document, drawn on the server with ECharts' SSR renderer into a standalone SVG.
 * No browser script is involved, so the charts work without JavaScript and under the strict CSP.
 */
import { createRequire } from "node:module";

type ECharts = typeof import("echarts");
let loaded: ECharts | undefined;
/** ECharts is loaded on the first chart, not at start-up: it is large and most requests draw no chart. */
export function echartsLib(): ECharts {
  loaded ??= createRequire(import.meta.url)("echarts") as ECharts;
  return loaded;
}
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
  const chart = echartsLib().init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
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

const CAP_COLOR = "#d1001f";
const QUOTA_COLOR = "#595959";
const HIRES_COLOR = "#7ea8f9";

export interface ProjectionChartInput {
  /** Fiscal years, ascending. */
  years: number[];
  /** 職員数 on April 1 of each year. */
  headcount: number[];
  /** 上限 (cap) per year. */
  cap: number[];
  /** 条例定数 per year. */
  quota: number[];
  /** Hires joining on April 1 of each year (0 in the base year). */
  hires: number[];
}

/** A value axis that shows `low…high` in round steps in the upper part of the plot, leaving `floorShare` of it below. */
function bandAxis(low: number, high: number, floorShare: number): { min: number; max: number; interval: number } {
  const span = Math.max(high - low, 20);
  const interval = niceStep(span / (3 * (1 - floorShare)));
  const max = Math.ceil((high + span * 0.12) / interval) * interval;
  const min = Math.max(0, Math.floor((low - (span * floorShare) / (1 - floorShare)) / interval) * interval);
  return { min, max, interval };
}

/**
 * 職員数の推計と採用計画: the April 1 headcount as a line against the cap (dashed red) and the quota (dashed
 * grey) on the left axis, yearly hires as bars on the right axis, scaled so the bars stay below the lines.
 * Years over the cap are drawn as larger red points. Pure: the same input gives the same SVG.
 */
export function projectionChartSvg(input: ProjectionChartInput): string {
  const n = input.years.length;
  if ([input.headcount, input.cap, input.quota, input.hires].some((series) => series.length !== n)) {
    throw new RangeError("年度・職員数・上限・定数・採用者数の件数が一致しません");
  }
  const lines = [...input.headcount, ...input.cap, ...input.quota];
  const left = bandAxis(Math.min(...lines, Infinity), Math.max(...lines, 0), 0.45);
  const hiresAxis = roomyAxis(Math.max(0, ...input.hires) * 2.2);
  const chart = echartsLib().init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  const text = { fontFamily: FONT_FAMILY, color: "#1a1a1a" };
  try {
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { ...text, fontSize: 13 },
      legend: { top: 8, data: ["職員数(4月1日)", "上限", "条例定数", "採用者数"], textStyle: { ...text, fontSize: 14 } },
      grid: { left: 80, right: 80, top: 64, bottom: 64 },
      xAxis: {
        type: "category",
        data: input.years.map((fy) => `${formatFiscalYearShort(fy)}\n(${fy})`),
        axisLabel: { ...text, interval: 0, fontSize: 12, lineHeight: 16 },
        axisTick: { alignWithLabel: true },
      },
      yAxis: [
        {
          type: "value",
          name: "職員数(人)",
          ...left,
          nameTextStyle: { ...text, fontSize: 13, align: "right" },
          axisLabel: { ...text, formatter: thousands },
        },
        {
          type: "value",
          name: "採用者数(人)",
          min: 0,
          ...hiresAxis,
          splitLine: { show: false },
          nameTextStyle: { ...text, fontSize: 13, align: "left" },
          axisLabel: { ...text, formatter: thousands },
        },
      ],
      series: [
        {
          name: "採用者数",
          type: "bar",
          yAxisIndex: 1,
          barMaxWidth: 32,
          silent: true,
          itemStyle: { color: HIRES_COLOR },
          label: { show: true, position: "top", ...text, fontSize: 11, formatter: (p: { value?: unknown }) => (typeof p.value === "number" && p.value > 0 ? thousands(p.value) : "") },
          data: input.hires,
        },
        {
          name: "上限",
          type: "line",
          yAxisIndex: 0,
          silent: true,
          symbol: "none",
          lineStyle: { width: 2, type: "dashed", color: CAP_COLOR },
          itemStyle: { color: CAP_COLOR },
          data: input.cap,
        },
        {
          name: "条例定数",
          type: "line",
          yAxisIndex: 0,
          silent: true,
          symbol: "none",
          lineStyle: { width: 2, type: "dotted", color: QUOTA_COLOR },
          itemStyle: { color: QUOTA_COLOR },
          data: input.quota,
        },
        {
          name: "職員数(4月1日)",
          type: "line",
          yAxisIndex: 0,
          silent: true,
          symbolSize: 8,
          lineStyle: { width: 3, color: STAFF_COLOR },
          itemStyle: { color: STAFF_COLOR },
          label: { show: true, position: "top", ...text, fontSize: 11, formatter: (p: { value?: unknown }) => (typeof p.value === "number" ? thousands(p.value) : "") },
          data: input.headcount.map((value, i) =>
            value > (input.cap[i] ?? Infinity) ? { value, symbolSize: 12, itemStyle: { color: CAP_COLOR } } : value,
          ),
        },
      ],
    });
    return withoutInlineStyles(chart.renderToSVGString())
      .replace(/ class="zr\d+-cls-\d+"/g, "")
      .replace(/\bzr\d+-/g, "zr0-");
  } finally {
    chart.dispose();
  }
}

const TARGET_COLOR = "#d16d00";
const BASELINE_COLOR = "#595959";

export interface IndicatorChartInput {
  /** 指標名 and 単位, for the legend and the axis. */
  name: string;
  unit: string;
  /** Fiscal years, ascending (every year with a target, an actual or the baseline). */
  years: number[];
  /** 目標 per year; null = none. */
  targets: (number | null)[];
  /** 実績 per year; null = none. */
  actuals: (number | null)[];
  /** 基準値, drawn as a dashed level across the chart. */
  baseline?: { fiscalYear: number; value: number } | null;
}

/**
 * 指標 (KPI) of a reform item: actuals as bars, targets as points joined by a dashed line, the baseline as a
 * grey dashed level. Smaller than 図表5 (it sits beside a table). Pure: the same input gives the same SVG.
 */
export function indicatorChartSvg(input: IndicatorChartInput): string {
  if (input.targets.length !== input.years.length || input.actuals.length !== input.years.length) {
    throw new RangeError("年度・目標・実績の件数が一致しません");
  }
  const values = [...input.targets, ...input.actuals, input.baseline?.value ?? null].filter((v): v is number => v !== null);
  const axis = roomyAxis(Math.max(0, ...values));
  const text = { fontFamily: FONT_FAMILY, color: "#1a1a1a" };
  const unitLabel = (v: number) => `${thousands(v)}${input.unit}`;
  const chart = echartsLib().init(null, null, { renderer: "svg", ssr: true, width: 640, height: 300 });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { ...text, fontSize: 13 },
      legend: { top: 6, data: ["実績", "目標", ...(input.baseline ? ["基準値"] : [])], textStyle: { ...text, fontSize: 13 } },
      grid: { left: 72, right: 32, top: 52, bottom: 56 },
      xAxis: {
        type: "category",
        data: input.years.map((fy) => `${formatFiscalYearShort(fy)}\n(${fy})`),
        axisLabel: { ...text, interval: 0, fontSize: 12, lineHeight: 16 },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: "value",
        name: input.unit ? `${input.name}(${input.unit})` : input.name,
        min: 0,
        ...axis,
        nameTextStyle: { ...text, fontSize: 12, align: "left" },
        axisLabel: { ...text, formatter: thousands },
      },
      series: [
        {
          name: "実績",
          type: "bar",
          barMaxWidth: 36,
          silent: true,
          itemStyle: { color: STAFF_COLOR },
          label: { show: true, position: "top", ...text, fontSize: 11, formatter: (p: { value?: unknown }) => (typeof p.value === "number" ? unitLabel(p.value) : "") },
          data: input.actuals,
        },
        {
          name: "目標",
          type: "line",
          connectNulls: true,
          silent: true,
          symbol: "diamond",
          symbolSize: 12,
          lineStyle: { width: 2, type: "dashed", color: TARGET_COLOR },
          itemStyle: { color: TARGET_COLOR },
          label: { show: true, position: "right", ...text, fontSize: 11, formatter: (p: { value?: unknown }) => (typeof p.value === "number" ? `目標 ${unitLabel(p.value)}` : "") },
          data: input.targets,
        },
        ...(input.baseline
          ? [
              {
                name: "基準値",
                type: "line",
                silent: true,
                symbol: "none",
                lineStyle: { width: 2, type: "dashed", color: BASELINE_COLOR },
                itemStyle: { color: BASELINE_COLOR },
                data: input.years.map(() => input.baseline?.value ?? null),
                endLabel: { show: true, ...text, fontSize: 11, formatter: () => `基準値 ${unitLabel(input.baseline?.value ?? 0)}(${formatFiscalYearShort(input.baseline?.fiscalYear ?? input.years[0] ?? 2000)})` },
              },
            ]
          : []),
      ],
    });
    return withoutInlineStyles(chart.renderToSVGString())
      .replace(/ class="zr\d+-cls-\d+"/g, "")
      .replace(/\bzr\d+-/g, "zr0-");
  } finally {
    chart.dispose();
  }
}
