import { groupLabel, shortDateLabel } from "../../domain/comparison.js";
import type { DiagnosisCell, DiagnosisTableRow } from "../../domain/diagnosis-table.js";
import { formatTriangle, referenceCount } from "../../domain/diagnosis.js";
import { formatFiscalYear, formatWarekiDate } from "../../domain/era.js";
import { populationReferenceDate } from "../../domain/population.js";
import type { SessionContext } from "../../services/auth.js";
import { type DiagnosisView } from "../../services/comparison/diagnosis.js";
import { ACTUAL_SOURCE_LABELS } from "../../services/comparison/own-figures.js";
import { Layout } from "../layout.js";
import { fmt } from "./staffing-common.js";
import { ComparisonNav, Missing, YearPicker } from "./comparison-common.js";

export interface DiagnosisPageProps {
  session: SessionContext;
  csrfToken: string;
  view: DiagnosisView;
}

/** The seed leaves a zero change or excess blank (労働: B−A blank; corrected 超過数 blank, 超過率 0.0). */
function blankZero(value: number | null | undefined): string {
  return value === null || value === undefined || value === 0 ? "" : formatTriangle(value);
}

function rateText(cell: DiagnosisCell | null): string {
  return cell ? formatTriangle(cell.rate, 1) : "";
}

function Cells(props: { row: DiagnosisTableRow; basis: "simple" | "corrected" }) {
  const cell = props.row[props.basis];
  const code = props.row.code;
  return (
    <>
      <td class="num ref" data-row={code} data-col={`${props.basis}-reference`} title={cell?.source === "average" && cell.average !== null ? `平均 ${cell.average.toFixed(2)} × 人口 ÷ 10,000` : undefined}>
        {cell ? formatTriangle(cell.reference) : ""}
      </td>
      <td class="num" data-row={code} data-col={`${props.basis}-excess`}>
        {blankZero(cell?.excess)}
      </td>
      <td class="num" data-row={code} data-col={`${props.basis}-rate`}>
        {rateText(cell)}
      </td>
    </>
  );
}

/** The seed's sentences above 図表10, from the figures. */
function Summary(props: { view: DiagnosisView }) {
  const futsu = props.view.rows.find((r) => r.code === "futsu");
  const simple = futsu?.simple;
  if (!futsu || !simple || futsu.current === null) return null;
  const compared = props.view.rows.filter((r) => !r.total && r.corrected && !Number.isNaN(r.corrected.rate));
  const top = compared.reduce<DiagnosisTableRow | null>((best, r) => (best === null || (r.corrected?.rate ?? -Infinity) > (best.corrected?.rate ?? -Infinity) ? r : best), null);
  const more = simple.excess > 0 ? "多い" : simple.excess < 0 ? "少ない" : "同じ";
  const population = props.view.population;
  const average = props.view.futsuAverage === null ? null : Number(props.view.futsuAverage.toFixed(2));
  // The seed's own wording, only when the printed average really gives the reference count shown.
  const formula = average !== null && average >= 0 && population !== null && population > 0 && referenceCount(average, population) === simple.reference;
  return (
    <div class="summary" data-summary="diagnosis">
      <p>
        {formula && average !== null && population !== null
          ? `類似団体における人口1万人当たりの普通会計職員数の平均値 ${average.toFixed(2)}人に本市の住基人口/万人を乗ずると、${fmt(simple.reference)}人(${average.toFixed(2)}×${fmt(population)}/10,000)となり、`
          : `類似団体の単純値による普通会計の職員数は ${fmt(simple.reference)}人で、`}
        本市の職員数は類似団体と比べ単純値(※1)ベースで{simple.excess === 0 ? "同じです" : `${fmt(Math.abs(simple.excess))}人(${fmt(futsu.current)}-${fmt(simple.reference)})${more}結果となっています`}。
      </p>
      {top && top.corrected && top.corrected.rate > 0 ? (
        <p>
          修正値(※2)による部門別超過率では{top.name}部門が{formatTriangle(top.corrected.rate, 1)}%と最も高くなっています。
        </p>
      ) : null}
    </div>
  );
}

export function DiagnosisPage(props: DiagnosisPageProps) {
  const v = props.view;
  const name = props.session.municipality.name;
  const fy = v.fiscalYear;
  const caption = "(図表10) 地方公共団体定員管理調査 定員管理診断表";
  const dateA = fy === null ? "" : shortDateLabel(`${fy - 1}-04-01`);
  const dateB = fy === null ? "" : shortDateLabel(`${fy}-04-01`);
  return (
    <Layout title="定員管理診断表(図表10)" session={props.session} csrfToken={props.csrfToken} current="/comparison">
      <h1>定員管理診断表</h1>
      <ComparisonNav current="/comparison/diagnosis" session={props.session} />
      <p class="lead">
        部門ごとの職員数を、類似団体の人口1万人当たり平均職員数に本市の住基人口を乗じた職員数と比べます。超過率 = 超過数 ÷ 本市の職員数 × 100。
        公営企業等会計は事業の有無にばらつきがあるため比較せず、職員数だけを示します。
      </p>
      <YearPicker action="/comparison/diagnosis" years={v.years} selected={fy} />
      {fy === null || v.rows.length === 0 ? (
        <Missing what={`${fy === null ? "" : formatFiscalYear(fy)}の定員管理診断表のデータ(本市の部門別職員数と、類似団体の平均または基準の職員数)がありません。`} session={props.session} />
      ) : (
        <>
          <Summary view={v} />
          {v.currentSource !== null && v.previousSource !== null && v.currentSource !== v.previousSource ? (
            <p class="alert warning" role="status">
              A({ACTUAL_SOURCE_LABELS[v.previousSource]})とB({ACTUAL_SOURCE_LABELS[v.currentSource]})の職員数は出典が異なり、数え方が違うため、増減は表示しません。
            </p>
          ) : null}
          {v.currentSource === "headcounts" ? (
            <p class="alert warning" role="status">
              この年度の職員数は、部局別職員数(図表4)を組織と部門の対応(<a href="/units/sectors">図表11</a>)で集計した値です。定員管理調査の職員数(任期付職員・再任用職員を含む)とは範囲が異なることがあります。部門が対応づけられていない組織は数えていません。
            </p>
          ) : null}
          {v.referenceSources.length === 0 ? (
            <p class="alert warning" role="status">
              類似団体の平均値も基準の職員数もないため、比較の欄は空欄です。{v.groupKey ? `(${groupLabel(v.groupKey)})` : "類似団体区分を判定してください。"}
            </p>
          ) : null}
          <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
            <table class="data zuhyo diagnosis" id="zuhyo10">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col" class="corner" rowspan={4}>
                    大部門
                  </th>
                  <th scope="colgroup" colspan={3}>{name}の職員数の増減</th>
                  <th scope="colgroup" colspan={6}>類似団体の単純値及び修正値により算出した職員数との比較</th>
                </tr>
                <tr>
                  <th scope="col">
                    {dateA}
                    <br />
                    現在職員数
                  </th>
                  <th scope="col">
                    {dateB}
                    <br />
                    現在職員数
                  </th>
                  <th scope="col">増減</th>
                  <th scope="colgroup" colspan={3} class="basis">単純値による比較</th>
                  <th scope="colgroup" colspan={3} class="basis">修正値による比較</th>
                </tr>
                <tr>
                  <th scope="col">A</th>
                  <th scope="col">B</th>
                  <th scope="col">B-A</th>
                  <th scope="col" class="basis">
                    単純値×住基人口
                    <br />
                    ÷10,000
                  </th>
                  <th scope="col">超過数</th>
                  <th scope="col">超過率</th>
                  <th scope="col" class="basis">
                    修正値×住基人口
                    <br />
                    ÷10,000
                  </th>
                  <th scope="col">超過数</th>
                  <th scope="col">超過率</th>
                </tr>
                <tr class="units">
                  <th scope="col">人</th>
                  <th scope="col">人</th>
                  <th scope="col">人</th>
                  <th scope="col" class="basis">人</th>
                  <th scope="col">人</th>
                  <th scope="col">%</th>
                  <th scope="col" class="basis">人</th>
                  <th scope="col">人</th>
                  <th scope="col">%</th>
                </tr>
              </thead>
              <tbody>
                {v.rows.map((row) => (
                  <tr class={row.total ? "total" : row.compared ? undefined : "enterprise"} data-row={row.code}>
                    <th scope="row">{row.name}</th>
                    <td class="num" data-row={row.code} data-col="previous">{fmt(row.previous)}</td>
                    <td class="num" data-row={row.code} data-col="current">{fmt(row.current)}</td>
                    <td class="num" data-row={row.code} data-col="change">{blankZero(row.change)}</td>
                    <Cells row={row} basis="simple" />
                    <Cells row={row} basis="corrected" />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="footnote">※単純値及び修正値の表中の人数は四捨五入しているため、内訳を足しても必ずしも合計とは一致しない。</p>
          <p class="footnote">
            ※1 「単純値」…職員が配置されていない団体について考慮することなく集計して、平均値を算出している。単純値は、普通会計、一般行政部門、総務・企画、衛生といった大部門以上の定員管理の大まかな状況を把握する場合に適している。
          </p>
          <p class="footnote">
            ※2 「修正値」…団体によっては、清掃業務を民間委託している場合や消防業務を一部事務組合等の所管としている場合など、職員が配置されていない場合があるため、各部門に実際に職員を配置している団体のみを対象にして平均値を算出している。修正値は、大部門よりも細かい中部門又は小部門の職員数を比較する場合に適している。
          </p>
          <p class="footnote">※「地方公共団体定員管理調査」は、任期付職員、フルタイム勤務の再任用職員を含む。</p>
          <p class="footnote">
            ※住基人口は{formatWarekiDate(populationReferenceDate(fy))}現在{v.population === null ? "(未登録)" : ` ${fmt(v.population)}人`}
            {v.populationSource ? `(${v.populationSource})` : ""}。類似団体: {v.groupKey ? groupLabel(v.groupKey) : "(未判定)"}。
          </p>
          <p class="footnote">
            ※職員数の出典: B {v.currentSource ? ACTUAL_SOURCE_LABELS[v.currentSource] : "(なし)"} / A {v.previousSource ? ACTUAL_SOURCE_LABELS[v.previousSource] : "(なし)"}。
            比較の職員数: {v.referenceSources.includes("given") ? "総務省の診断表の人数" : ""}
            {v.referenceSources.length === 2 ? "、" : ""}
            {v.referenceSources.includes("average") ? `類似団体の平均値から計算${v.derivedAverages ? "(平均値は取り込んだ名簿の構成団体から計算)" : ""}` : ""}
            {v.referenceSources.length === 0 ? "(なし)" : ""}。
          </p>
          <p class="footnote">(参考:「類似団体別職員数の状況({formatWarekiDate(`${fy}-04-01`)}現在)」総務省自治行政局)</p>
        </>
      )}
    </Layout>
  );
}
