import { formatEraYear, formatFiscalYear, formatDateBoth } from "../../domain/era.js";
import { planYears, UPDATE_STATUS_LABELS, UPDATE_STATUSES } from "../../domain/reform.js";
import { canAdminister } from "../../domain/roles.js";
import type { SessionContext } from "../../services/auth.js";
import type { UpdateView } from "../../services/reform/rounds.js";
import type { EditionRef, IndicatorView, RoundProgress } from "../../services/reform-views.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { CellView, ConflictPanel, ReformNav, StatusBadge } from "./reform-common.js";

function overdue(due: string, today: string, status: string): boolean {
  return due < today && status !== "submitted" && status !== "approved";
}

/** "My updates": every item of an open round this person reports on (the secretariat and headquarters see all). */
export function MyUpdatesPage(props: { session: SessionContext; csrfToken: string; updates: UpdateView[]; today: string }) {
  const { session, updates } = props;
  const title = "担当の更新依頼";
  const returned = updates.filter((u) => u.status === "returned").length;
  return (
    <Layout title={title} session={session} csrfToken={props.csrfToken} current="/reform">
      <h1>{title}</h1>
      <ReformNav current="/reform/updates" actor={session.actor} />
      <p class="lead">
        行政管理課からの更新依頼のうち、{session.actor.role === "editor" ? "あなたの担当課の" : "すべての"}重点推進項目です。
        取組実績と次年度以降の取組計画を入力し、提出期限までに提出してください。
      </p>
      {returned > 0 ? (
        <p class="alert warning" role="status">
          差戻しが{returned}件あります。コメントを確認して直し、もう一度提出してください。
        </p>
      ) : null}
      {updates.length === 0 ? (
        <p>受付中の更新依頼はありません。</p>
      ) : (
        <div class="table-scroll">
          <table class="data my-updates" id="my-updates">
            <caption>受付中の更新依頼</caption>
            <thead>
              <tr>
                <th scope="col">提出期限</th>
                <th scope="col">更新依頼</th>
                <th scope="col">重点推進項目</th>
                <th scope="col">状態</th>
                <th scope="col">差戻しのコメント</th>
                <th scope="col">最終更新</th>
              </tr>
            </thead>
            <tbody>
              {updates.map((u) => (
                <tr class={u.status === "returned" ? "returned" : undefined} data-item={u.item.number} data-status={u.status}>
                  <td class={overdue(u.round.dueDate, props.today, u.status) ? "over" : undefined}>
                    {formatDateBoth(u.round.dueDate)}
                    {overdue(u.round.dueDate, props.today, u.status) ? <span class="badge ng">期限超過</span> : null}
                  </td>
                  <td>{u.round.title}</td>
                  <th scope="row">
                    <a href={`/reform/rounds/${u.round.id}/items/${u.item.id}`}>
                      ({u.item.number}) {u.item.name}
                    </a>
                  </th>
                  <td>
                    <StatusBadge status={u.status} />
                  </td>
                  <td class="comment">{u.status === "returned" ? <strong>{u.comment}</strong> : u.comment}</td>
                  <td>
                    <small>
                      {u.updatedBy} {formatTimestamp(u.updatedAt)}
                    </small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export interface UpdateFormValues {
  result: string;
  plans: Record<number, string>;
  comment: string;
  /** 成果指標 actuals of the round's year as typed, by indicator id ("" = none). */
  actuals: Record<number, string>;
}

/** The years an update's plan fields cover: the four columns after the round's year. */
export function updatePlanYears(update: UpdateView): number[] {
  return planYears(update.round.fiscalYear + 1);
}

export function UpdateFormPage(props: {
  session: SessionContext;
  csrfToken: string;
  update: UpdateView;
  /** The item's 成果指標: their actuals of the round's year are entered in this form. */
  indicators: readonly IndicatorView[];
  values: UpdateFormValues;
  version: number;
  notice?: string | undefined;
  error?: string | undefined;
  conflict?: { message: string; rows: { label: string; theirs: string; mine: string }[]; theirsCaption: string } | undefined;
}) {
  const { update: u, values, session } = props;
  const fy = u.round.fiscalYear;
  const years = updatePlanYears(u);
  const open = u.round.status === "open";
  const editable = open && u.canEdit && (u.status === "not_started" || u.status === "draft" || u.status === "returned");
  const reviewing = open && canAdminister(session.actor) && u.status === "submitted";
  const currentPlan = fy === u.item.editionYear ? u.item.plans[fy] : u.item.history.find((h) => h.fiscalYear === fy)?.plan;
  const title = `(${u.item.number}) ${u.item.name} — ${formatEraYear(fy)}の取組実績と計画`;
  return (
    <Layout title={title} session={session} csrfToken={props.csrfToken} current="/reform">
      <h1>{title}</h1>
      <ReformNav current="" actor={session.actor} />
      <Alerts notice={props.notice} />
      {props.conflict ? <ConflictPanel message={props.conflict.message} theirsCaption={props.conflict.theirsCaption} rows={props.conflict.rows} /> : null}
      <Alerts error={props.error} />
      <dl class="facts">
        <dt>更新依頼</dt>
        <dd>
          {u.round.title}({open ? "受付中" : "締切済み"})
        </dd>
        <dt>提出期限</dt>
        <dd>{formatDateBoth(u.round.dueDate)}</dd>
        <dt>状態</dt>
        <dd data-status={u.status}>
          <StatusBadge status={u.status} />
        </dd>
        <dt>担当課</dt>
        <dd>{u.item.unitLabels.join("、")}</dd>
        <dt>最終更新</dt>
        <dd>
          {u.updatedBy} {formatTimestamp(u.updatedAt)}
        </dd>
      </dl>
      {u.status === "returned" && u.comment ? (
        <div class="alert warning returned-comment" role="status">
          <p>
            <strong>差戻しの理由:</strong> {u.comment}
          </p>
        </div>
      ) : null}
      {u.status === "approved" ? (
        <p class="alert success" role="status">
          承認済みです{props.notice ? "" : "。この内容は重点推進項目に反映されました"}。内容を変更するには、行政管理課が新しい更新依頼を出す必要があります。
        </p>
      ) : null}
      {!open ? <p class="alert warning">この更新依頼は締め切られています。変更するには新しい更新依頼が必要です。</p> : null}
      {u.status === "submitted" && !reviewing && !props.notice ? <p class="alert success">提出済みです。行政管理課の確認を待っています。</p> : null}
      {!u.canEdit && !reviewing && u.status !== "approved" && open ? <p class="note">この項目の担当ではないため、閲覧のみです。</p> : null}

      <section class="reference">
        <h2>{formatEraYear(fy)}の取組計画(参考)</h2>
        {currentPlan ? <CellView cell={currentPlan} /> : <p>計画は記録されていません。</p>}
        <p>
          <a href={`/reform/items/${u.item.id}`}>項目のシート全体を見る</a>
        </p>
      </section>

      <form method="post" action={`/reform/rounds/${u.round.id}/items/${u.item.id}`} class="update-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="version" value={String(props.version)} />
        <div class="field">
          <label for="result">{formatFiscalYear(fy)}の取組実績</label>
          <p class="hint">1行目に &lt;継続実施&gt; などの段階、続けて1行に1項目で書きます。</p>
          <textarea id="result" name="result" rows={8} readonly={!editable}>
            {values.result}
          </textarea>
        </div>
        <fieldset class="plan-fields">
          <legend>{formatEraYear(fy + 1)}以降の取組計画</legend>
          <p class="hint">左の列と同じときは「同左」とだけ書きます(最初の列には使えません)。</p>
          <div class="plan-grid">
            {years.map((y, i) => (
              <div class="field">
                <label for={`plan.${y}`}>
                  {formatEraYear(y)}
                  {i === years.length - 1 ? "以降" : ""}の取組計画
                </label>
                <textarea id={`plan.${y}`} name={`plan.${y}`} rows={8} readonly={!editable}>
                  {values.plans[y] ?? ""}
                </textarea>
              </div>
            ))}
          </div>
        </fieldset>
        {props.indicators.length > 0 ? <IndicatorActuals indicators={props.indicators} values={values} fiscalYear={fy} editable={editable} /> : null}
        {editable ? (
          <p class="actions">
            <button type="submit" name="action" value="save" class="secondary">
              下書き保存
            </button>{" "}
            <button type="submit" name="action" value="submit">
              提出
            </button>
          </p>
        ) : null}
        {reviewing ? (
          <fieldset class="review">
            <legend>行政管理課の確認</legend>
            <div class="field">
              <label for="comment">差戻しの理由(差戻すときは必ず書いてください)</label>
              <textarea id="comment" name="comment" rows={3}>
                {values.comment}
              </textarea>
            </div>
            <p class="actions">
              <button type="submit" name="action" value="approve">
                承認
              </button>{" "}
              <button type="submit" name="action" value="return" class="secondary">
                差戻し
              </button>
            </p>
          </fieldset>
        ) : null}
      </form>
      <p>
        <a href="/reform/updates">担当の更新依頼の一覧へ戻る</a>
      </p>
    </Layout>
  );
}

/** 更新依頼の管理: every round with its progress per status; the secretariat closes rounds here. */
export function RoundsPage(props: { session: SessionContext; csrfToken: string; rounds: RoundProgress[]; editions: EditionRef[]; notice?: string | undefined; error?: string | undefined; entered?: Record<string, string> }) {
  const { session } = props;
  const admin = canAdminister(session.actor);
  const latest = props.editions[props.editions.length - 1];
  return (
    <Layout title="更新依頼の管理" session={session} csrfToken={props.csrfToken} current="/reform">
      <h1>更新依頼の管理</h1>
      <ReformNav current="/reform/rounds" actor={session.actor} />
      <Alerts notice={props.notice} />
      <Alerts error={props.error} />
      {props.rounds.length === 0 ? <p>更新依頼はまだありません。</p> : null}
      {props.rounds.map((p) => (
        <section class="round" data-round={p.round.id}>
          <h2>
            {p.round.title} {p.round.status === "open" ? <span class="badge info">受付中</span> : <span class="badge">締切済み</span>}
          </h2>
          <p>
            {p.editionYear === null ? "" : `${formatEraYear(p.editionYear)}の版`} ・ 提出期限 {formatDateBoth(p.round.dueDate)} ・ 依頼 {p.round.openedBy}{" "}
            {formatTimestamp(p.round.openedAt)}
            {p.round.closedAt ? ` ・ 締切 ${formatTimestamp(p.round.closedAt)}` : ""}
          </p>
          <table class="data progress">
            <caption>状態別の件数</caption>
            <thead>
              <tr>
                {UPDATE_STATUSES.map((s) => (
                  <th scope="col">{UPDATE_STATUS_LABELS[s]}</th>
                ))}
                <th scope="col">合計</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                {UPDATE_STATUSES.map((s) => (
                  <td class="num" data-status={s}>
                    {p.counts[s]}
                  </td>
                ))}
                <td class="num">{p.items.length}</td>
              </tr>
            </tbody>
          </table>
          <details>
            <summary>項目ごとの状態</summary>
            <ul class="plain">
              {p.items.map((i) => (
                <li>
                  <StatusBadge status={i.status} />{" "}
                  <a href={`/reform/rounds/${p.round.id}/items/${i.itemId}`}>
                    ({i.number}) {i.name}
                  </a>{" "}
                  <small>
                    {i.updatedBy} {formatTimestamp(i.updatedAt)}
                  </small>
                </li>
              ))}
            </ul>
          </details>
          {admin && p.round.status === "open" ? (
            <form method="post" action={`/reform/rounds/${p.round.id}/close`} class="close-round">
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <button type="submit" class="secondary">
                この更新依頼を締め切る
              </button>
            </form>
          ) : null}
        </section>
      ))}
      {admin && latest ? (
        <>
          <h2>新しい更新依頼</h2>
          <form class="inline" method="post" action="/reform/rounds">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="back" value="rounds" />
            <div>
              <label for="edition">版</label>
              <select id="edition" name="editionYear">
                {props.editions.map((e) => (
                  <option value={String(e.fiscalYear)} selected={String(e.fiscalYear) === (props.entered?.["editionYear"] ?? String(latest.fiscalYear))}>
                    {formatEraYear(e.fiscalYear)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="round-year">実績の年度(空欄 = 版の年度)</label>
              <input id="round-year" name="fiscalYear" type="text" value={props.entered?.["fiscalYear"] ?? ""} />
            </div>
            <div>
              <label for="round-due">提出期限</label>
              <input id="round-due" name="dueDate" type="date" value={props.entered?.["dueDate"] ?? ""} required />
            </div>
            <div>
              <label for="round-title">件名(省略可)</label>
              <input id="round-title" name="title" type="text" value={props.entered?.["title"] ?? ""} />
            </div>
            <div>
              <button type="submit">更新依頼を出す</button>
            </div>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

/** The item's 成果指標 (KPI): the round year's actual beside its target and last year's actual. */
function IndicatorActuals(props: { indicators: readonly IndicatorView[]; values: UpdateFormValues; fiscalYear: number; editable: boolean }) {
  const fy = props.fiscalYear;
  const show = (v: number | undefined) => (v === undefined ? "" : v.toLocaleString("ja-JP"));
  return (
    <fieldset class="indicator-actuals">
      <legend>成果指標の{formatFiscalYear(fy)}の実績</legend>
      <p class="hint">下書き保存・提出のときに記録されます。空欄は「実績なし」です。</p>
      <table class="data grid" id="indicator-actuals">
        <thead>
          <tr>
            <th scope="col">指標</th>
            <th scope="col">{formatEraYear(fy)}の目標</th>
            <th scope="col">{formatEraYear(fy - 1)}の実績</th>
            <th scope="col">{formatEraYear(fy)}の実績</th>
          </tr>
        </thead>
        <tbody>
          {props.indicators.map((ind) => (
            <tr data-indicator={ind.id}>
              <th scope="row">{ind.name}</th>
              <td class="num">{show(ind.targets[fy])}{ind.targets[fy] === undefined ? "" : ind.unit}</td>
              <td class="num">{show(ind.actuals[fy - 1])}{ind.actuals[fy - 1] === undefined ? "" : ind.unit}</td>
              <td>
                <input
                  class="count"
                  type="text"
                  inputmode="decimal"
                  name={`kpi.${ind.id}`}
                  id={`kpi.${ind.id}`}
                  value={props.values.actuals[ind.id] ?? ""}
                  aria-label={`${ind.name} ${formatFiscalYear(fy)}の実績(${ind.unit})`}
                  readonly={!props.editable}
                />{" "}
                {ind.unit}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}
