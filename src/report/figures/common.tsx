/**
 * Shared pieces of the 図表 components: number formats as the seed prints them, year headers (和暦 with 西暦),
 * the caption text 「(図表N) …」 and inline SVG preparation. Pure presentation, no I/O.
 */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { formatFiscalYear, formatFiscalYearShort } from "../../domain/era.js";
import { roundHalfUp } from "../../domain/population.js";

/** 1104 → "1,104"; null → "" (a blank cell, never 0). */
export function fmt(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : value.toLocaleString("ja-JP");
}

/** 73.1643… → "73.16": staff per 10,000 as MIC and the seed print it (two decimals, half up). */
export function fixed(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || Number.isNaN(value) ? "" : roundHalfUp(value, digits).toFixed(digits);
}

/** "(図表4)": the label of figure number n. */
export function figureLabel(n: number): string {
  return `(図表${n})`;
}

/** A year as table headers print it: 令7 above (2025), the full reading as the abbreviation's title. */
export function YearHead(props: { year: number; suffix?: string }) {
  return (
    <>
      <abbr title={formatFiscalYear(props.year)}>
        {formatFiscalYearShort(props.year)}
        {props.suffix ?? ""}
      </abbr>
      <br />({props.year})
    </>
  );
}

/** The caption of a figure's table, below the table as the seed prints it. No 「(図表N)」 without a number (the site). */
export function FigureCaption(props: { number?: number | undefined; text: string }) {
  return (
    <caption class="figure-caption">
      {props.number !== undefined ? (
        <>
          <span class="figure-label">{figureLabel(props.number)}</span>{" "}
        </>
      ) : null}
      {props.text}
    </caption>
  );
}

const svgCache = new Map<string, string>();
const SVG_CACHE_SIZE = 64;

/**
 * The chart SVG for this input, drawn once: the chart functions are pure (the same input gives the same SVG), and
 * drawing one costs tens of milliseconds, most of a warm document render. Keeps the last 64 inputs.
 */
export function cachedSvg(kind: string, input: unknown, draw: () => string): string {
  const key = `${kind}:${JSON.stringify(input)}`;
  const hit = svgCache.get(key);
  if (hit !== undefined) {
    svgCache.delete(key);
    svgCache.set(key, hit);
    return hit;
  }
  const svg = draw();
  svgCache.set(key, svg);
  if (svgCache.size > SVG_CACHE_SIZE) svgCache.delete(svgCache.keys().next().value as string);
  return svg;
}

export interface ChartFigureProps {
  /** 図表 number; omitted on the static site. */
  number?: number | undefined;
  /** Unique within the document: ids inside the SVG are prefixed with it. */
  id: string;
  caption: string;
  /** A standalone SVG (ECharts SSR output). */
  svg: string;
  /** One sentence saying what the chart shows, for screen readers. */
  summary: string;
  /** The chart's data as a table: it follows the chart (never omitted). */
  table: Child;
}

/**
 * Makes a standalone SVG fit for inlining: ids prefixed (two charts in one document must not share zr0-…),
 * the root marked as an image labelled by the figure caption, fixed size replaced by a viewBox that scales.
 */
export function inlineSvg(svg: string, id: string, labelledBy: string): string {
  const prefixed = svg
    .replace(/\bzr\d+-/g, `${id}-`)
    .replace(/<\?xml[^>]*>/, "")
    // Inline in HTML the SVG namespace is implied; dropping the declarations keeps the public site free of absolute URLs.
    .replace(/\s+xmlns(:[a-z]+)?="[^"]*"/g, "");
  return prefixed.replace(/<svg\b([^>]*)>/, (_, attrs: string) => {
    const width = /\bwidth="(\d+(?:\.\d+)?)"/.exec(attrs)?.[1];
    const height = /\bheight="(\d+(?:\.\d+)?)"/.exec(attrs)?.[1];
    const rest = attrs.replace(/\s(width|height|viewBox)="[^"]*"/g, "");
    const box = width && height ? ` viewBox="0 0 ${width} ${height}"` : "";
    return `<svg${rest}${box} class="chart" role="img" aria-labelledby="${labelledBy}" focusable="false">`;
  });
}

/** A chart as an inline SVG with its caption, a one-line summary and the data table under it. */
export function ChartFigure(props: ChartFigureProps) {
  const captionId = `${props.id}-caption`;
  return (
    <figure class="figure chart-figure" id={props.id} aria-labelledby={captionId}>
      <div class="chart-box">{raw(inlineSvg(props.svg, props.id, captionId))}</div>
      <figcaption id={captionId} class="figure-caption">
        {props.number !== undefined ? (
          <>
            <span class="figure-label">{figureLabel(props.number)}</span>{" "}
          </>
        ) : null}
        {props.caption}
        <span class="visually-hidden">。{props.summary}</span>
      </figcaption>
      {props.table}
    </figure>
  );
}
