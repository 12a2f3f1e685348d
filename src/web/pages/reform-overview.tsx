import type { UnitChoice } from "../../services/organisation.js";
import { ACHIEVEMENT_CATEGORIES, PROGRESS_CATEGORIES, type StatusSummary } from "../../domain/reform-status.js";
import { formatEraYear, formatFiscalYear, formatDateBoth } from "../../domain/era.js";
import { DECISIONS } from "../../domain/reform.js";
import { canAdminister } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import type { EditionOverview, EditionRef } from "../../services/reform-views.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { PlanYearHead, ReformNav, StageTag, StateBadge } from "./reform-common.js";

function change(count: number, previous: number | null): string {
  if (previous === null) return "—";
  const d = count - previous;
  return d > 0 ? `+${d}` : d === 0 ? "±0" : String(d);
}

export interface OverviewForms {
  /** Which admin form a refused input belongs to, its message and what was typed. */
  form: "next" | "item" | "round" | "evaluations" | "edition";
  message: string;
  entered: Record<string, string>;
}

export function UnitCheckboxes(props: { units: UnitChoice[]; checked: readonly number[]; name?: string }) {
  const name = props.name ?? "unit";
  return (
    <fieldset class="units">
      <legend>担当課(組織)</legend>
      <p class="hint">チェックした組織の編集者が、この項目の更新依頼を担当します。</p>
      <ul class="unit-checks">
        {props.units.map((u) => (
          <li>
            <input type="checkbox" id={`${name}-${u.id}`} name={name} value={String(u.id)} checked={props.checked.includes(u.id)} />
            <label for={`${name}-${u.id}`}>{u.name}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function ReformOverviewPage(props: {
  session: SessionContext;
  csrfToken: string;
  overview: EditionOverview;
  notice?: string | undefined;
  error?: OverviewForms | undefined;
}) {
  const { overview: o, session } = props;
  const admin = canAdminister(session.actor);
  const year = o.edition.fiscalYear;
  const title = `業務改革の重点推進項目 ${formatFiscalYear(year)}`;
  const entered = (form: OverviewForms["form"], name: string, fallback = "") => (props.error?.form === form ? (props.error.entered[name] ?? fallback) : fallback);
  const formError = (form: OverviewForms["form"]) => (props.error?.form === form ? <Alerts error={props.error.message} /> : null);
  return (
    <Layout title={title} session={session} csrfToken={props.csrfToken} current="/reform">
      <h1>{title}</h1>
      <ReformNav current="/reform" actor={session.actor} />
      <Alerts notice={props.notice} />
      <EditionList editions={o.editions} current={year} />
      <p class="lead">
        {o.edition.title}。行政改革推進本部が選定した重点推進項目 {o.items.length}件の、年度ごとの取組計画と実績です。
        「同左」は左の列と同じ内容を表します。
      </p>
      {o.openRounds.length > 0 ? (
        <p class="alert warning" role="status">
          受付中の更新依頼:{" "}
          {o.openRounds.map((r) => `${r.title}(提出期限 ${formatDateBoth(r.dueDate)})`).join("、")} — <a href="/reform/updates">担当の更新依頼を見る</a>
        </p>
      ) : null}
      <div class="table-scroll" role="region" aria-label="重点推進項目の一覧" tabindex={0}>
        <table class="data reform-overview" id="reform-items">
          <caption>{formatFiscalYear(year)} 重点推進項目と取組計画</caption>
          <thead>
            <tr>
              <th scope="col">番号</th>
              <th scope="col">事業名</th>
              <th scope="col">区分</th>
              <th scope="col">担当課</th>
              {o.years.map((fy, i) => (
                <th scope="col" class="stage-col">
                  <PlanYearHead year={fy} last={i === o.years.length - 1} />
                </th>
              ))}
              <th scope="col">直近の取組実績</th>
              <th scope="col" class="verification">
                検証
                <br />
                <small>({formatEraYear(year)})</small>
              </th>
            </tr>
          </thead>
          <tbody>
            {o.items.map(({ item, lastResult, verification }) => (
              <tr data-item={item.number}>
                <td class="num">({item.number})</td>
                <th scope="row">
                  <a href={`/reform/items/${item.id}`}>{item.name}</a>
                </th>
                <td>
                  <StateBadge state={item.state} />
                </td>
                <td class="units">{item.unitLabels.join("、")}</td>
                {o.years.map((fy) => {
                  const cell = item.plans[fy];
                  return (
                    <td data-year={fy} class="stage-col">
                      {cell?.stage ? <StageTag stage={cell.stage} /> : null}
                      {cell?.sameAsLeft ? <span class="same">同左</span> : null}
                      {cell && !cell.stage && !cell.sameAsLeft && cell.lines.length > 0 ? <small class="no-stage">(段階の記載なし)</small> : null}
                    </td>
                  );
                })}
                <td class="last-result">
                  {lastResult ? (
                    <>
                      <span class="year">{formatEraYear(lastResult.fiscalYear)}</span> <StageTag stage={lastResult.cell.stage} />
                      <br />
                      <small>{lastResult.cell.lines.filter((l) => !l.startsWith("【")).slice(0, 1).join("")}</small>
                    </>
                  ) : (
                    <small>まだありません</small>
                  )}
                </td>
                <td>{verification ? `${verification.evaluation} / ${verification.decision}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="actions">
        書き出し: <a href={`/reform/editions/${year}.xlsx`}>項目シート (Excel)</a> ・ <a href={`/reform/editions/${year}.csv`}>一覧 (CSV UTF-8)</a> ・{" "}
        <a href={`/reform/editions/${year}.csv?encoding=shift_jis`}>一覧 (CSV Shift_JIS)</a> ・ <a href={`/reform/editions/${year}.json`}>JSON</a>
      </p>

      <h2>集計</h2>
      <StatusTables status={o.status} />
      <div class="summary-tables">
        <table class="data summary">
          <caption>{formatEraYear(year)}の取組計画の段階別 件数</caption>
          <thead>
            <tr>
              <th scope="col">段階</th>
              <th scope="col">件数</th>
              <th scope="col">前年度の版</th>
              <th scope="col">増減</th>
            </tr>
          </thead>
          <tbody>
            {o.summary.byStage.map((r) => (
              <tr data-stage={r.stage}>
                <th scope="row">{r.stage === "(なし)" ? "(段階なし)" : `<${r.stage}>`}</th>
                <td class="num">{r.count}</td>
                <td class="num">{r.previous ?? "—"}</td>
                <td class="num">{change(r.count, r.previous)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table class="data summary">
          <caption>推進本部の評価別 件数({formatEraYear(year - 1)}の検証)</caption>
          <thead>
            <tr>
              <th scope="col">評価</th>
              <th scope="col">件数</th>
              <th scope="col">前年度</th>
              <th scope="col">増減</th>
            </tr>
          </thead>
          <tbody>
            {o.summary.byEvaluation.map((r) => (
              <tr data-evaluation={r.evaluation}>
                <th scope="row">{r.evaluation}</th>
                <td class="num">{r.count}</td>
                <td class="num">{r.previous ?? "—"}</td>
                <td class="num">{change(r.count, r.previous)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table class="data summary">
          <caption>区分別 件数</caption>
          <thead>
            <tr>
              <th scope="col">区分</th>
              <th scope="col">件数</th>
            </tr>
          </thead>
          <tbody>
            {o.summary.byState.map((r) => (
              <tr data-state={r.state}>
                <th scope="row">{r.state}</th>
                <td class="num">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {admin ? (
        <section class="admin-forms" aria-labelledby="admin-forms">
          <h2 id="admin-forms">行政管理課の操作</h2>
          <form class="inline" method="post" action="/reform/rounds" id="round">
            {formError("round")}
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="editionYear" value={String(year)} />
            <div>
              <label for="round-year">実績の年度</label>
              <input id="round-year" name="fiscalYear" type="text" value={entered("round", "fiscalYear", String(year))} />
            </div>
            <div>
              <label for="round-due">提出期限</label>
              <input id="round-due" name="dueDate" type="date" value={entered("round", "dueDate")} required />
            </div>
            <div>
              <label for="round-title">件名(省略可)</label>
              <input id="round-title" name="title" type="text" value={entered("round", "title")} />
            </div>
            <div>
              <button type="submit">更新依頼を出す</button>
            </div>
          </form>

          <form class="inline" method="post" action={`/reform/editions/${year}/items`} id="item">
            {formError("item")}
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <div>
              <label for="item-name">新規項目の事業名</label>
              <input id="item-name" name="name" type="text" value={entered("item", "name")} required />
            </div>
            <div>
              <label for="item-labels">担当課の表記(「、」区切り)</label>
              <input id="item-labels" name="unitLabels" type="text" value={entered("item", "unitLabels")} placeholder="例: 行政管理課、関係課" />
            </div>
            <div>
              <button type="submit">新規項目を追加</button>
            </div>
            <p class="hint">担当課の表記が組織名と一致すると、その組織の編集者が担当になります。追加後の画面で内容と担当課を編集できます。</p>
          </form>

          {o.nextExists ? (
            <p>
              {formatFiscalYear(year + 1)}の版は作成済みです: <a href={`/reform?year=${year + 1}`}>{formatFiscalYear(year + 1)}を見る</a>
            </p>
          ) : (
            <form class="inline" method="get" action={`/reform/editions/${year}/next`} id="next">
              {formError("next")}
              <p>
                {formatFiscalYear(year + 1)}の版を作成します。完了の項目と、推進本部が「完了」と判断した項目を除き、すべて「継続」として引き継ぎます。
                この版({formatEraYear(year)})はそのまま残ります。次の画面で、引き継ぐ項目・外れる項目・追加される列を確認してから作成します。
              </p>
              <div>
                <button type="submit">{formatEraYear(year + 1)}の版の作成内容を確認</button>
              </div>
            </form>
          )}

          <form class="inline" method="post" action="/reform/evaluations" id="evaluations">
            {formError("evaluations")}
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="year" value={String(year)} />
            <div class="wide">
              <label for="evaluations-text">推進本部の評価の区分(1行に1つ)</label>
              <textarea id="evaluations-text" name="evaluations" rows={4}>
                {entered("evaluations", "evaluations", o.evaluations.join("\n"))}
              </textarea>
              <p class="hint">次年度の方針は {DECISIONS.join("・")} から選びます。</p>
            </div>
            <div>
              <button type="submit">評価の区分を保存</button>
            </div>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

export function EditionList(props: { editions: EditionRef[]; current: number | null; path?: string }) {
  if (props.editions.length === 0) return null;
  return (
    <nav class="editions" aria-label="基本方針の版">
      版:{" "}
      {props.editions.map((e) => (
        <a href={`${props.path ?? "/reform"}?year=${e.fiscalYear}`} aria-current={e.fiscalYear === props.current ? "page" : undefined}>
          {formatEraYear(e.fiscalYear)}
        </a>
      ))}
    </nav>
  );
}

/** No edition yet: the admin creates the first one. */
export function NoEditionPage(props: { session: SessionContext; csrfToken: string; error?: string | undefined; year: number }) {
  const admin = canAdminister(props.session.actor);
  return (
    <Layout title="業務改革の重点推進項目" session={props.session} csrfToken={props.csrfToken} current="/reform">
      <h1>業務改革の重点推進項目</h1>
      <ReformNav current="/reform" actor={props.session.actor} />
      <p class="lead">基本方針の版がまだありません。{admin ? "最初の版を作成してください。" : "行政管理課が版を作成すると、ここに重点推進項目が表示されます。"}</p>
      {admin ? (
        <form class="inline" method="post" action="/reform/editions">
          <Alerts error={props.error} />
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <div>
            <label for="edition-year">年度(例: 令和7年度、R7、2025)</label>
            <input id="edition-year" name="fiscalYear" type="text" value={String(props.year)} required />
          </div>
          <div>
            <button type="submit">版を作成</button>
          </div>
        </form>
      ) : null}
    </Layout>
  );
}

/** 取組状況: 着手状況 and 達成度 with the change from the previous year, and the two crossed (issue 13 point 4b). */
function StatusTables(props: { status: StatusSummary }) {
  const s = props.status;
  const signed = (n: number | null) => (n === null ? "—" : n > 0 ? `+${n}` : n < 0 ? `▲${-n}` : "±0");
  const achievements = [...ACHIEVEMENT_CATEGORIES, "未評価"] as const;
  return (
    <section aria-labelledby="status-heading" id="status">
      <h3 id="status-heading">
        取組状況({formatEraYear(s.fiscalYear)}、計画期間の全{s.total}項目。完了した項目を含む)
      </h3>
      <div class="summary-tables">
        {(
          [
            ["着手状況", "progress", s.byProgress],
            ["達成度", "achievement", s.byAchievement],
          ] as const
        ).map(([caption, key, rows]) => (
          <table class="data summary" id={`status-${key}`}>
            <caption>{caption}別 件数</caption>
            <thead>
              <tr>
                <th scope="col">{caption}</th>
                <th scope="col">件数</th>
                <th scope="col">前年度</th>
                <th scope="col">増減</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-category={r.category}>
                  <th scope="row">{r.category}</th>
                  <td class="num">{r.count}</td>
                  <td class="num">{r.previous ?? "—"}</td>
                  <td class="num">{signed(r.change)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <table class="data summary" id="status-matrix">
          <caption>着手状況 × 達成度</caption>
          <thead>
            <tr>
              <th scope="col">着手状況</th>
              {achievements.map((a) => (
                <th scope="col">{a}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PROGRESS_CATEGORIES.map((p) => (
              <tr data-progress={p}>
                <th scope="row">{p}</th>
                {achievements.map((a) => (
                  <td class="num" data-achievement={a}>
                    {s.matrix[p][a]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
