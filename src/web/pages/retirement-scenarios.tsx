import { largestYearToYearChange, unevenness } from "../../domain/projection.js";
import { formatFiscalYear } from "../../domain/era.js";
import { READ_VALUES_FIELD, serializeReadValues } from "../../domain/read-values.js";
import type { SessionContext } from "../../services/auth.js";
import type { ScenarioResult } from "../../services/retirement-scenarios.js";
import { scenarioReadValues } from "../../services/scenario-versions.js";
import type { ScenarioSummary, UnitOption } from "../../services/retirement-views.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { MODE_LABELS, scopeText, spanText } from "./retirement-common.js";
import { fmt, signed, StaffingNav, YearLabel } from "./staffing-common.js";

export interface ScenariosPageProps {
  session: SessionContext;
  csrfToken: string;
  scenarios: ScenarioSummary[];
  units: UnitOption[];
  /** Query of the projection page per scenario id. */
  links: ReadonlyMap<number, string>;
  isAdmin: boolean;
  notice?: string;
}

/** GET /staffing/scenarios: saved scenarios, to open, compare or delete. */
export function ScenariosPage(props: ScenariosPageProps) {
  const unitNames = new Map(props.units.map((u) => [u.id, u.name]));
  return (
    <Layout title="推計シナリオ" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>推計シナリオの比較</h1>
      <StaffingNav current="/staffing/scenarios" />
      <Alerts notice={props.notice} />
      <p class="lead">
        <a href="/staffing/projection">推計・採用計画</a>の画面で保存した条件(シナリオ)の一覧です。比べたいシナリオを2つ以上選んで「並べて比較」を押します。
        比較では、保存した条件をいまの年齢構成・定数で計算し直します。
      </p>
      {props.scenarios.length === 0 ? (
        <p class="alert warning">保存したシナリオはまだありません。{props.isAdmin ? "推計・採用計画の画面の下にある「この条件をシナリオとして保存」から保存します。" : ""}</p>
      ) : (
        <>
          <form id="compare-form" method="get" action="/staffing/scenarios/compare"></form>
          <div class="table-scroll">
            <table class="data scenarios" id="scenarios">
              <caption>保存したシナリオ</caption>
              <thead>
                <tr>
                  <th scope="col">比較</th>
                  <th scope="col">名前</th>
                  <th scope="col">採用の方式</th>
                  <th scope="col">対象</th>
                  <th scope="col">期間</th>
                  <th scope="col">保存した人</th>
                  <th scope="col">更新</th>
                  {props.isAdmin ? <th scope="col">削除</th> : null}
                </tr>
              </thead>
              <tbody>
                {props.scenarios.map((s) => (
                  <tr data-scenario={s.id}>
                    <td>
                      <input type="checkbox" id={`pick-${s.id}`} name="id" value={String(s.id)} form="compare-form" aria-label={`「${s.name}」を比較する`} />
                    </td>
                    <th scope="row">
                      <a href={`/staffing/projection?${props.links.get(s.id) ?? ""}`}>{s.name}</a>
                    </th>
                    <td>{MODE_LABELS[s.mode]}</td>
                    <td>{scopeText(s.params, unitNames)}</td>
                    <td>{spanText(s.params)}</td>
                    <td>{s.createdBy}</td>
                    <td>{formatTimestamp(s.updatedAt)}</td>
                    {props.isAdmin ? (
                      <td>
                        <form method="post" action={`/staffing/scenarios/${s.id}/delete`}>
                          <input type="hidden" name="_csrf" value={props.csrfToken} />
                          <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(scenarioReadValues(s))} />
                          <button type="submit" class="secondary" aria-label={`「${s.name}」を削除`}>
                            削除
                          </button>
                        </form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="actions">
            <button type="submit" form="compare-form">
              並べて比較
            </button>
          </p>
        </>
      )}
    </Layout>
  );
}

export interface CompareEntry {
  id: number;
  name: string;
  result: ScenarioResult;
  /** Query of the projection page for this scenario. */
  link: string;
}

export interface ComparePageProps {
  session: SessionContext;
  csrfToken: string;
  entries: CompareEntry[];
  units: UnitOption[];
}

/** GET /staffing/scenarios/compare?id=…&id=…: hires and headcount per year for each scenario, side by side. */
export function CompareScenariosPage(props: ComparePageProps) {
  const unitNames = new Map(props.units.map((u) => [u.id, u.name]));
  const years = [...new Set(props.entries.flatMap((e) => e.result.years.map((y) => y.fiscalYear)))].sort((a, b) => a - b);
  const total = (h: Record<number, number>) => Object.values(h).reduce((s, v) => s + v, 0);
  return (
    <Layout title="シナリオの比較" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>シナリオの比較</h1>
      <StaffingNav current="/staffing/scenarios" />
      <ul class="scenario-list">
        {props.entries.map((e) => (
          <li data-scenario={e.id}>
            <a href={`/staffing/projection?${e.link}`}>
              <strong>{e.name}</strong>
            </a>{" "}
            — {MODE_LABELS[e.result.params.mode]} ・ {scopeText(e.result.params, unitNames)} ・ {spanText(e.result.params)}
            {e.result.params.mode === "levelled" && !e.result.levelled.ok ? <span class="badge ng">平準化できません: {e.result.levelled.reason}</span> : null}
          </li>
        ))}
      </ul>
      <div class="table-scroll" role="region" aria-label="シナリオの比較" tabindex={0}>
        <table class="data zuhyo comparison" id="scenario-comparison">
          <caption>年度ごとの採用者数と職員数(4月1日)</caption>
          <thead>
            <tr>
              <th scope="col" rowspan={2} class="corner">
                年度
              </th>
              {props.entries.map((e) => (
                <th scope="colgroup" colspan={3} data-scenario={e.id}>
                  <a href={`/staffing/projection?${e.link}`}>{e.name}</a>
                </th>
              ))}
            </tr>
            <tr>
              {props.entries.map(() => (
                <>
                  <th scope="col">採用者</th>
                  <th scope="col">職員数</th>
                  <th scope="col">上限との差</th>
                </>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.map((fy) => (
              <tr data-year={fy}>
                <th scope="row">
                  <YearLabel year={fy} inline />
                </th>
                {props.entries.map((e) => {
                  const y = e.result.years.find((row) => row.fiscalYear === fy);
                  return (
                    <>
                      <td class="num" data-scenario={e.id} data-col="hires" data-year={fy}>
                        {y ? (fy === e.result.params.baseYear ? "—" : fmt(y.hires)) : ""}
                      </td>
                      <td class={`num${y && y.overCap > 0 ? " over" : ""}`} data-scenario={e.id} data-col="headcount" data-year={fy}>
                        {y ? fmt(y.headcount) : ""}
                      </td>
                      <td class="num" data-scenario={e.id} data-col="over" data-year={fy}>
                        {y ? signed(y.overCap) : ""}
                        {y && y.overCap > 0 ? <span class="badge ng">超過</span> : null}
                      </td>
                    </>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">採用者の合計</th>
              {props.entries.map((e) => (
                <td class="num" colspan={3} data-scenario={e.id} data-col="total">
                  {fmt(total(e.result.hires))}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">年度間の最大の増減</th>
              {props.entries.map((e) => (
                <td class="num" colspan={3} data-scenario={e.id} data-col="largest-change">
                  {fmt(largestYearToYearChange(e.result.hires))}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">採用者数の二乗和</th>
              {props.entries.map((e) => (
                <td class="num" colspan={3} data-scenario={e.id} data-col="unevenness">
                  {fmt(unevenness(e.result.hires))}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">上限を超える年度</th>
              {props.entries.map((e) => {
                const over = e.result.years.filter((y) => y.overCap > 0);
                return (
                  <td colspan={3} data-scenario={e.id} data-col="over-years">
                    {over.length === 0 ? "なし" : over.map((y) => `${formatFiscalYear(y.fiscalYear)} (${signed(y.overCap)})`).join("、")}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="actions">
        <a href="/staffing/scenarios">シナリオの一覧へ戻る</a>
      </p>
    </Layout>
  );
}
