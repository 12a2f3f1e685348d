/**
 * Pages of the static public site about the edition and its items (index, list, one page per item in the seed's
 * sheet layout), rendered from the PublicDataset only (services/publication-policy.ts decides what is in it).
 */
import { formatFiscalYear } from "../../domain/era.js";
import type { PublicDataset, PublicItem } from "../../services/publication-policy.js";
import { ItemSheet } from "../figures/item-sheet.js";
import { SitePage } from "./layout.js";

export interface SiteContext {
  dataset: PublicDataset;
  siteTitle: string;
  license: string;
  /** Relative path of the PDF from the site root, or null when it could not be made. */
  pdf: string | null;
}

export const itemFile = (item: { number: number }) => `items/${String(item.number).padStart(2, "0")}.html`;

export function IndexPage(props: { ctx: SiteContext }) {
  const { dataset, siteTitle, license, pdf } = props.ctx;
  const edition = formatFiscalYear(dataset.edition.fiscalYear);
  return (
    <SitePage title="トップ" siteTitle={siteTitle} depth={0} license={license}>
      <h1>{dataset.edition.title}</h1>
      <p>
        {dataset.municipality.prefecture}
        {dataset.municipality.name}の{edition}の行政改革基本方針(業務改革・定数管理)です。行政改革推進本部で検証した結果を公表します。
      </p>
      <h2>資料</h2>
      <ul>
        {pdf ? (
          <li>
            <a href={pdf}>基本方針(PDF)</a>
          </li>
        ) : (
          <li>基本方針のPDFは準備中です。</li>
        )}
        <li>
          <a href="items/index.html">重点推進項目({dataset.items.length}事業)</a>
        </li>
        <li>
          <a href="staffing.html">定数管理(部局別職員数の推移、職員数と人口の推移)</a>
        </li>
        <li>
          <a href="comparison.html">類似団体との比較(職員数、ラスパイレス指数、定員管理診断表)</a>
        </li>
        <li>
          <a href="opendata.html">オープンデータ(CSV・JSON・Excel)</a>
        </li>
      </ul>
    </SitePage>
  );
}

export function ItemsIndexPage(props: { ctx: SiteContext }) {
  const { dataset, siteTitle, license } = props.ctx;
  const edition = formatFiscalYear(dataset.edition.fiscalYear);
  return (
    <SitePage title="重点推進項目" siteTitle={siteTitle} depth={1} license={license}>
      <h1>{edition}業務改革の重点推進項目</h1>
      <table>
        <caption>重点推進項目の一覧</caption>
        <thead>
          <tr>
            <th scope="col">番号</th>
            <th scope="col">事業名</th>
            <th scope="col">区分</th>
            <th scope="col">担当課</th>
          </tr>
        </thead>
        <tbody>
          {dataset.items.map((i) => (
            <tr>
              <td class="num">{i.number}</td>
              <th scope="row">
                <a href={itemFile(i).replace("items/", "")}>{i.name}</a>
              </th>
              <td>{i.state}</td>
              <td>{i.units.join("、")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </SitePage>
  );
}

/** One item as the document's sheet shows it (report/figures/item-sheet.tsx), with links to its neighbours. */
export function ItemPage(props: { ctx: SiteContext; item: PublicItem; previous: PublicItem | null; next: PublicItem | null }) {
  const { item, ctx } = props;
  return (
    <SitePage title={item.name} siteTitle={ctx.siteTitle} depth={1} license={ctx.license}>
      <ItemSheet sheet={{ item, editionYear: ctx.dataset.edition.fiscalYear }} headingLevel={1} missingImage="画像はPDF版に掲載しています" />
      <nav aria-label="前後の項目">
        <ul>
          {props.previous ? (
            <li>
              <a href={itemFile(props.previous).replace("items/", "")}>前の項目: {props.previous.name}</a>
            </li>
          ) : null}
          {props.next ? (
            <li>
              <a href={itemFile(props.next).replace("items/", "")}>次の項目: {props.next.name}</a>
            </li>
          ) : null}
          <li>
            <a href="index.html">重点推進項目の一覧</a>
          </li>
        </ul>
      </nav>
    </SitePage>
  );
}
