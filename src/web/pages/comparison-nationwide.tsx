import { COMPARED_CODES, comparisonName, groupShortLabel } from "../../domain/comparison.js";
import { formatTriangle } from "../../domain/diagnosis.js";
import { formatFiscalYear } from "../../domain/era.js";
import type { SessionContext } from "../../services/auth.js";
import { BASIS_LABELS, type Measure, type NationwideCell, type NationwideQuery, type NationwideView } from "../../services/comparison/nationwide.js";
import { Layout } from "../layout.js";
import { fmt } from "./staffing-common.js";
import { ComparisonNav, Missing } from "./comparison-common.js";

export interface NationwidePageProps {
  session: SessionContext;
  csrfToken: string;
  view: NationwideView;
}

/** The query string of the page with some parameters changed (page back to 1 unless given). */
export function nationwideQueryString(q: NationwideQuery, fiscalYear: number | null, change: Partial<Record<"sort" | "dir" | "page", string>> = {}): string {
  const params = new URLSearchParams();
  if (fiscalYear !== null) params.set("year", String(fiscalYear));
  params.set("basis", q.basis);
  if (q.prefecture) params.set("prefecture", q.prefecture);
  if (q.group) params.set("group", q.group);
  if (q.sector) params.set("sector", q.sector);
  params.set("sort", change.sort ?? q.sort);
  params.set("dir", change.dir ?? q.dir);
  if (change.page && change.page !== "1") params.set("page", change.page);
  return params.toString();
}

function SortHeader(props: { view: NationwideView; sort: string; label: string; numeric?: boolean }) {
  const q = props.view.query;
  const active = q.sort === props.sort;
  // Numbers first sort from the largest (the biggest excess is what one looks for); text from the start.
  const first = props.numeric ? "desc" : "asc";
  const dir = active ? (q.dir === "asc" ? "desc" : "asc") : first;
  return (
    <th scope="col" aria-sort={active ? (q.dir === "asc" ? "ascending" : "descending") : undefined} data-sort={props.sort}>
      <a href={`/comparison/nationwide?${nationwideQueryString(q, props.view.fiscalYear, { sort: props.sort, dir })}`}>
        {props.label}
        {active ? <span aria-hidden="true">{q.dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </a>
    </th>
  );
}

function rateText(cell: NationwideCell | null | undefined): string {
  if (!cell || cell.rate === null) return "";
  return formatTriangle(cell.rate, 1);
}

function signClass(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) || value === 0 ? "num" : value > 0 ? "num plus" : "num minus";
}

function measureText(cell: NationwideCell | null | undefined, m: Measure): string {
  if (!cell) return "";
  if (m === "rate") return rateText(cell);
  const value = cell[m];
  if (value === null) return "";
  return m === "excess" ? formatTriangle(value) : fmt(value);
}

const MEASURE_LABELS: Record<Measure, string> = { actual: "職員数", reference: "基準の職員数", excess: "超過数", rate: "超過率(%)" };

export function NationwidePage(props: NationwidePageProps) {
  const v = props.view;
  const q = v.query;
  const sectors = q.sector ? [q.sector] : COMPARED_CODES;
  const measures: Measure[] = q.sector ? ["actual", "reference", "excess", "rate"] : ["rate"];
  const exportQuery = nationwideQueryString(q, v.fiscalYear);
  const caption = `全国診断: 部門別の超過率(${BASIS_LABELS[q.basis]}による) ${v.fiscalYear === null ? "" : formatFiscalYear(v.fiscalYear)}`;
  return (
    <Layout title="全国診断" session={props.session} csrfToken={props.csrfToken} current="/comparison">
      <h1>全国診断</h1>
      <ComparisonNav current="/comparison/nationwide" session={props.session} />
      <p class="lead">取り込んだ団体別職員数の全団体を、それぞれの類似団体の平均値で一度に診断します(基準の職員数 = 平均値 × 住基人口 ÷ 10,000、超過率 = 超過数 ÷ 職員数 × 100)。</p>
      {v.fiscalYear === null ? (
        <Missing what="団体別職員数(名簿)が取り込まれていません。" session={props.session} />
      ) : (
        <>
          <form class="filters" method="get" action="/comparison/nationwide">
            <input type="hidden" name="sort" value={q.sort} />
            <input type="hidden" name="dir" value={q.dir} />
            <div>
              <label for="year">年度</label>
              <select id="year" name="year">
                {[...v.years].reverse().map((y) => (
                  <option value={String(y)} selected={y === v.fiscalYear}>
                    {formatFiscalYear(y)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="basis">比較の基準</label>
              <select id="basis" name="basis">
                <option value="simple" selected={q.basis === "simple"}>単純値</option>
                <option value="corrected" selected={q.basis === "corrected"}>修正値</option>
              </select>
            </div>
            <div>
              <label for="prefecture">都道府県</label>
              <select id="prefecture" name="prefecture">
                <option value="">すべて</option>
                {v.prefectures.map((p) => (
                  <option value={p.code} selected={q.prefecture === p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="group">類型</label>
              <select id="group" name="group">
                <option value="">すべて</option>
                {v.groups.map((g) => (
                  <option value={g.key} selected={q.group === g.key}>
                    {g.label} ({g.members})
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="sector">部門</label>
              <select id="sector" name="sector">
                <option value="">すべて(超過率)</option>
                {COMPARED_CODES.map((code) => (
                  <option value={code} selected={q.sector === code}>
                    {comparisonName(code)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <button type="submit">絞り込む</button>
            </div>
          </form>
          <p class="result-count" role="status">
            {fmt(v.total)}団体 (名簿 {fmt(v.rosterSize)}団体) ・ {v.page} / {v.pageCount} ページ
            {v.ownPage !== null ? (
              <>
                {" "}
                ・{" "}
                <a href={`/comparison/nationwide?${nationwideQueryString(q, v.fiscalYear, { page: String(v.ownPage) })}#own`}>本市の行へ ({v.ownPage}ページ)</a>
              </>
            ) : null}
          </p>
          <p class="actions">
            書き出し: <a href={`/comparison/nationwide.xlsx?${exportQuery}`}>Excel</a> ・ <a href={`/comparison/nationwide.csv?${exportQuery}`}>CSV (UTF-8)</a> ・{" "}
            <a href={`/comparison/nationwide.csv?${exportQuery}&encoding=shift_jis`}>CSV (Shift_JIS)</a>
          </p>
          {v.derivedAverages.length > 0 ? (
            <p class="alert warning">
              次の類型は総務省の平均値が取り込まれていないため、名簿の構成団体から平均値を計算しています(名簿がその類型の全団体を含むときだけ総務省の単純値と一致します): {v.derivedAverages.join("、")}。
            </p>
          ) : null}
          {v.missingAverages.length > 0 ? (
            <p class="alert warning">
              平均値がない類型があります(空欄): {v.missingAverages.join("、")}。総務省の類似団体別の平均値を取り込むか、その類型の全団体を名簿に取り込んでください。
            </p>
          ) : null}
          <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
            <table class="data zuhyo nationwide" id="nationwide">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <SortHeader view={v} sort="code" label="団体コード" />
                  <SortHeader view={v} sort="prefecture" label="都道府県" />
                  <SortHeader view={v} sort="name" label="団体名" />
                  <SortHeader view={v} sort="group" label="類型" />
                  <SortHeader view={v} sort="population" label="住基人口" numeric />
                  {q.sector
                    ? measures.map((m) => <SortHeader view={v} sort={m} label={`${comparisonName(q.sector ?? "")} ${MEASURE_LABELS[m]}`} numeric />)
                    : sectors.map((code) => <SortHeader view={v} sort={code} label={comparisonName(code)} numeric />)}
                </tr>
              </thead>
              <tbody>
                {v.rows.map((r) => (
                  <tr class={r.own ? "own" : undefined} id={r.own ? "own" : undefined} data-code={r.code} aria-current={r.own ? "true" : undefined}>
                    <td data-col="code">{r.code}</td>
                    <td data-col="prefecture">{r.prefecture}</td>
                    <th scope="row" data-col="name">
                      {r.name}
                      {r.own ? <span class="badge own-mark">本市</span> : null}
                    </th>
                    <td data-col="group">{groupShortLabel(r.groupKey)}</td>
                    <td class="num" data-col="population">{fmt(r.population)}</td>
                    {sectors.flatMap((code) =>
                      measures.map((m) => (
                        <td class={signClass(m === "actual" || m === "reference" ? null : r.cells[code]?.[m])} data-code={r.code} data-col={q.sector ? m : code}>
                          {measureText(r.cells[code], m)}
                        </td>
                      )),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav class="pager" aria-label="ページ">
            {v.page > 1 ? <a href={`/comparison/nationwide?${nationwideQueryString(q, v.fiscalYear, { page: String(v.page - 1) })}`}>← 前のページ</a> : null}
            <span>
              {v.page} / {v.pageCount}
            </span>
            {v.page < v.pageCount ? <a href={`/comparison/nationwide?${nationwideQueryString(q, v.fiscalYear, { page: String(v.page + 1) })}`}>次のページ →</a> : null}
          </nav>
          <p class="footnote">
            ※超過率の▲は類似団体より少ないことを示す。職員がいない部門の超過率は「－」。平均値は総務省の類似団体別の値を優先し、ない場合は名簿の構成団体から計算する(修正値は、その部門に職員のいる団体だけで計算)。
          </p>
        </>
      )}
    </Layout>
  );
}
