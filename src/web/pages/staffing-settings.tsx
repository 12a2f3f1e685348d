import { formatFiscalYear, formatDateBoth } from "../../domain/era.js";
import { POPULATION_DATE_CHANGE_YEAR } from "../../domain/population.js";
import { READ_VALUES_FIELD, serializeReadValues } from "../../domain/read-values.js";
import { canAdminister } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import type { StaffingSettings } from "../../services/staffing-views.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { fmt, percent, StaffingNav } from "./staffing-common.js";

export type SettingsForm = "allowance" | "referenceDay" | "threshold" | "quota" | "population";

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

      <h2 id="allowance">定数の許容率と職員数の基準日</h2>
      <p>
        {formatFiscalYear(s.fiscalYear)}の許容率: <strong data-allowance={s.allowancePercent}>{percent(s.allowancePercent)}</strong> —
        職員数が条例定数を超えてよい一時的な幅(定年引上げ期間中など)。 上限 = 条例定数 × (1 + 許容率) の小数点以下切り捨て。0% のときは条例定数そのものが上限です。
        許容率と基準日は適用開始年度ごとに記録され、各年度はその年度に適用されていた値で判定します(後の年度の値を設定しても、過去の年度は変わりません)。
      </p>
      <table class="data" id="policies">
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">値</th>
            <th scope="col">適用期間</th>
          </tr>
        </thead>
        <tbody>
          {s.policies.map((p) => (
            <tr data-kind={p.kind} data-from={p.validFrom ?? ""}>
              <th scope="row">{p.label}</th>
              <td class="num">{p.kind === "allowance_percent" ? percent(Number(p.value)) : p.value.replace(/^(\d+)-(\d+)$/, (_, m: string, d: string) => `${Number(m)}月${Number(d)}日`)}</td>
              <td>{period(p.validFrom, p.validTo)}</td>
            </tr>
          ))}
          {s.policies.some((p) => p.kind === "reference_date") ? null : (
            <tr data-kind="reference_date">
              <th scope="row">職員数の基準日</th>
              <td class="num">4月1日</td>
              <td>全期間(既定)</td>
            </tr>
          )}
        </tbody>
      </table>
      {admin ? (
        <>
          <form class="inline" method="post" action="/staffing/settings/allowance">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <FormError form="allowance" error={props.error} />
            <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(s.read.allowance)} />
            <div>
              <label for="percent">許容率(%)</label>
              <input id="percent" name="percent" type="text" inputmode="decimal" value={typed("allowance", "percent", String(s.allowancePercent))} />
            </div>
            <div>
              <label for="allowance-from">適用開始年度</label>
              <input id="allowance-from" name="fromYear" type="text" value={typed("allowance", "fromYear", String(s.fiscalYear + 1))} placeholder="例: 令和8年度、R8、2026" />
            </div>
            <div>
              <button type="submit">許容率を保存</button>
            </div>
          </form>
          <form class="inline" method="post" action="/staffing/settings/reference-day">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <FormError form="referenceDay" error={props.error} />
            <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(s.read.referenceDay)} />
            <div>
              <label for="reference-day">基準日(月-日)</label>
              <input id="reference-day" name="day" type="text" value={typed("referenceDay", "day", "04-01")} placeholder="04-01" />
            </div>
            <div>
              <label for="reference-from">適用開始年度</label>
              <input id="reference-from" name="fromYear" type="text" value={typed("referenceDay", "fromYear", String(s.fiscalYear + 1))} />
            </div>
            <div>
              <button type="submit" class="secondary">基準日を保存</button>
            </div>
          </form>
        </>
      ) : null}

      <h2 id="threshold">職員数の確認の目安</h2>
      <p>
        前年度の職員数から <strong data-threshold-percent={s.changeThreshold.percent}>±{s.changeThreshold.percent}%</strong> かつ{" "}
        <strong data-threshold-people={s.changeThreshold.people}>±{s.changeThreshold.people}人</strong>{" "}
        を超えて変わる値は、保存・取込の前に確認を求めます。団体の職員全体の2倍を超える値は受け付けません。
      </p>
      {admin ? (
        <form class="inline" method="post" action="/staffing/settings/threshold">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <FormError form="threshold" error={props.error} />
            <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(s.read.threshold)} />
          <div>
            <label for="threshold-percent">割合(%)</label>
            <input id="threshold-percent" name="percent" type="text" inputmode="decimal" value={typed("threshold", "percent", String(s.changeThreshold.percent))} />
          </div>
          <div>
            <label for="threshold-people">人数(人)</label>
            <input id="threshold-people" name="people" type="text" inputmode="numeric" value={typed("threshold", "people", String(s.changeThreshold.people))} />
          </div>
          <div>
            <button type="submit" class="secondary">確認の目安を保存</button>
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
              <tr data-unit={q.unitName} data-shared={q.shared ? "1" : undefined}>
                <th scope="row">
                  {q.unitName}
                  {q.shared ? "(共同の定数)" : ""}
                </th>
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
            <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(s.read.quota)} />
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
            <label for="fromYear">適用開始年度(空欄は定数のまだない組織だけ: 全期間)</label>
            <input id="fromYear" name="fromYear" type="text" value={typed("quota", "fromYear")} placeholder="例: 令和8年度" />
          </div>
          <div>
            <label for="quota-members">共同で定数を持つ他の組織(任意。組織名を「、」区切り)</label>
            <input id="quota-members" name="members" type="text" value={typed("quota", "members")} placeholder="例: 選挙管理委員会、公平委員会、農業委員会" />
          </div>
          <div>
            <label for="quota-note">備考</label>
            <input id="quota-note" name="note" type="text" value={typed("quota", "note")} placeholder="例: 職員定数条例の改正" />
          </div>
          <div>
            <input type="checkbox" id="quota-confirm" name="confirm" value="1" />{" "}
            <label for="quota-confirm">大きな変更を確認しました(前年度の定数から確認の目安を超えて変わるとき)</label>
          </div>
          <div>
            <button type="submit">条例定数を設定</button>
          </div>
          <small class="hint">
            適用開始年度より前から続いている定数は、その前年度で終わります。条例が複数の任命権者に一つの定数を定めているときは、
            他の組織を「共同で定数を持つ他の組織」に書くと、上限の判定をまとめて行います(それぞれの定数はその年度から終わります)。
          </small>
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
              <tr data-year={p.fiscalYear}>
                <th scope="row">{formatFiscalYear(p.fiscalYear)}</th>
                <td class="num">{fmt(p.population)}</td>
                <td>{formatDateBoth(p.referenceDate)}</td>
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
            <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(s.read.population)} />
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
