import { formatFiscalYear } from "../../domain/era.js";
import type { SessionContext } from "../../services/auth.js";
import type { HiringMode, ScenarioResult } from "../../services/retirement-scenarios.js";
import type { UnitOption } from "../../services/retirement-views.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { Comparison, ResultTable } from "./retirement-projection-results.js";
import type { CategoryColumn } from "./retirement-age-profile.js";
import { MODE_LABELS, MODE_NOTES, scopeText } from "./retirement-common.js";
import { CHART_SIZE } from "./staffing-chart.js";
import { fmt, StaffingNav, YearLabel } from "./staffing-common.js";
import { READ_VALUES_FIELD, type ReadValues, serializeReadValues } from "../../domain/read-values.js";

/** The projection form as typed, to show it again. */
export interface ProjectionForm {
  scope: string;
  base: string;
  to: string;
  hireAge: string;
  hireCategory: string;
  target: string;
  mode: HiringMode;
  allowance: string;
  rates: { from: string; to: string; pct: string }[];
  /** Manual hires by year, as typed. */
  hires: Record<number, string>;
  /** The years hires can be entered for (after the base year up to the end year), once both are readable. */
  hireYears: number[];
}

export interface ProjectionPageProps {
  session: SessionContext;
  csrfToken: string;
  form: ProjectionForm;
  units: UnitOption[];
  categories: CategoryColumn[];
  baseYears: number[];
  /** Null when there is no age profile to project from. */
  result: ScenarioResult | null;
  /** The canonical query of the parameters shown, shared by the chart, the export and the save form. */
  query: string;
  isAdmin: boolean;
  saveName?: string;
  saveError?: string;
  /** The saved scenarios' versions by name, carried by the save form (services/scenario-versions.ts). */
  scenarioVersions?: ReadValues;
  /** Why the parameters could not be projected (the form is shown again to fix them). */
  error?: string;
}

/** Blank leaver-rate rows offered beyond those in use, so a band can be added without JavaScript. */
export const SPARE_RATE_ROWS = 2;
export const MIN_RATE_ROWS = 6;

function ProjectionFormView(props: ProjectionPageProps) {
  const f = props.form;
  const years = f.hireYears;
  const rates = [...f.rates];
  while (rates.length < Math.max(MIN_RATE_ROWS, f.rates.filter((r) => r.from || r.to || r.pct).length + SPARE_RATE_ROWS)) rates.push({ from: "", to: "", pct: "" });
  const shownHires = props.result?.hires ?? {};
  return (
    <form method="get" action="/staffing/projection" class="projection-form">
      <fieldset class="panel">
        <legend>推計の条件</legend>
        <div class="fields">
          <div>
            <label for="scope">対象</label>
            <select id="scope" name="scope">
              <option value="" selected={f.scope === ""}>
                全体
              </option>
              {props.units.map((u) => (
                <option value={String(u.id)} selected={f.scope === String(u.id)}>
                  {"\u3000".repeat(u.depth)}
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="base">基準年度</label>
            <input id="base" name="base" type="text" value={f.base} list="base-years" />
            <datalist id="base-years">
              {props.baseYears.map((y) => (
                <option value={String(y)}>{formatFiscalYear(y)}</option>
              ))}
            </datalist>
          </div>
          <div>
            <label for="to">終了年度</label>
            <input id="to" name="to" type="text" value={f.to} />
          </div>
          <div>
            <label for="hireAge">採用時の年齢</label>
            <input id="hireAge" name="hireAge" type="text" inputmode="numeric" value={f.hireAge} />
          </div>
          <div>
            <label for="hireCategory">採用する職種</label>
            <select id="hireCategory" name="hireCategory">
              {props.categories.map((c) => (
                <option value={c.code} selected={c.code === f.hireCategory}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="target">最終年度の目標職員数</label>
            <input id="target" name="target" type="text" inputmode="numeric" value={f.target} placeholder="空欄: その年度の条例定数" />
          </div>
          <div>
            <label for="allowance">許容率(%)</label>
            <input id="allowance" name="allowance" type="text" inputmode="decimal" value={f.allowance} placeholder="空欄: 市の設定" />
          </div>
        </div>
        <fieldset class="modes">
          <legend>採用者数の決め方</legend>
          {(Object.keys(MODE_LABELS) as HiringMode[]).map((mode) => (
            <div class="check">
              <input type="radio" id={`mode-${mode}`} name="mode" value={mode} checked={f.mode === mode} />
              <label for={`mode-${mode}`}>
                {MODE_LABELS[mode]}
                <small> — {MODE_NOTES[mode]}</small>
              </label>
            </div>
          ))}
        </fieldset>
      </fieldset>
      <div class="side-by-side">
        <fieldset class="panel">
          <legend>その他の退職率(自己都合など、年齢区分ごと)</legend>
          <table class="data grid rates">
            <thead>
              <tr>
                <th scope="col">年齢(から)</th>
                <th scope="col">年齢(まで)</th>
                <th scope="col">退職率(%/年)</th>
              </tr>
            </thead>
            <tbody>
              {rates.map((r, i) => (
                <tr>
                  <td>
                    <input class="count" type="text" inputmode="numeric" name={`r${i}from`} value={r.from} aria-label={`${i + 1}行目 年齢(から)`} />
                  </td>
                  <td>
                    <input class="count" type="text" inputmode="numeric" name={`r${i}to`} value={r.to} aria-label={`${i + 1}行目 年齢(まで)`} />
                  </td>
                  <td>
                    <input class="count" type="text" inputmode="decimal" name={`r${i}pct`} value={r.pct} aria-label={`${i + 1}行目 退職率(%)`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="hint">年齢はその年度中に達する年齢です。使わない行は空欄にします。定年退職は定年の定めから計算します。</p>
        </fieldset>
        <fieldset class="panel">
          <legend>手入力の採用者数(「手入力」のときに使います)</legend>
          {years.length > 0 ? (
            <table class="data grid hires">
              <thead>
                <tr>
                  <th scope="col">年度(4月1日採用)</th>
                  <th scope="col">採用者数</th>
                </tr>
              </thead>
              <tbody>
                {years.map((y) => (
                  <tr>
                    <th scope="row">
                      <YearLabel year={y} inline />
                    </th>
                    <td>
                      <input
                        class="count"
                        type="text"
                        inputmode="numeric"
                        name={`h${y}`}
                        value={f.hires[y] ?? (shownHires[y] === undefined ? "" : String(shownHires[y]))}
                        aria-label={`${formatFiscalYear(y)}の採用者数`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="note">基準年度と終了年度を入力すると表示します。</p>
          )}
          <p class="hint">はじめは表示中の計画の採用者数が入っています。</p>
        </fieldset>
      </div>
      <p class="actions">
        <button type="submit">推計する</button>
      </p>
    </form>
  );
}

/** GET /staffing/projection: the projection to the end year and the levelled hiring plan against one-for-one. */
export function ProjectionPage(props: ProjectionPageProps) {
  const r = props.result;
  const unitNames = new Map(props.units.map((u) => [u.id, u.name]));
  const caption = r ? `職員数の推計(${scopeText(r.params, unitNames)}・${MODE_LABELS[r.params.mode]}) ${formatFiscalYear(r.params.baseYear)}～${formatFiscalYear(r.params.toYear)}` : "";
  return (
    <Layout title="職員数の推計と採用計画" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>職員数の推計と採用計画</h1>
      <StaffingNav current="/staffing/projection" />
      <p class="lead">
        基準年度の年齢構成から、定年の定めによる定年退職と、年齢区分ごとの退職率によるその他の退職を見込み、各年度4月1日の職員数を推計します。
        定年引上げの期間中は定年退職者の数が年度ごとに大きく変わるため、採用者数を平準化した計画と、退職者数をそのまま補充した場合を比べます。
      </p>
      <Alerts error={props.error} />
      <ProjectionFormView {...props} />
      {props.error ? null : r === null ? (
        <p class="alert warning" role="status">
          年齢構成が登録されていないため推計できません。<a href="/staffing/age-profile">年齢構成</a>を入力するか取り込んでください。
        </p>
      ) : (
        <>
          <h2 id="result">推計結果</h2>
          <p class="summary">
            対象: {scopeText(r.params, unitNames)} ・ 基準年度の職員数 <strong>{fmt(r.profileTotal)}</strong>人 ・ 採用: <strong>{MODE_LABELS[r.params.mode]}</strong>
          </p>
          {r.warnings.length > 0 ? (
            <div class="alert error warnings" role="alert">
              <p>
                <strong>上限を超える年度があります</strong>
              </p>
              <ul>
                {r.warnings.map((w) => (
                  <li>{w}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p class="alert success" role="status">
              すべての年度で職員数が上限以内です。
            </p>
          )}
          <ResultTable years={r.years} caption={caption} />
          <figure class="chart">
            <img
              src={`/staffing/projection.svg?${props.query}`}
              width={CHART_SIZE.width}
              height={CHART_SIZE.height}
              alt={`${caption}のグラフ。折れ線は職員数(4月1日)、破線は上限と条例定数、棒は採用者数。数値は上の表のとおり。`}
            />
            <figcaption>{caption}</figcaption>
          </figure>
          <p class="actions">
            <a href={`/staffing/projection.xlsx?${props.query}`}>表を Excel (xlsx) で書き出す</a>
            {" ・ "}
            <a href={`/staffing/projection.svg?${props.query}`} download="projection.svg">
              グラフを SVG で保存
            </a>
          </p>
          <Comparison result={r} />
          {props.isAdmin ? (
            <section id="save">
              <h2>この条件をシナリオとして保存</h2>
              <form class="inline" method="post" action="/staffing/scenarios">
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <input type="hidden" name="query" value={props.query} />
                <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(props.scenarioVersions ?? {})} />
                <Alerts error={props.saveError} />
                <div>
                  <label for="name">シナリオ名</label>
                  <input id="name" name="name" type="text" value={props.saveName ?? ""} required maxlength={100} />
                </div>
                <div>
                  <button type="submit">保存</button>
                </div>
                <p class="hint">同じ名前のシナリオがあれば置き換えます。保存したシナリオは<a href="/staffing/scenarios">シナリオ比較</a>で並べて比べられます。</p>
              </form>
            </section>
          ) : null}
        </>
      )}
    </Layout>
  );
}
