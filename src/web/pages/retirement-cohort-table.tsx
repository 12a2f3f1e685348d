import { formatFiscalYear, formatFiscalYearShort, formatWarekiDate } from "../../domain/era.js";
import { type CohortTable, cohortBirthRange, cohortLabel, type RetirementSchedule, schoolYearCohortOf } from "../../domain/retirement.js";
import type { SessionContext } from "../../services/auth.js";
import { Layout } from "../layout.js";
import { Alerts, YearSpanFields } from "./components.js";
import { retireOnText, stepsText } from "./retirement-common.js";
import { StaffingNav, YearLabel } from "./staffing-common.js";

export interface ScheduleFormValues {
  category: string;
  label: string;
  steps: string;
  retireOn: string;
  source: string;
}

export interface RetirementLookup {
  birthInput: string;
  category: string;
  result?: { age: number; date: string; fiscalYear: number };
  error?: string;
}

export interface CohortTablePageProps {
  session: SessionContext;
  csrfToken: string;
  /** Null when the table could not be drawn (the error says why). */
  table: CohortTable | null;
  tableError?: string;
  category: string;
  /** The schedules in force, one per job category. */
  schedules: { schedule: RetirementSchedule; replacesNational: boolean }[];
  fromInput: string;
  toInput: string;
  cohortsInput: string;
  lookup?: RetirementLookup;
  isAdmin: boolean;
  scheduleForm: ScheduleFormValues;
  /** The schedule as the form read it (hidden read fields), when known. */
  scheduleRead?: ScheduleFormValues;
  scheduleError?: string;
  notice?: string;
}

function hiddenState(props: CohortTablePageProps) {
  return (
    <>
      <input type="hidden" name="from" value={props.fromInput} />
      <input type="hidden" name="to" value={props.toInput} />
      <input type="hidden" name="category" value={props.category} />
      {props.cohortsInput ? <input type="hidden" name="cohorts" value={props.cohortsInput} /> : null}
    </>
  );
}

function CohortTableView(props: { table: CohortTable; caption: string }) {
  const t = props.table;
  return (
    <div class="table-scroll" role="region" aria-label={props.caption} tabindex={0}>
      <table class="data zuhyo cohort-table" id="cohort-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="corner">
              年度
            </th>
            {t.years.map((fy) => (
              <th scope="col" data-year={fy}>
                <YearLabel year={fy} />
              </th>
            ))}
            <th scope="col" class="retirement-year">
              定年退職の
              <br />
              年度
            </th>
          </tr>
          <tr class="rule">
            <th scope="row" class="corner">
              定年
            </th>
            {t.header.map((h) => (
              <td class="num" data-row="age" data-year={h.fiscalYear}>
                {h.retirementAge}歳
              </td>
            ))}
            <td></td>
          </tr>
          <tr class="rule">
            <th scope="row" class="corner">
              定年退職者
            </th>
            {t.header.map((h) => (
              <td class={h.retirees ? "retirees" : "no-retirees"} data-row="retirees" data-year={h.fiscalYear}>
                {h.retirees ? (
                  "あり"
                ) : (
                  <>
                    定年退職者
                    <wbr />
                    なし
                  </>
                )}
              </td>
            ))}
            <td></td>
          </tr>
        </thead>
        <tbody>
          {t.rows.map((row) => {
            return (
              <tr data-cohort={row.cohort}>
                <th scope="row">
                  {row.label}
                  <small class="born">({row.cohort})</small>
                </th>
                {row.cells.map((cell) =>
                  cell.retires ? (
                    <td class="retire" data-cohort={row.cohort} data-year={cell.fiscalYear}>
                      定年退職 {cell.age}歳
                    </td>
                  ) : cell.retired ? (
                    <td class="retired" data-cohort={row.cohort} data-year={cell.fiscalYear}></td>
                  ) : (
                    <td class="num" data-cohort={row.cohort} data-year={cell.fiscalYear}>
                      {cell.age}歳
                    </td>
                  ),
                )}
                <td data-cohort={row.cohort} data-col="retirement-year">
                  <abbr title={formatFiscalYear(row.retirementYear)}>{formatFiscalYearShort(row.retirementYear)}</abbr>({row.retirementYear})
                  <br />
                  {row.retirementYear - row.cohort}歳
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** GET /staffing/retirement: 図表6 regenerated from the rules, the schedules in force, and a lookup by birth date. */
export function CohortTablePage(props: CohortTablePageProps) {
  const current = props.schedules.find((s) => s.schedule.category === props.category)?.schedule;
  const caption = `(図表6) 定年引上げに伴う退職者の予定${props.category === "general" ? "" : `(${current?.label ?? props.category})`}`;
  const first = props.table?.rows[0];
  const example = first ? cohortBirthRange(first.cohort) : null;
  return (
    <Layout title="定年引上げに伴う退職者の予定(図表6)" session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>定年引上げに伴う退職者の予定</h1>
      <StaffingNav current="/staffing/retirement" />
      <Alerts notice={props.notice} />
      <p class="lead">
        地方公務員法の改正(令和3年法律第63号、令和5年4月1日施行)により、定年は60歳から2年度ごとに1歳ずつ引き上げられ、令和13年度(2031年度)に65歳になります。
        定年に達した年度の末日(3月31日)に退職するため、定年が上がる年度には定年退職者が生じません。表は定年の定めから計算しています。
      </p>
      <form class="filters" method="get" action="/staffing/retirement">
        <YearSpanFields fromInput={props.fromInput} toInput={props.toInput} />
        <div>
          <label for="category">職種</label>
          <select id="category" name="category">
            {props.schedules.map(({ schedule }) => (
              <option value={schedule.category} selected={schedule.category === props.category}>
                {schedule.label} ({schedule.category})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="cohorts">生まれ年度(省略可)</label>
          <input id="cohorts" name="cohorts" type="text" value={props.cohortsInput} placeholder="例: 1960-1968、S35-S43" />
        </div>
        <div>
          <button type="submit">表示</button>
        </div>
        <p class="hint">年度は「令和7年度」「R7」「2025」のどれでも入力できます。生まれ年度を省略すると、開始年度に55～65歳の学年を表示します。</p>
      </form>
      <Alerts error={props.tableError} />
      {props.table ? <CohortTableView table={props.table} caption={caption} /> : null}
      <p class="footnote">※ 年齢は、その年度中に達する年齢です(年齢は誕生日の前日に加算されます: 年齢計算ニ関スル法律)。</p>
      <p class="footnote">
        ※ 「○○年度生まれ」は学年で数えます
        {example ? `(例: ${cohortLabel(first?.cohort ?? 0)} = ${formatWarekiDate(example.from)}～${formatWarekiDate(example.to)}生まれ。4月1日生まれは前の学年)` : ""}。
      </p>
      <p class="footnote">※ 退職日は、定年に達した日以後の最初の3月31日(条例で別の日を定めた職種はその日)です(地方公務員法第28条の6)。</p>

      <h2 id="lookup">誕生日から定年を調べる</h2>
      <form class="inline" method="get" action="/staffing/retirement#lookup">
        {hiddenState(props)}
        <div>
          <label for="birth">生年月日</label>
          <input id="birth" name="birth" type="date" value={props.lookup?.birthInput ?? ""} required />
        </div>
        <div>
          <label for="lookupCategory">職種</label>
          <select id="lookupCategory" name="lookupCategory">
            {props.schedules.map(({ schedule }) => (
              <option value={schedule.category} selected={schedule.category === (props.lookup?.category ?? props.category)}>
                {schedule.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">調べる</button>
        </div>
        {props.lookup?.error ? (
          <p class="alert error" role="alert">
            {props.lookup.error}
          </p>
        ) : null}
      </form>
      {props.lookup?.result ? (
        <dl class="lookup-result" data-birth={props.lookup.birthInput}>
          <dt>生年月日</dt>
          <dd>
            {formatWarekiDate(props.lookup.birthInput)} ({props.lookup.birthInput}) ・ {cohortLabel(schoolYearCohortOf(props.lookup.birthInput))}
          </dd>
          <dt>定年</dt>
          <dd data-col="age">{props.lookup.result.age}歳</dd>
          <dt>退職日</dt>
          <dd data-col="date">
            {formatWarekiDate(props.lookup.result.date)} ({props.lookup.result.date})
          </dd>
          <dt>退職の年度</dt>
          <dd data-col="fiscal-year">{formatFiscalYear(props.lookup.result.fiscalYear)}</dd>
        </dl>
      ) : null}

      <h2 id="schedules">職種ごとの定年</h2>
      <div class="table-scroll">
        <table class="data schedules">
          <caption>定年の定め(職種ごと)</caption>
          <thead>
            <tr>
              <th scope="col">職種</th>
              <th scope="col">年度ごとの定年</th>
              <th scope="col">退職日</th>
              <th scope="col">根拠</th>
            </tr>
          </thead>
          <tbody>
            {props.schedules.map(({ schedule, replacesNational }) => (
              <tr data-category={schedule.category}>
                <th scope="row">
                  <a href={`/staffing/retirement?category=${encodeURIComponent(schedule.category)}&from=${encodeURIComponent(props.fromInput)}&to=${encodeURIComponent(props.toInput)}`}>
                    {schedule.label}
                  </a>
                  <br />
                  <small>{schedule.category}</small>
                </th>
                <td>
                  <ul class="plain">
                    {stepsText(schedule).map((s) => (
                      <li>{s}</li>
                    ))}
                  </ul>
                </td>
                <td>{retireOnText(schedule)}</td>
                <td>
                  {schedule.source ?? ""}
                  {replacesNational ? <small class="hint">(国の基準に代えて市の定めを適用)</small> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.isAdmin ? <ScheduleForm {...props} /> : <p class="note">定年の定めを変更できるのは管理者です。</p>}
    </Layout>
  );
}

function ScheduleForm(props: CohortTablePageProps) {
  const v = props.scheduleForm;
  return (
    <section id="schedule-form">
      <h2>市の定年の定めを保存する</h2>
      <p>
        条例で定めた職種ごとの定年を保存します。同じ職種コードの国の基準は、保存した定めに置き換わります。
      </p>
      <form class="stack wide" method="post" action="/staffing/retirement/schedules">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <Alerts error={props.scheduleError} />
        {/* As read: a save writes only the fields changed here and refuses one someone else changed meanwhile (409). */}
        {props.scheduleRead ? (
          <>
            <input type="hidden" name="readLabel" value={props.scheduleRead.label} />
            <input type="hidden" name="readSteps" value={props.scheduleRead.steps} />
            <input type="hidden" name="readRetireOn" value={props.scheduleRead.retireOn} />
            <input type="hidden" name="readSource" value={props.scheduleRead.source} />
          </>
        ) : null}
        <div>
          <label for="s-category">職種コード(半角英数字)</label>
          <input id="s-category" name="category" type="text" value={v.category} placeholder="例: doctor" required />
        </div>
        <div>
          <label for="s-label">職種の名称</label>
          <input id="s-label" name="label" type="text" value={v.label} placeholder="例: 医師 (市条例)" required />
        </div>
        <div>
          <label for="s-steps">年度ごとの定年(1行に「適用年度 定年」)</label>
          <textarea id="s-steps" name="steps" rows={7} required>
            {v.steps}
          </textarea>
          <span class="hint">例: 「- 60」(それ以前の年度すべて)、「2023 61」または「令和5年度 61」。年度の昇順に並べます。</span>
        </div>
        <div>
          <label for="s-retireOn">退職日(月-日)</label>
          <input id="s-retireOn" name="retireOn" type="text" value={v.retireOn} placeholder="03-31" />
          <span class="hint">定年に達した日以後の最初のこの日に退職します(通常は 03-31)。</span>
        </div>
        <div>
          <label for="s-source">根拠(条例名など)</label>
          <input id="s-source" name="source" type="text" value={v.source} placeholder="例: 千歳市職員の定年等に関する条例" />
        </div>
        <div>
          <button type="submit">定年の定めを保存</button>
        </div>
      </form>
    </section>
  );
}
