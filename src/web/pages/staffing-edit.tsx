import { formatFiscalYear, formatWarekiDate } from "../../domain/era.js";
import { HEADCOUNT_CATEGORIES, type HeadcountCategory } from "../../domain/headcount.js";
import { type Actor, canWriteUnit } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import type { HeadcountGrid } from "../../services/staffing-views.js";
import { Layout } from "../layout.js";
import { fmt, ProblemList, type RowProblemView, signed, StaffingNav } from "./staffing-common.js";

/** The grid's columns, in the order of 図表4's categories, with the short headers the grid prints. */
export const EDIT_COLUMNS: readonly { key: HeadcountCategory; label: string }[] = [
  { key: "staff", label: "職員数" },
  { key: "seconded", label: "派遣職員" },
  { key: "fixedTerm", label: "特定任期付・再任用" },
  { key: "onLeave", label: "休職・休業" },
  { key: "childcareSubstitutes", label: "育児休業代替任期付" },
];

/** Name of the form field of one unit's category: c.<unitId>.<category>. */
export function countField(unitId: number, key: HeadcountCategory): string {
  return `c.${unitId}.${key}`;
}

/** The hidden field carrying a cell's value as the form was read (blank = not recorded), so a save changes only what the user changed and refuses a cell someone else changed meanwhile. */
export function readField(unitId: number, key: HeadcountCategory): string {
  return `o.${unitId}.${key}`;
}

/** May this actor enter figures at all (an editor only for the units it is bound to)? */
export function canEditHeadcounts(actor: Actor): boolean {
  return actor.role === "admin" || (actor.role === "editor" && actor.unitIds.length > 0);
}

export interface HeadcountEditPageProps {
  session: SessionContext;
  csrfToken: string;
  grid: HeadcountGrid;
  /** Values as posted, when a refused form is shown again. */
  entered?: Record<string, string>;
  problems?: RowProblemView[];
  /** Plausibility warnings (large year-on-year changes) to confirm before saving. */
  warnings?: RowProblemView[];
  /** The reference date fields as posted. */
  referenceDate?: string;
  referenceNote?: string;
}

/** GET /staffing/headcounts/:year/edit — one row per unit existing that year, one column per category. */
export function HeadcountEditPage(props: HeadcountEditPageProps) {
  const { grid, session } = props;
  const actor = session.actor;
  const year = grid.fiscalYear;
  const editable = canEditHeadcounts(actor);
  const isAdmin = actor.role === "admin";
  // A problem with a field marks that input; one about a whole row (from the service) marks every input of the row.
  const badFields = new Set((props.problems ?? []).flatMap((p) => (p.field ? [p.field] : [])));
  const badRows = new Set((props.problems ?? []).flatMap((p) => (p.field === undefined && p.unitId !== undefined ? [p.unitId] : [])));
  const valueOf = (unitId: number, key: HeadcountCategory, stored: number | undefined) =>
    props.entered?.[countField(unitId, key)] ?? (stored === undefined ? "" : String(stored));
  // After a refused save the cells keep the version first read (a conflict shows the stored one instead: see the route).
  const readOf = (unitId: number, key: HeadcountCategory, stored: number | undefined) =>
    props.entered?.[readField(unitId, key)] ?? (stored === undefined ? "" : String(stored));
  const title = `${formatFiscalYear(year)}の職員数`;
  return (
    <Layout title={title} session={session} csrfToken={props.csrfToken} current="/staffing">
      <h1>{title}</h1>
      <StaffingNav current="" />
      <ProblemList title="入力内容を確認してください。保存されていません。" problems={props.problems ?? []} />
      {props.warnings && props.warnings.length > 0 ? (
        <div class="alert warning confirm-warnings" role="alert">
          <p>
            <strong>前年度から大きく変わった値があります。まだ保存されていません。</strong>
            誤りでなければ、下の「確認のうえ保存」を押してください。
          </p>
          <ul>
            {props.warnings.map((w) => (
              <li>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p class="lead">
        各年4月1日現在(市長選を控えた年は、市長選後の人事異動発令日)の人数を入力します。空欄は「記録なし」で、0 とは区別されます。
        {editable ? null : " この画面は閲覧のみです(入力できるのは管理者と、担当の組織を持つ編集者です)。"}
        {actor.role === "editor" ? " 担当外の組織の行は変更できません。" : null}
      </p>
      {grid.gaps.length > 0 ? (
        <div class="alert warning roll-up-gaps" role="status">
          <p>
            <strong>下位組織の合計と一致しない組織があります</strong>(下位組織がすべて入力されるまでは、組織自身の職員数を使います)
          </p>
          <ul>
            {grid.gaps.map((g) => (
              <li>{g}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <details class="legend">
        <summary>各欄の意味</summary>
        <dl>
          {HEADCOUNT_CATEGORIES.map((c) => (
            <>
              <dt>{c.label}</dt>
              <dd>{c.note}</dd>
            </>
          ))}
        </dl>
      </details>
      <form method="post" action={`/staffing/headcounts/${year}`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div class="table-scroll" role="region" aria-label={title} tabindex={0}>
          <table class="data grid" id="headcount-grid">
            <caption>{title}(組織別)</caption>
            <thead>
              <tr>
                <th scope="col">組織</th>
                {EDIT_COLUMNS.map((col) => (
                  <th scope="col" data-col={col.key}>
                    {col.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((row) => {
                const writable = editable && canWriteUnit(actor, row.unit.id);
                const invalid = badRows.has(row.unit.id) || EDIT_COLUMNS.some((col) => badFields.has(countField(row.unit.id, col.key)));
                return (
                  <tr class={`d${row.depth}${invalid ? " has-error" : ""}${writable ? "" : " readonly"}`} data-unit={row.unit.name} data-unit-id={row.unit.id}>
                    <th scope="row" class={`d${row.depth}`}>
                      {row.unit.name}
                      {writable ? null : <span class="visually-hidden">(変更できません)</span>}
                    </th>
                    {EDIT_COLUMNS.map((col) => {
                      if (col.key === "staff" && row.derived) {
                        return (
                          <td class="num derived" data-col="staff">
                            {fmt(row.shownStaff)}
                            <br />
                            <small>下位組織の合計</small>
                            {row.difference ? (
                              <small class="difference" data-difference={row.difference}>
                                <br />
                                登録済みの値との差 {signed(row.difference)}
                              </small>
                            ) : null}
                          </td>
                        );
                      }
                      const name = countField(row.unit.id, col.key);
                      return (
                        <td data-col={col.key}>
                          <input
                            class="count"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            name={name}
                            id={name}
                            value={valueOf(row.unit.id, col.key, row.stored[col.key])}
                            aria-label={`${row.unit.name} ${col.label}`}
                            aria-invalid={badRows.has(row.unit.id) || badFields.has(name) ? "true" : undefined}
                            disabled={!writable}
                          />
                          {writable ? <input type="hidden" name={readField(row.unit.id, col.key)} value={readOf(row.unit.id, col.key, row.stored[col.key])} /> : null}
                          {col.key === "staff" && row.difference !== null ? (
                            <small class="difference" data-difference={row.difference}>
                              下位組織の合計との差 {signed(row.difference)}
                            </small>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <fieldset class="reference">
          <legend>基準日</legend>
          {isAdmin ? (
            <div class="row">
              <div>
                <label for="referenceDate">基準日(4月1日以外のとき)</label>
                <input id="referenceDate" name="referenceDate" type="date" value={props.referenceDate ?? grid.referenceDate ?? ""} />
              </div>
              <div>
                <label for="referenceNote">理由・備考</label>
                <input id="referenceNote" name="referenceNote" type="text" value={props.referenceNote ?? grid.referenceNote} placeholder="例: 市長選後の人事異動発令日" />
              </div>
            </div>
          ) : (
            <p>
              {grid.referenceDate
                ? `${formatWarekiDate(grid.referenceDate)}現在${grid.referenceNote ? `(${grid.referenceNote})` : ""}`
                : `${formatWarekiDate(grid.usualReferenceDate)}現在`}
            </p>
          )}
        </fieldset>
        {editable ? (
          <p class="actions">
            {props.warnings && props.warnings.length > 0 ? (
              <>
                <button type="submit" name="confirm" value="1">
                  確認のうえ保存
                </button>{" "}
                <button type="submit" class="secondary">
                  もう一度確かめる
                </button>
              </>
            ) : (
              <button type="submit">保存</button>
            )}{" "}
            <a href="/staffing/headcounts">保存せずに図表4へ戻る</a>
          </p>
        ) : (
          <p class="actions">
            <a href="/staffing/headcounts">図表4へ戻る</a>
          </p>
        )}
      </form>
    </Layout>
  );
}
