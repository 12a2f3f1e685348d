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
import { openDataTables, type OpenDataTable } from "../open-data.js";
import { SITE_CSS } from "./layout.js";
import { type CatalogueEntry, ComparisonPage, OpenDataPage, StaffingPage } from "./pages-data.js";
import { IndexPage, itemFile, ItemPage, ItemsIndexPage, type SiteContext } from "./pages-items.js";

export interface SiteFile {
  path: string;
  bytes: Uint8Array;
}

export interface SiteOptions {
  /** The license line shown on every page and in every JSON file. */
  license: string;
  /**
   * The PDF of the document, or null when it could not be made (the rest is still written). May be a promise: the
   * open data is built while Chromium prints, and the pages once the PDF is known (they link it only when it exists).
   */
  pdf: Uint8Array | null | Promise<Uint8Array | null>;
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
  // Marks a rejected PDF as handled while the open data is built; awaiting it below still throws.
  Promise.resolve(options.pdf).catch(() => undefined);
  const { code, name, prefecture } = dataset.municipality;
  const data = await openDataFiles(dataset, options);
  const pdf = await options.pdf;
  const ctx: SiteContext = {
    dataset,
    siteTitle: `${prefecture}${name} 行政改革基本方針 ${formatFiscalYear(dataset.edition.fiscalYear)}`,
    license: options.license,
    pdf: pdf ? PDF_PATH : null,
  };
  const files: SiteFile[] = [];
  files.push({ path: "style.css", bytes: utf8(SITE_CSS) });
  files.push({ path: "index.html", bytes: await render(<IndexPage ctx={ctx} />) });
  files.push({ path: "items/index.html", bytes: await render(<ItemsIndexPage ctx={ctx} />) });
  for (const [i, item] of dataset.items.entries()) {
    files.push({ path: itemFile(item), bytes: await render(<ItemPage ctx={ctx} item={item} previous={dataset.items[i - 1] ?? null} next={dataset.items[i + 1] ?? null} />) });
  }
  files.push({ path: "staffing.html", bytes: await render(<StaffingPage ctx={ctx} />) });
  files.push({ path: "comparison.html", bytes: await render(<ComparisonPage ctx={ctx} />) });
  files.push(...data.files);
  files.push({
    path: "opendata.html",
    bytes: await render(
      <OpenDataPage
        ctx={ctx}
        entries={data.entries}
        dictionary={[
          { label: "項目定義書(CSV UTF-8)", href: `opendata/${code}_data-dictionary.csv` },
          { label: "項目定義書(CSV Shift_JIS)", href: `opendata/${code}_data-dictionary_sjis.csv` },
        ]}
      />,
    ),
  });
  if (pdf) files.push({ path: PDF_PATH, bytes: pdf });
  return files;
}

/** The open data files (CSV UTF-8 and Shift_JIS, JSON, xlsx per table, the data dictionary) and their catalogue. */
async function openDataFiles(dataset: PublicDataset, options: SiteOptions): Promise<{ files: SiteFile[]; entries: CatalogueEntry[] }> {
  const { code } = dataset.municipality;
  const tables = openDataTables(dataset);
  const stem = (t: OpenDataTable) => `${code}_${t.id}`;
  const meta = { license: options.license, publishedOn: options.publishedOn };
  const files: SiteFile[] = [];
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
  return { files, entries };
}
