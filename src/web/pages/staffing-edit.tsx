import { entryTotals, type EntryTotals } from "../../domain/entry-totals.js";
import { formatFiscalYear, formatFiscalYearShort, formatDateBoth } from "../../domain/era.js";
import { CATEGORY_KEYS, HEADCOUNT_CATEGORIES, type HeadcountCategory, type HeadcountCounts } from "../../domain/headcount.js";
import { COMPLIANCE_LABELS } from "../../domain/quota.js";
import { parseTypedCount } from "../../domain/typed-count.js";
import { canWriteSomeUnit, canWriteUnit } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import type { HeadcountGrid } from "../../services/staffing-views.js";
import { Layout } from "../layout.js";
import { fmt, percent, ProblemList, type RowProblemView, signed, StaffingNav } from "./staffing-common.js";

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
  /** A notice above the form (e.g. that last year's figures were copied and are not saved yet). */
  notice?: string;
}

/**
 * The figures the form holds, per unit, as the totals are computed on them: what is typed (or stored) in each
 * input, and a derived 部's stored own figure. Unreadable cells are left out (the save refuses them anyway).
 */
export function formCounts(grid: HeadcountGrid, valueOf: (unitId: number, key: HeadcountCategory, stored: number | undefined) => string): Record<number, HeadcountCounts> {
  const counts: Record<number, HeadcountCounts> = {};
  for (const row of grid.rows) {
    const own: HeadcountCounts = {};
    for (const key of CATEGORY_KEYS) {
      if (key === "staff" && row.derived) {
        if (row.stored.staff !== undefined) own.staff = row.stored.staff;
        continue;
      }
      const read = parseTypedCount(valueOf(row.unit.id, key, row.stored[key]), key);
      if (read.ok && read.value !== null) own[key] = read.value;
    }
    counts[row.unit.id] = own;
  }
  return counts;
}

/** The difference shown beside a parent's 職員数: when partly entered, or when its own figure disagrees with its children. */
function differenceText(t: EntryTotals["units"][number] | undefined): string {
  if (!t || t.difference === null || (t.source === "children" && t.difference === 0)) return "";
  return `下位組織の合計との差 ${signed(t.difference)}`;
}

/** 一般職(合計), 一般職(定数合計) and the cap check of the figures in the form; the script keeps it current as the clerk types. */
function EntryTotalsPanel(props: { grid: HeadcountGrid; totals: EntryTotals }) {
  const { grid, totals } = props;
  return (
    <section id="entry-totals" class="entry-totals" aria-labelledby="entry-totals-title" aria-live="polite" data-status={totals.status ?? ""}>
      <h2 id="entry-totals-title">入力中の合計と上限の確認</h2>
      <dl class="facts">
        <dt>一般職(合計)</dt>
        <dd data-total="general">{fmt(totals.generalTotal)}</dd>
        <dt>一般職(定数合計)</dt>
        <dd data-total="quota">{totals.quotaTotal === null ? "(休職・休業または育児休業代替の入力後に計算)" : fmt(totals.quotaTotal)}</dd>
        <dt>条例定数</dt>
        <dd data-total="quota-sum">{fmt(totals.quotaSum)}</dd>
        <dt>上限(条例定数 × (1 + 許容率 {percent(grid.allowancePercent)}))</dt>
        <dd data-total="cap">{fmt(totals.cap)}</dd>
        <dt>判定</dt>
        <dd data-total="status">{totals.status === null ? "" : COMPLIANCE_LABELS[totals.status]}</dd>
        <dt>上限との差</dt>
        <dd data-total="over-cap">{totals.quotaTotal === null ? "" : signed(totals.quotaTotal - totals.cap)}</dd>
      </dl>
      <p class="hint" data-total="unreadable"></p>
      <p class="hint">
        入力しながら合計が更新されます。更新されない場合は「合計を再計算(保存しない)」を押してください。
      </p>
    </section>
  );
}

/** GET /staffing/headcounts/:year/edit — one row per unit existing that year, one column per category. */
export function HeadcountEditPage(props: HeadcountEditPageProps) {
  const { grid, session } = props;
  const actor = session.actor;
  const year = grid.fiscalYear;
  const editable = canWriteSomeUnit(actor);
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
  const totals = entryTotals(grid.entryModel, formCounts(grid, valueOf));
  const entryUnits = new Map(grid.entryModel.units.map((u) => [u.id, u]));
  const previousYear = grid.previousYear;
  const previousLabel = previousYear === null ? "" : formatFiscalYearShort(previousYear);
  return (
    <Layout title={title} session={session} csrfToken={props.csrfToken} current="/staffing">
      <h1>{title}</h1>
      <StaffingNav current="" />
      {props.notice ? (
        <p class="alert success" role="status">
          {props.notice}
        </p>
      ) : null}
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
      {editable && previousYear !== null ? (
        <form method="get" action={`/staffing/headcounts/${year}/edit`} class="copy-previous">
          <input type="hidden" name="copy" value={String(previousYear)} />
          <button type="submit" class="secondary">
            前年度の値を写す({formatFiscalYear(previousYear)}の値を空欄に入れます。保存するまで記録されません)
          </button>
        </form>
      ) : null}
      <form method="post" action={`/staffing/headcounts/${year}`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div class="table-scroll" role="region" aria-label={title} tabindex={0}>
          <table
            class="data grid"
            id="headcount-grid"
            data-fiscal-year={String(year)}
            data-quota-sum={String(grid.entryModel.quotaSum)}
            data-cap={String(grid.entryModel.cap)}
          >
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
                  <tr
                    class={`d${row.depth}${invalid ? " has-error" : ""}${writable ? "" : " readonly"}`}
                    data-unit={row.unit.name}
                    data-unit-id={row.unit.id}
                    data-parent-id={row.unit.parentId === null ? undefined : String(row.unit.parentId)}
                    data-top-general={entryUnits.get(row.unit.id)?.topGeneral ? "1" : "0"}
                    data-own-staff={row.derived && row.stored.staff !== undefined ? String(row.stored.staff) : undefined}
                  >
                    <th scope="row" class={`d${row.depth}`}>
                      {row.unit.name}
                      {writable ? null : <span class="visually-hidden">(変更できません)</span>}
                    </th>
                    {EDIT_COLUMNS.map((col) => {
                      if (col.key === "staff" && row.derived) {
                        return (
                          <td class="num derived" data-col="staff">
                            <span data-derived-total={String(row.unit.id)}>{fmt(totals.units[row.unit.id]?.staff ?? null)}</span>
                            <br />
                            <small>下位組織の合計</small>
                            {previousYear !== null ? (
                              <small class="previous">
                                <br />
                                {previousLabel}: {row.previous.shownStaff === null ? "記録なし" : fmt(row.previous.shownStaff)}
                              </small>
                            ) : null}
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
                          {previousYear !== null ? (
                            <small class="previous" data-previous-for={name}>
                              {previousLabel}: {row.previous.stored[col.key] === undefined ? "記録なし" : fmt(row.previous.stored[col.key])}
                            </small>
                          ) : null}
                          {col.key === "staff" ? (
                            <small class="difference" data-difference-for={String(row.unit.id)}>
                              {differenceText(totals.units[row.unit.id])}
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
        <EntryTotalsPanel grid={grid} totals={totals} />
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
                ? `${formatDateBoth(grid.referenceDate)}現在${grid.referenceNote ? `(${grid.referenceNote})` : ""}`
                : `${formatDateBoth(grid.usualReferenceDate)}現在`}
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
            <button type="submit" name="recalc" value="1" class="secondary">
              合計を再計算(保存しない)
            </button>{" "}
            <a href="/staffing/headcounts">保存せずに図表4へ戻る</a>
          </p>
        ) : (
          <p class="actions">
            <a href="/staffing/headcounts">図表4へ戻る</a>
          </p>
        )}
      </form>
      <script src="/assets/headcount-entry.js" defer></script>
    </Layout>
  );
}
