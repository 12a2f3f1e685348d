import { groupLabel, groupShortLabel, shortDateLabel } from "../../domain/comparison.js";
import { formatFiscalYear, formatDateBoth, formatWarekiDate } from "../../domain/era.js";
import { READ_VALUES_FIELD, serializeReadValues } from "../../domain/read-values.js";
import { canAdminister } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import type { PeersView } from "../../services/comparison/peers.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { fmt } from "./staffing-common.js";
import { ComparisonNav, Missing, per10kText, YearPicker } from "./comparison-common.js";

export interface PeersPageProps {
  session: SessionContext;
  csrfToken: string;
  view: PeersView;
  notice?: string;
  error?: string;
  entered?: string;
}

/** The seed's sentence under 図表8, from the figures: own per 10,000 against the group's. */
function Summary(props: { view: PeersView; name: string }) {
  const own = props.view.rows.find((r) => r.own);
  const group = props.view.group;
  if (!own || own.futsuPer10k === null || !group || group.futsuPer10k === null || props.view.fiscalYear === null) return null;
  const mine = Number(per10kText(own.futsuPer10k));
  const theirs = Number(per10kText(group.futsuPer10k));
  const verdict = mine > theirs ? "上回って" : mine < theirs ? "下回って" : "同じになって";
  return (
    <p class="summary" data-summary="peers">
      {formatFiscalYear(props.view.fiscalYear)}の人口1万人当たりの普通会計職員数は{per10kText(own.futsuPer10k)}人と、
      {group.members === null ? "" : `全国${group.members}団体の`}類似団体({groupShortLabel(group.groupKey)})の平均{per10kText(group.futsuPer10k)}人を{verdict}います。
    </p>
  );
}

export function PeersPage(props: PeersPageProps) {
  const v = props.view;
  const name = props.session.municipality.name;
  const popDate = v.populationDate ? shortDateLabel(v.populationDate) : "";
  const staffDate = v.staffDate ? shortDateLabel(v.staffDate) : "";
  const caption = "(図表8) 類似団体との職員数の比較";
  return (
    <Layout title="類似団体との職員数の比較(図表8)" session={props.session} csrfToken={props.csrfToken} current="/comparison">
      <h1>類似団体との職員数の比較</h1>
      <ComparisonNav current="/comparison/peers" session={props.session} />
      <Alerts notice={props.notice} />
      <p class="lead">選んだ団体の人口1万人当たり職員数(普通会計・一般行政部門)と、{name}の属する類似団体の合計(Σ職員数 ÷ Σ人口)を並べます。</p>
      <YearPicker action="/comparison/peers" years={v.years} selected={v.fiscalYear} />
      {v.fiscalYear === null ? <Missing what="団体別職員数(名簿)が取り込まれていません。" session={props.session} /> : null}
      {v.codes.length === 0 ? <p class="alert warning">比較する団体が選ばれていません。{canAdminister(props.session.actor) ? "下の欄に団体コードを入力してください。" : ""}</p> : null}
      <Summary view={v} name={name} />
      {v.fiscalYear !== null && (v.rows.length > 0 || v.group) ? (
        <div class="table-scroll" role="region" aria-label={caption} tabindex={0}>
          <table class="data zuhyo peers" id="zuhyo8">
            <caption>{caption} ({formatFiscalYear(v.fiscalYear)})</caption>
            <thead>
              <tr>
                <th scope="col" class="corner" colspan={2} rowspan={2}>
                  団体名
                </th>
                <th scope="col" rowspan={2}>
                  住基人口
                  <br />({popDate})
                </th>
                <th scope="colgroup" colspan={2}>普通会計</th>
                <th scope="colgroup" colspan={2}>一般行政部門</th>
              </tr>
              <tr>
                <th scope="col">
                  職員数
                  <br />({staffDate})
                </th>
                <th scope="col">人口1万当たり</th>
                <th scope="col">
                  職員数
                  <br />({staffDate})
                </th>
                <th scope="col">人口1万当たり</th>
              </tr>
            </thead>
            <tbody>
              {v.rows.map((r) => (
                <tr class={r.own ? "own" : undefined} data-code={r.code} aria-current={r.own ? "true" : undefined}>
                  <td data-code={r.code} data-col="prefecture">{r.prefecture}</td>
                  <th scope="row">
                    {r.listed ? r.name : <span class="note">{r.code} (名簿にありません)</span>}
                    {r.own ? <span class="badge own-mark">本市</span> : null}
                  </th>
                  <td class="num" data-code={r.code} data-col="population">{fmt(r.population)}</td>
                  <td class="num" data-code={r.code} data-col="futsu">{fmt(r.futsu)}</td>
                  <td class="num" data-code={r.code} data-col="futsu-per10k">{per10kText(r.futsuPer10k)}</td>
                  <td class="num" data-code={r.code} data-col="ippan">{fmt(r.ippan)}</td>
                  <td class="num" data-code={r.code} data-col="ippan-per10k">{per10kText(r.ippanPer10k)}</td>
                </tr>
              ))}
            </tbody>
            {v.group ? (
              <tfoot>
                <tr class="total" data-code="group">
                  <th scope="row" colspan={2}>
                    {groupShortLabel(v.group.groupKey)} {v.group.members === null ? "" : `(${v.group.members}団体)`} 合計
                  </th>
                  <td class="num" data-code="group" data-col="population">{fmt(v.group.population)}</td>
                  <td class="num" data-code="group" data-col="futsu">{fmt(v.group.futsu)}</td>
                  <td class="num" data-code="group" data-col="futsu-per10k">{per10kText(v.group.futsuPer10k)}</td>
                  <td class="num" data-code="group" data-col="ippan">{fmt(v.group.ippan)}</td>
                  <td class="num" data-code="group" data-col="ippan-per10k">{per10kText(v.group.ippanPer10k)}</td>
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      ) : null}
      {v.fiscalYear !== null && v.ownGroup && !v.group ? (
        <p class="alert warning">{groupLabel(v.ownGroup)}の合計(人口と職員数の合計)がありません。総務省の類似団体別職員数か、図表8の合計行を取り込むと表示されます。</p>
      ) : null}
      {v.fiscalYear !== null ? (
        <>
          <p class="footnote">
            ※住基人口は{v.populationDate ? formatDateBoth(v.populationDate) : ""}現在、職員数は{v.staffDate ? formatDateBoth(v.staffDate) : ""}現在。人口1万当たり = 職員数 ÷ 住基人口 × 10,000(小数第3位を四捨五入)。
          </p>
          <p class="footnote">
            ※類似団体の合計は、人口の合計に対する職員数の合計({v.group?.source === "roster" ? "取り込んだ名簿にある構成団体から計算。名簿が類型の全団体を含まないときは総務省の値と異なります" : "総務省の公表値"})。
          </p>
          <p class="footnote">(参考:「類似団体別職員数の状況({v.staffDate ? formatWarekiDate(v.staffDate) : ""}現在)」総務省自治行政局)</p>
        </>
      ) : null}
      {canAdminister(props.session.actor) ? (
        <section aria-labelledby="choose">
          <h2 id="choose">比較する団体</h2>
          <form class="inline" method="post" action="/comparison/peers">
            <Alerts error={props.error} />
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(v.read)} />
            <div class="wide">
              <label for="codes">団体コード(6桁、改行・カンマ区切り。表示する順に)</label>
              <textarea id="codes" name="codes" rows={4}>
                {props.entered ?? v.codes.join("\n")}
              </textarea>
            </div>
            <div>
              <button type="submit">保存</button>
            </div>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
