/**
 * Pages of the static public site, rendered from the PublicDataset only (services/publication-policy.ts decides what
 * is in it). Every chart is an inline SVG with a data table right under it.
 */
import { formatEraYear, formatFiscalYear, formatFiscalYearShort } from "../../domain/era.js";
import type { PublicDataset, PublicItem } from "../../services/publication-policy.js";
import type { OpenDataTable } from "../open-data.js";
import { Blocks, Cell, formatCount, SitePage } from "./layout.js";

export interface SiteContext {
  dataset: PublicDataset;
  siteTitle: string;
  license: string;
  /** Relative path of the PDF from the site root, or null when it could not be made. */
  pdf: string | null;
}

export const itemFile = (item: { number: number }) => `items/${String(item.number).padStart(2, "0")}.html`;

const yearHead = (fy: number) => `${formatFiscalYearShort(fy)} (${fy})`;

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

/** One item in the seed's sheet layout: 事業名, 担当課, 取組内容, 取組計画 (4 years), 取組効果, これまでの取組計画・実績, 備考. */
export function ItemPage(props: { ctx: SiteContext; item: PublicItem; previous: PublicItem | null; next: PublicItem | null }) {
  const { item, ctx } = props;
  const last = item.plans[item.plans.length - 1]?.fiscalYear;
  return (
    <SitePage title={item.name} siteTitle={ctx.siteTitle} depth={1} license={ctx.license}>
      <h1>
        ({item.number}) {item.name}
      </h1>
      <table>
        <caption>事業の概要</caption>
        <tbody>
          <tr>
            <th scope="row">区分</th>
            <td>{item.state}</td>
          </tr>
          <tr>
            <th scope="row">担当課</th>
            <td>{item.units.join("、")}</td>
          </tr>
        </tbody>
      </table>
      <h2>取組内容</h2>
      <Blocks blocks={item.content} />
      <h2>取組計画</h2>
      <div class="table-scroll">
        <table>
          <caption>取組計画(年度別)</caption>
          <thead>
            <tr>
              {item.plans.map((p) => (
                <th scope="col">{`${formatEraYear(p.fiscalYear)}${p.fiscalYear === last ? "以降" : ""}`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {item.plans.map((p) => (
                <td>
                  <Cell cell={p.cell} />
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <h2>取組効果</h2>
      <Blocks blocks={item.effect} />
      <h2>これまでの取組計画・実績</h2>
      {item.history.length === 0 ? (
        <p>これまでの取組はありません(新規)。</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>これまでの取組計画・実績</caption>
            <thead>
              <tr>
                <th scope="col">区分</th>
                <th scope="col">取組計画</th>
                <th scope="col">取組実績</th>
              </tr>
            </thead>
            <tbody>
              {item.history.map((h) => (
                <tr>
                  <th scope="row">{formatEraYear(h.fiscalYear)}</th>
                  <td>
                    <Cell cell={h.plan} />
                  </td>
                  <td>
                    <Cell cell={h.result} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {item.remarks.length > 0 ? (
        <>
          <h2>備考</h2>
          <Blocks blocks={item.remarks} />
        </>
      ) : null}
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

const depthClass = (depth: number) => (depth > 0 ? `depth-${Math.min(depth, 2)}` : undefined);

export function StaffingPage(props: { ctx: SiteContext; chartSvg: string }) {
  const { dataset, siteTitle, license } = props.ctx;
  const h = dataset.headcounts;
  const sp = dataset.staffPopulation;
  const first = h.years[0];
  const lastYear = h.years[h.years.length - 1];
  const span = first !== undefined && lastYear !== undefined ? `${formatFiscalYear(first)}～${formatFiscalYear(lastYear)}` : "";
  return (
    <SitePage title="定数管理" siteTitle={siteTitle} depth={0} license={license}>
      <h1>定数管理</h1>
      <h2>部局別職員数の推移</h2>
      <div class="table-scroll">
        <table>
          <caption>{`${span} 部局別職員数の推移(人)`}</caption>
          <thead>
            <tr>
              <th scope="col">部局</th>
              {h.years.map((fy) => (
                <th scope="col">{yearHead(fy)}</th>
              ))}
              <th scope="col">定数</th>
            </tr>
          </thead>
          <tbody>
            {h.rows.map((r) => (
              <tr class={r.category === "職員数" ? undefined : "sub"}>
                <th scope="row" class={depthClass(r.depth)}>
                  {r.category === "職員数" ? r.name : `(${r.category})`}
                </th>
                {r.cells.map((v) => (
                  <td class="num">{v === null ? "" : r.category === "職員数" ? formatCount(v) : `(${formatCount(v)})`}</td>
                ))}
                <td class="num">{formatCount(r.quota)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">一般職(合計)</th>
              {h.generalTotal.map((v) => (
                <td class="num">{formatCount(v)}</td>
              ))}
              <td class="num">{formatCount(h.quotaSum)}</td>
            </tr>
            <tr>
              <th scope="row">一般職(定数合計)</th>
              {h.quotaTotal.map((v) => (
                <td class="num">{formatCount(v)}</td>
              ))}
              <td class="num">{`(${h.allowancePercent}%上限) ${formatCount(h.cap)}`}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>※ 各年4月1日現在(市長選を控えた年は、市長選後の人事異動発令日)。一般職(合計)は定数外職員(派遣・休職・休業)を含み、育児休業代替任期付職員を含みません。</p>
      <h2>職員数と人口の推移</h2>
      <figure aria-labelledby="staff-population-caption">
        {/* The chart is our own SVG (ECharts SSR), not user input. */}
        <div dangerouslySetInnerHTML={{ __html: props.chartSvg }} />
        <figcaption id="staff-population-caption">{`${span} 職員数と人口の推移`}</figcaption>
      </figure>
      <div class="table-scroll">
        <table>
          <caption>職員数と人口の推移(グラフの数値)</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">職員数(人)</th>
              <th scope="col">住基人口(人)</th>
            </tr>
          </thead>
          <tbody>
            {sp.years.map((fy, i) => (
              <tr>
                <th scope="row">{formatFiscalYear(fy)}</th>
                <td class="num">{formatCount(sp.staff[i])}</td>
                <td class="num">{formatCount(sp.population[i])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </SitePage>
  );
}

export function ComparisonPage(props: { ctx: SiteContext; laspeyresSvg: string | null }) {
  const { dataset, siteTitle, license } = props.ctx;
  const { peers, diagnosis, laspeyres } = dataset;
  return (
    <SitePage title="類似団体との比較" siteTitle={siteTitle} depth={0} license={license}>
      <h1>類似団体との比較</h1>
      <h2>類似団体との職員数の比較</h2>
      {peers ? (
        <div class="table-scroll">
          <table>
            <caption>{`類似団体との職員数の比較(${formatFiscalYear(peers.fiscalYear)})`}</caption>
            <thead>
              <tr>
                <th scope="col">都道府県</th>
                <th scope="col">団体名</th>
                <th scope="col">住基人口(人)</th>
                <th scope="col">普通会計 職員数(人)</th>
                <th scope="col">普通会計 人口1万人当たり(人)</th>
                <th scope="col">一般行政部門 職員数(人)</th>
                <th scope="col">一般行政部門 人口1万人当たり(人)</th>
              </tr>
            </thead>
            <tbody>
              {peers.rows.map((r) => (
                <tr>
                  <td>{r.prefecture}</td>
                  <th scope="row">{r.own ? <strong>{r.name}</strong> : r.name}</th>
                  <td class="num">{formatCount(r.population)}</td>
                  <td class="num">{formatCount(r.futsu)}</td>
                  <td class="num">{formatCount(r.futsuPer10k, 2)}</td>
                  <td class="num">{formatCount(r.ippan)}</td>
                  <td class="num">{formatCount(r.ippanPer10k, 2)}</td>
                </tr>
              ))}
              {peers.group ? (
                <tr>
                  <td></td>
                  <th scope="row">{`${peers.group.groupKey.replace(/^[a-z-]+:/, "")} (${formatCount(peers.group.members)}団体) 合計`}</th>
                  <td class="num">{formatCount(peers.group.population)}</td>
                  <td class="num">{formatCount(peers.group.futsu)}</td>
                  <td class="num">{formatCount(peers.group.futsuPer10k, 2)}</td>
                  <td class="num">{formatCount(peers.group.ippan)}</td>
                  <td class="num">{formatCount(peers.group.ippanPer10k, 2)}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : (
        <p>公表する比較データはありません。</p>
      )}
      <h2>ラスパイレス指数の推移</h2>
      {laspeyres && props.laspeyresSvg ? (
        <>
          <figure aria-labelledby="laspeyres-caption">
            <div dangerouslySetInnerHTML={{ __html: props.laspeyresSvg }} />
            <figcaption id="laspeyres-caption">ラスパイレス指数の推移(国=100)</figcaption>
          </figure>
          <div class="table-scroll">
            <table>
              <caption>ラスパイレス指数の推移(グラフの数値)</caption>
              <thead>
                <tr>
                  <th scope="col">対象</th>
                  {laspeyres.years.map((fy) => (
                    <th scope="col">{yearHead(fy)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {laspeyres.series.map((s) => (
                  <tr>
                    <th scope="row">{s.label}</th>
                    {s.values.map((v) => (
                      <td class="num">{formatCount(v, 1)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>公表するラスパイレス指数はありません。</p>
      )}
      <h2>定員管理診断表</h2>
      {diagnosis ? (
        <div class="table-scroll">
          <table>
            <caption>{`定員管理診断表(${formatFiscalYear(diagnosis.fiscalYear)}、▲は未満)`}</caption>
            <thead>
              <tr>
                <th scope="col">部門</th>
                <th scope="col">{`${formatFiscalYearShort(diagnosis.previousYear)}職員数(人)`}</th>
                <th scope="col">{`${formatFiscalYearShort(diagnosis.fiscalYear)}職員数(人)`}</th>
                <th scope="col">増減(人)</th>
                <th scope="col">単純値による職員数(人)</th>
                <th scope="col">超過数(人)</th>
                <th scope="col">超過率(%)</th>
                <th scope="col">修正値による職員数(人)</th>
                <th scope="col">超過数(人)</th>
                <th scope="col">超過率(%)</th>
              </tr>
            </thead>
            <tbody>
              {diagnosis.rows.map((r) => (
                <tr>
                  <th scope="row">{r.total ? <strong>{r.name}</strong> : r.name}</th>
                  <td class="num">{formatCount(r.previous)}</td>
                  <td class="num">{formatCount(r.current)}</td>
                  <td class="num">{formatCount(r.change)}</td>
                  <td class="num">{formatCount(r.simpleReference)}</td>
                  <td class="num">{formatCount(r.simpleExcess)}</td>
                  <td class="num">{formatCount(r.simpleRate, 1)}</td>
                  <td class="num">{formatCount(r.correctedReference)}</td>
                  <td class="num">{formatCount(r.correctedExcess)}</td>
                  <td class="num">{formatCount(r.correctedRate, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>公表する定員管理診断表はありません。</p>
      )}
    </SitePage>
  );
}

export interface CatalogueEntry {
  table: OpenDataTable;
  files: { label: string; href: string }[];
}

export function OpenDataPage(props: { ctx: SiteContext; entries: CatalogueEntry[]; dictionary: { label: string; href: string }[] }) {
  const { siteTitle, license, dataset } = props.ctx;
  return (
    <SitePage title="オープンデータ" siteTitle={siteTitle} depth={0} license={license}>
      <h1>オープンデータ</h1>
      <p>
        基本方針で公表する表を、機械判読に適した形式(1セル1データ、数値は区切り文字なし)で提供します。各ファイルの先頭2列は全国地方公共団体コード({dataset.municipality.code})と地方公共団体名です。CSVはUTF-8(BOM付き)とShift_JIS(Excel向け)の2種類です。
      </p>
      <p>{license}</p>
      <h2>項目定義書</h2>
      <ul>
        {props.dictionary.map((d) => (
          <li>
            <a href={d.href}>{d.label}</a>
          </li>
        ))}
      </ul>
      <h2>データ一覧</h2>
      {props.entries.map((e) => (
        <section aria-labelledby={`table-${e.table.id}`}>
          <h3 id={`table-${e.table.id}`}>{e.table.title}</h3>
          <p>{e.table.description}</p>
          <dl class="meta">
            <dt>基準日</dt>
            <dd>{e.table.referenceDate}</dd>
            <dt>出典</dt>
            <dd>{e.table.source}</dd>
            <dt>件数</dt>
            <dd>{`${e.table.rows.length}行`}</dd>
          </dl>
          <ul>
            {e.files.map((f) => (
              <li>
                <a href={f.href}>{`${e.table.title}(${f.label})`}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </SitePage>
  );
}
