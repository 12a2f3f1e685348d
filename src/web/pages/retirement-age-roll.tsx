/** 年齢構成の年度更新: a unit's age profile rolled into the next year — the form, then a preview before saving. */
import { formatFiscalYear } from "../../domain/era.js";
import type { CohortCount } from "../../domain/projection.js";
import { cohortLabel } from "../../domain/retirement.js";
import type { AgeRollPreview } from "../../services/age-profile-roll.js";
import type { SessionContext } from "../../services/auth.js";
import { Layout } from "../layout.js";
import { fmt, ProblemList, type RowProblemView, StaffingNav } from "./staffing-common.js";

/** Rows for hires in the form. */
export const HIRE_ROWS = 5;

export interface AgeRollPageProps {
  session: SessionContext;
  csrfToken: string;
  unit: { id: number; name: string };
  baseYear: number;
  /** The unit's profile of the base year. */
  profile: CohortCount[];
  /** Cohort/category → fiscal year of 定年 (to mark who retires in the base year). */
  retiresIn: ReadonlyMap<string, number>;
  categories: { code: string; label: string }[];
  /** The fields as posted (l.<cohort>.<category>, h.<i>.age|category|count). */
  entered: Record<string, string>;
  problems?: RowProblemView[];
  preview?: AgeRollPreview;
}

/** GET/POST /staffing/age-profile/roll */
export function AgeRollPage(props: AgeRollPageProps) {
  const { baseYear, unit } = props;
  const nextYear = baseYear + 1;
  const title = `${unit.name} 年齢構成を${formatFiscalYear(nextYear)}へ繰り越す`;
  const labelOf = (code: string) => props.categories.find((c) => c.code === code)?.label ?? code;
  const value = (name: string) => props.entered[name] ?? "";
  const preview = props.preview;
  return (
    <Layout title={title} session={props.session} csrfToken={props.csrfToken} current="/staffing">
      <h1>{title}</h1>
      <StaffingNav current="/staffing/age-profile" />
      <p class="lead">
        {formatFiscalYear(baseYear)}4月1日現在の年齢構成から、{formatFiscalYear(nextYear)}4月1日現在の年齢構成を作ります。全員が1歳年をとり、
        {formatFiscalYear(baseYear)}に定年を迎える人と、下に入力する退職者(定年以外)が抜け、{formatFiscalYear(nextYear)}4月1日の採用者が加わります。
        「確認する」では保存されません。
      </p>
      <ProblemList title="入力内容を確認してください。保存されていません。" problems={props.problems ?? []} />
      <form method="post" action="/staffing/age-profile/roll">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="unit" value={String(unit.id)} />
        <input type="hidden" name="year" value={String(baseYear)} />
        <h2>{formatFiscalYear(baseYear)}中の退職者(定年以外)</h2>
        <div class="table-scroll" role="region" aria-label="退職者" tabindex={0}>
          <table class="data grid age-grid" id="roll-leavers">
            <thead>
              <tr>
                <th scope="col">生まれ年度</th>
                <th scope="col">職種</th>
                <th scope="col">{formatFiscalYear(baseYear)}の人数</th>
                <th scope="col">定年退職</th>
                <th scope="col">退職者(定年以外)</th>
              </tr>
            </thead>
            <tbody>
              {props.profile.map((c) => {
                const name = `l.${c.cohort}.${c.category}`;
                const retires = (props.retiresIn.get(`${c.cohort}/${c.category}`) ?? Infinity) <= baseYear;
                return (
                  <tr data-cohort={c.cohort} data-category={c.category}>
                    <th scope="row">
                      {cohortLabel(c.cohort)}({baseYear - c.cohort}歳)
                    </th>
                    <td>{labelOf(c.category)}</td>
                    <td class="num">{fmt(c.count)}</td>
                    <td>{retires ? "定年退職(全員)" : ""}</td>
                    <td>
                      {retires ? null : (
                        <input class="count" type="text" inputmode="numeric" name={name} id={name} value={value(name)} aria-label={`${cohortLabel(c.cohort)} ${labelOf(c.category)} 退職者`} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <h2>{formatFiscalYear(nextYear)}4月1日の採用者</h2>
        <table class="data grid" id="roll-hires">
          <thead>
            <tr>
              <th scope="col">採用時の年齢({formatFiscalYear(nextYear)}中に達する年齢)</th>
              <th scope="col">職種</th>
              <th scope="col">人数</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: HIRE_ROWS }, (_, i) => (
              <tr>
                <td>
                  <input class="count" type="text" inputmode="numeric" name={`h.${i}.age`} value={value(`h.${i}.age`)} aria-label={`採用者${i + 1} 年齢`} />
                </td>
                <td>
                  <select name={`h.${i}.category`} aria-label={`採用者${i + 1} 職種`}>
                    {props.categories.map((c) => (
                      <option value={c.code} selected={(props.entered[`h.${i}.category`] ?? "general") === c.code}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input class="count" type="text" inputmode="numeric" name={`h.${i}.count`} value={value(`h.${i}.count`)} aria-label={`採用者${i + 1} 人数`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {preview ? <RollPreview preview={preview} labelOf={labelOf} /> : null}
        <p class="actions">
          <button type="submit" name="action" value="preview" class={preview ? "secondary" : undefined}>
            確認する(保存しません)
          </button>{" "}
          {preview ? (
            <>
              {preview.existingNext > 0 ? (
                <label>
                  <input type="checkbox" name="replace" value="1" /> {formatFiscalYear(nextYear)}の年齢構成({fmt(preview.existingNext)}人)を置き換える
                </label>
              ) : null}{" "}
              <button type="submit" name="action" value="apply">
                {formatFiscalYear(nextYear)}の年齢構成として保存
              </button>
            </>
          ) : null}{" "}
          <a href={`/staffing/age-profile?unit=${unit.id}&year=${baseYear}`}>年齢構成へ戻る</a>
        </p>
      </form>
    </Layout>
  );
}

function RollPreview(props: { preview: AgeRollPreview; labelOf: (code: string) => string }) {
  const { roll } = props.preview;
  return (
    <section aria-labelledby="roll-preview-title">
      <h2 id="roll-preview-title">{formatFiscalYear(roll.nextYear)}の年齢構成(確認用・まだ保存されていません)</h2>
      {props.preview.existingNext > 0 ? (
        <p class="alert warning" role="status">
          {formatFiscalYear(roll.nextYear)}の年齢構成({fmt(props.preview.existingNext)}人)がすでにあります。保存すると置き換えます。
        </p>
      ) : null}
      <div class="table-scroll" role="region" aria-label="繰り越し後の年齢構成" tabindex={0}>
        <table class="data" id="roll-preview">
          <thead>
            <tr>
              <th scope="col">生まれ年度</th>
              <th scope="col">職種</th>
              <th scope="col">{formatFiscalYear(roll.nextYear)}の年齢</th>
              <th scope="col">繰り越し前</th>
              <th scope="col">定年退職</th>
              <th scope="col">その他の退職</th>
              <th scope="col">採用</th>
              <th scope="col">繰り越し後</th>
            </tr>
          </thead>
          <tbody>
            {roll.rows.map((r) => (
              <tr data-cohort={r.cohort} data-category={r.category}>
                <th scope="row">{cohortLabel(r.cohort)}</th>
                <td>{props.labelOf(r.category)}</td>
                <td class="num">{r.ageNext}歳</td>
                <td class="num" data-col="before">{fmt(r.before)}</td>
                <td class="num" data-col="retirees">{r.retirees ? fmt(-r.retirees) : ""}</td>
                <td class="num" data-col="leavers">{r.leavers ? fmt(-r.leavers) : ""}</td>
                <td class="num" data-col="hires">{r.hires ? `+${fmt(r.hires)}` : ""}</td>
                <td class="num" data-col="after">{fmt(r.after)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr class="total">
              <th scope="row" colspan={3}>
                合計
              </th>
              <td class="num" data-col="before" data-row="total">{fmt(roll.totals.before)}</td>
              <td class="num" data-col="retirees" data-row="total">{fmt(-roll.totals.retirees)}</td>
              <td class="num" data-col="leavers" data-row="total">{fmt(-roll.totals.leavers)}</td>
              <td class="num" data-col="hires" data-row="total">+{fmt(roll.totals.hires)}</td>
              <td class="num" data-col="after" data-row="total">{fmt(roll.totals.after)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
