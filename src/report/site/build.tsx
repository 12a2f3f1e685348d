/**
 * The static public site of an edition as a list of files (path relative to the site root → bytes): pages, the
 * stylesheet, the PDF when given, and the open data with its data dictionary. The caller writes them to a folder
 * (gyokaku publish) or into a zip (the app's 公表 page). Built from the PublicDataset only.
 */
import { formatFiscalYear } from "../../domain/era.js";
import { dataDictionaryRows, neutraliseFormula, openDataCsvShiftJis, openDataCsvUtf8, openDataJson, openDataXlsx, toShiftJisLenient } from "../../io/open-data.js";
import { toCsv } from "../../io/csv.js";
import { encodeText } from "../../io/text-encoding.js";
import type { PublicDataset } from "../../services/publication-policy.js";
import { staffPopulationChartSvg } from "../charts.js";
import { laspeyresChartSvg } from "../laspeyres-chart.js";
import { openDataTables, type OpenDataTable } from "../open-data.js";
import { inlineSvg, SITE_CSS } from "./layout.js";
import { type CatalogueEntry, ComparisonPage, IndexPage, itemFile, ItemPage, ItemsIndexPage, OpenDataPage, type SiteContext, StaffingPage } from "./pages.js";

export interface SiteFile {
  path: string;
  bytes: Uint8Array;
}

export interface SiteOptions {
  /** The license line shown on every page and in every JSON file. */
  license: string;
  /** The PDF of the document, or null when it could not be made (the rest is still written). */
  pdf: Uint8Array | null;
  /** Day of publication, YYYY-MM-DD (goes into the JSON files). */
  publishedOn: string;
}

export const PDF_PATH = "basic-policy.pdf";

const utf8 = (text: string) => new TextEncoder().encode(text);

async function render(node: { toString(): unknown }): Promise<Uint8Array> {
  return utf8(String(await node.toString()));
}

/** Every file of the site. Deterministic for the same dataset and options. */
export async function buildPublicSite(dataset: PublicDataset, options: SiteOptions): Promise<SiteFile[]> {
  const { code, name, prefecture } = dataset.municipality;
  const ctx: SiteContext = {
    dataset,
    siteTitle: `${prefecture}${name} 行政改革基本方針 ${formatFiscalYear(dataset.edition.fiscalYear)}`,
    license: options.license,
    pdf: options.pdf ? PDF_PATH : null,
  };
  const files: SiteFile[] = [];
  files.push({ path: "style.css", bytes: utf8(SITE_CSS) });
  files.push({ path: "index.html", bytes: await render(<IndexPage ctx={ctx} />) });
  files.push({ path: "items/index.html", bytes: await render(<ItemsIndexPage ctx={ctx} />) });
  for (const [i, item] of dataset.items.entries()) {
    files.push({ path: itemFile(item), bytes: await render(<ItemPage ctx={ctx} item={item} previous={dataset.items[i - 1] ?? null} next={dataset.items[i + 1] ?? null} />) });
  }
  const sp = dataset.staffPopulation;
  const staffSvg = inlineSvg(staffPopulationChartSvg({ years: sp.years, staff: sp.staff, population: sp.population }), "職員数と人口の推移(棒: 職員数、折れ線: 住基人口)。数値は下の表のとおり", "staff");
  files.push({ path: "staffing.html", bytes: await render(<StaffingPage ctx={ctx} chartSvg={staffSvg} />) });
  const l = dataset.laspeyres;
  const laspeyresSvg = l ? inlineSvg(laspeyresChartSvg({ years: l.years, series: l.series }), "ラスパイレス指数の推移。数値は下の表のとおり", "lasp") : null;
  files.push({ path: "comparison.html", bytes: await render(<ComparisonPage ctx={ctx} laspeyresSvg={laspeyresSvg} />) });

  const tables = openDataTables(dataset);
  const stem = (t: OpenDataTable) => `${code}_${t.id}`;
  const meta = { license: options.license, publishedOn: options.publishedOn };
  const entries: CatalogueEntry[] = [];
  for (const t of tables) {
    const base = `opendata/${stem(t)}`;
    files.push({ path: `${base}.csv`, bytes: openDataCsvUtf8(t) });
    files.push({ path: `${base}_sjis.csv`, bytes: openDataCsvShiftJis(t) });
    files.push({ path: `${base}.json`, bytes: utf8(openDataJson(t, meta)) });
    files.push({ path: `${base}.xlsx`, bytes: await openDataXlsx(t) });
    entries.push({
      table: t,
      files: [
        { label: "CSV UTF-8", href: `${base}.csv` },
        { label: "CSV Shift_JIS", href: `${base}_sjis.csv` },
        { label: "JSON", href: `${base}.json` },
        { label: "Excel", href: `${base}.xlsx` },
      ],
    });
  }
  const dictionary = dataDictionaryRows(tables, stem);
  const dictText = toCsv(dictionary.map((r) => r.map(neutraliseFormula)));
  files.push({ path: `opendata/${code}_data-dictionary.csv`, bytes: encodeText(dictText, "utf-8", { bom: true }) });
  files.push({ path: `opendata/${code}_data-dictionary_sjis.csv`, bytes: toShiftJisLenient(dictText) });
  files.push({
    path: "opendata.html",
    bytes: await render(
      <OpenDataPage
        ctx={ctx}
        entries={entries}
        dictionary={[
          { label: "項目定義書(CSV UTF-8)", href: `opendata/${code}_data-dictionary.csv` },
          { label: "項目定義書(CSV Shift_JIS)", href: `opendata/${code}_data-dictionary_sjis.csv` },
        ]}
      />,
    ),
  });
  if (options.pdf) files.push({ path: PDF_PATH, bytes: options.pdf });
  return files;
}
