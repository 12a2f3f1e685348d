import { formatFiscalYear, formatWarekiDate } from "../../domain/era.js";
import { POPULATION_DATE_CHANGE_YEAR } from "../../domain/population.js";
import { canAdminister } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import type { StaffingSettings } from "../../services/staffing-views.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { fmt, percent, StaffingNav } from "./staffing-common.js";

export type SettingsForm = "allowance" | "quota" | "population";

export interface SettingsPageProps {
  session: SessionContext;
  csrfToken: string;
  settings: StaffingSettings;
  notice?: string;
  /** A refused form: which one, why, and what was typed. */
  error?: { form: SettingsForm; message: string; entered: Record<string, string> };
}

function period(from: number | null, to: number | null): string {
  if (from === null && to === null) return "全期間";
  if (to === null) return `${formatFiscalYear(from ?? 0)}から`;
  if (from === null) return `${formatFiscalYear(to)}まで`;
  return `${formatFiscalYear(from)}～${formatFiscalYear(to)}`;
}

function FormError(props: { form: SettingsForm; error: SettingsPageProps["error"] }) {
  if (props.error?.form !== props.form) return null;
  return (
    <p class="alert error" role="alert">
      {props.error.message}
    </p>
  );
}

/** GET /staffing/settings: the allowance, the ordinance quotas and the populations; forms for the administrator. */
export function SettingsPage(props: SettingsPageProps) {
  const s = props.settings;
  const admin = canAdminister(props.session.actor);
  const typed = (form: SettingsForm, name: string, fallback = "") => (props.error?.form === form ? (props.error.entered[name] ?? fallback) : fallback);
  return (
    <Layout title="定数・人口・許容率の設定" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>定数・人口・許容率の設定</h1>
      <StaffingNav current="/staffing/settings" />
      <Alerts notice={props.notice} />
      {admin ? null : <p class="lead">設定を変更できるのは管理者(行政管理課)です。</p>}

      <h2 id="allowance">定数の許容率</h2>
      <p>
        現在の許容率: <strong data-allowance={s.allowancePercent}>{percent(s.allowancePercent)}</strong> — 職員数が条例定数を超えてよい一時的な幅(定年引上げ期間中など)。
        上限 = 条例定数 × (1 + 許容率) の小数点以下切り捨て。0% のときは条例定数そのものが上限です。
      </p>
      {admin ? (
        <form class="inline" method="post" action="/staffing/settings/allowance">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <FormError form="allowance" error={props.error} />
          <div>
            <label for="percent">許容率(%)</label>
            <input id="percent" name="percent" type="text" inputmode="decimal" value={typed("allowance", "percent", String(s.allowancePercent))} />
          </div>
          <div>
            <button type="submit">許容率を保存</button>
          </div>
        </form>
      ) : null}

      <h2 id="quota">条例定数</h2>
      <div class="table-scroll">
        <table class="data" id="quotas">
          <thead>
            <tr>
              <th scope="col">組織</th>
              <th scope="col">条例定数</th>
              <th scope="col">適用期間</th>
              <th scope="col">備考</th>
            </tr>
          </thead>
          <tbody>
            {s.quotas.map((q) => (
              <tr data-unit={q.unitName}>
                <th scope="row">{q.unitName}</th>
                <td class="num">{fmt(q.quota)}</td>
                <td>{period(q.validFrom, q.validTo)}</td>
                <td>{q.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin ? (
        <form class="inline" method="post" action="/staffing/settings/quota">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <FormError form="quota" error={props.error} />
          <div>
            <label for="unit">組織</label>
            <select id="unit" name="unit">
              {s.units.filter(({ unit }) => unit.kind !== "special").map(({ unit, depth }) => (
                <option value={String(unit.id)} selected={typed("quota", "unit") === String(unit.id)}>
                  {`${"　".repeat(depth)}${unit.name}`}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="quota-value">条例定数(人)</label>
            <input id="quota-value" name="quota" type="text" inputmode="numeric" value={typed("quota", "quota")} />
          </div>
          <div>
            <label for="fromYear">適用開始年度(空欄: 全期間)</label>
            <input id="fromYear" name="fromYear" type="text" value={typed("quota", "fromYear")} placeholder="例: 令和8年度" />
          </div>
          <div>
            <label for="quota-note">備考</label>
            <input id="quota-note" name="note" type="text" value={typed("quota", "note")} placeholder="例: 職員定数条例の改正" />
          </div>
          <div>
            <button type="submit">条例定数を設定</button>
          </div>
          <small class="hint">適用開始年度より前から続いている定数は、その前年度で終わります。</small>
        </form>
      ) : null}

      <h2 id="population">住基人口</h2>
      <div class="table-scroll">
        <table class="data" id="populations">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">住基人口</th>
              <th scope="col">基準日</th>
              <th scope="col">出典</th>
            </tr>
          </thead>
          <tbody>
            {s.populations.map((p) => (
              <tr data-year={p.fiscal_year}>
                <th scope="row">{formatFiscalYear(p.fiscal_year)}</th>
                <td class="num">{fmt(p.population)}</td>
                <td>{formatWarekiDate(p.reference_date)}</td>
                <td>{p.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin ? (
        <form class="inline" method="post" action="/staffing/settings/population">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <FormError form="population" error={props.error} />
          <div>
            <label for="pop-year">年度</label>
            <input id="pop-year" name="fiscalYear" type="text" value={typed("population", "fiscalYear")} placeholder="例: 令和7年度" />
          </div>
          <div>
            <label for="pop-value">住基人口(人)</label>
            <input id="pop-value" name="population" type="text" inputmode="numeric" value={typed("population", "population")} placeholder="例: 97,999" />
          </div>
          <div>
            <label for="pop-date">基準日(空欄: 年度の通例)</label>
            <input id="pop-date" name="referenceDate" type="date" value={typed("population", "referenceDate")} />
          </div>
          <div>
            <label for="pop-source">出典</label>
            <input id="pop-source" name="source" type="text" value={typed("population", "source")} placeholder="例: 住民基本台帳" />
          </div>
          <div>
            <button type="submit">人口を保存</button>
          </div>
          <small class="hint">
            基準日の通例: {formatFiscalYear(POPULATION_DATE_CHANGE_YEAR - 1)}以前は3月31日、{formatFiscalYear(POPULATION_DATE_CHANGE_YEAR)}以降は1月1日。
          </small>
        </form>
      ) : null}
    </Layout>
  );
}
