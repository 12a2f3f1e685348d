/**
 * Pages of the static public site with the staffing and comparison 図表 and the open data catalogue. The 図表 are the
 * document's own components (report/figures), unnumbered, fed with the PublicDataset: a chart is an inline SVG with
 * its data table under it.
 */
import { DiagnosisFigure } from "../figures/diagnosis.js";
import { HeadcountTableFigure } from "../figures/headcount-table.js";
import { LaspeyresFigure } from "../figures/laspeyres.js";
import { PeersFigure } from "../figures/peers.js";
import { StaffPopulationFigure } from "../figures/staff-population.js";
import type { OpenDataTable } from "../open-data.js";
import { SitePage } from "./layout.js";
import type { SiteContext } from "./pages-items.js";

export function StaffingPage(props: { ctx: SiteContext }) {
  const { dataset, siteTitle, license } = props.ctx;
  return (
    <SitePage title="定数管理" siteTitle={siteTitle} depth={0} license={license}>
      <h1>定数管理</h1>
      <h2>部局別職員数の推移</h2>
      <div class="table-scroll">
        <HeadcountTableFigure table={dataset.headcounts} id="headcounts" />
      </div>
      <p>※ 各年4月1日現在(市長選を控えた年は、市長選後の人事異動発令日)。</p>
      <h2>職員数と人口の推移</h2>
      <div class="table-scroll">
        <StaffPopulationFigure data={dataset.staffPopulation} id="staff-population" />
      </div>
    </SitePage>
  );
}

export function ComparisonPage(props: { ctx: SiteContext }) {
  const { dataset, siteTitle, license } = props.ctx;
  const { peers, diagnosis, laspeyres } = dataset;
  return (
    <SitePage title="類似団体との比較" siteTitle={siteTitle} depth={0} license={license}>
      <h1>類似団体との比較</h1>
      <h2>類似団体との職員数の比較</h2>
      {peers ? (
        <div class="table-scroll">
          <PeersFigure data={peers} prefecture={dataset.municipality.prefecture} id="peers" />
        </div>
      ) : (
        <p>公表する比較データはありません。</p>
      )}
      <h2>ラスパイレス指数の推移</h2>
      {laspeyres ? (
        <div class="table-scroll">
          <LaspeyresFigure data={laspeyres} id="laspeyres" />
        </div>
      ) : (
        <p>公表するラスパイレス指数はありません。</p>
      )}
      <h2>定員管理診断表</h2>
      {diagnosis ? (
        <div class="table-scroll">
          <DiagnosisFigure data={diagnosis} name={dataset.municipality.name} id="diagnosis" />
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
