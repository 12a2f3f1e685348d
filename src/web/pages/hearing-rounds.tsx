import { formatFiscalYear } from "../../domain/era.js";
import { READ_VALUES_FIELD, serializeReadValues } from "../../domain/read-values.js";
import type { SessionContext } from "../../services/auth.js";
import type { ApplyPreview } from "../../services/hearing/apply-preview.js";
import { type RoundSummary, type RoundView, slotReadValues } from "../../services/hearing/rounds.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { UnapplicableLines } from "./hearing-apply.js";
import { departmentPath, formPath, FormStatusBadge, HearingNav, IllustrativeNote, roundPath, RoundStatusBadge, dayLabel } from "./hearing-common.js";

export function HearingListPage(props: {
  session: SessionContext;
  csrfToken: string;
  rounds: RoundSummary[];
  admin: boolean;
  suggestedYear: number;
  error?: string;
  notice?: string;
  entered?: Record<string, string>;
}) {
  const e = props.entered ?? {};
  return (
    <Layout title="組織・業務改革ヒアリング" session={props.session} csrfToken={props.csrfToken} current="/hearings">
      <h1>組織・業務改革ヒアリング</h1>
      <HearingNav current="/hearings" admin={props.admin} />
      <p class="lead">各部次長職が提出する様式1～3を基にヒアリングを行い、次年度以降の組織体制・ICT利活用・民間委託・職員定数を決定します。</p>
      <Alerts error={props.error} notice={props.notice} />
      {props.rounds.length === 0 ? (
        <p id="no-rounds">表示できるヒアリングはまだありません。</p>
      ) : (
        <table class="data" id="rounds">
          <thead>
            <tr>
              <th scope="col">ヒアリング</th>
              <th scope="col">対象年度</th>
              <th scope="col">提出期限</th>
              <th scope="col">状態</th>
              <th scope="col">反映</th>
            </tr>
          </thead>
          <tbody>
            {props.rounds.map((r) => (
              <tr data-round={r.id}>
                <td>
                  <a href={roundPath(r.id)}>{r.title}</a>
                </td>
                <td>{formatFiscalYear(r.targetYear)}</td>
                <td>{dayLabel(r.dueDate)}</td>
                <td>
                  <RoundStatusBadge status={r.status} />
                </td>
                <td>{r.appliedAt ? "反映済" : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.admin ? (
        <>
          <h2>ヒアリングを開始する</h2>
          <form method="post" action="/hearings" class="stack" id="open-round">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <label>
              対象年度 (例: 令和8年度、2026)
              <input type="text" name="targetYear" value={e["targetYear"] ?? String(props.suggestedYear)} required />
            </label>
            <label>
              提出期限
              <input type="date" name="dueDate" value={e["dueDate"] ?? ""} required />
            </label>
            <label>
              名称 (空欄なら「○○年度に向けたヒアリング」)
              <input type="text" name="title" value={e["title"] ?? ""} />
            </label>
            <p class="hint">対象は前年度に存在するすべての部局です。市長部局以外の任命権者は、開始後に部局と日程の画面から加えます。</p>
            <button type="submit">開始する</button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

/** What was typed into a round page's form that was refused, shown again unchanged (a slot of one department, or the 職種 list). */
export interface RoundEntered {
  slot?: { unitId: number; date: string; time: string; place: string };
  categories?: string;
}

export function HearingRoundPage(props: {
  session: SessionContext;
  csrfToken: string;
  round: RoundView;
  admin: boolean;
  illustrative: boolean;
  /** Units a secretariat may still add (任命権者 outside 市長部局 and 部局 not yet in the round). */
  addable: { id: number; name: string }[];
  error?: string;
  notice?: string;
  entered?: RoundEntered;
  /** The apply preview (secretariat and headquarters, once every form is decided): its 「適用できない行」 are shown. */
  preview?: ApplyPreview | null;
}) {
  const r = props.round;
  const typedSlot = (unitId: number) => (props.entered?.slot?.unitId === unitId ? props.entered.slot : undefined);
  const open = r.status === "open";
  return (
    <Layout title={r.title} session={props.session} csrfToken={props.csrfToken} current="/hearings">
      <h1>{r.title}</h1>
      <HearingNav roundId={r.id} current={roundPath(r.id)} admin={props.admin} />
      <IllustrativeNote show={props.illustrative} />
      <p class="lead">
        実施 {formatFiscalYear(r.heldYear)} ・ 提出期限 {dayLabel(r.dueDate)} ・ <RoundStatusBadge status={r.status} />
        {r.appliedAt ? " ・ 次年度の計画に反映済" : ""}
      </p>
      <Alerts error={props.error} notice={props.notice} />
      <table class="data" id="departments">
        <thead>
          <tr>
            <th scope="col">部局</th>
            <th scope="col">ヒアリング日時・場所</th>
            <th scope="col">様式1</th>
            <th scope="col">様式2</th>
            <th scope="col">様式3</th>
          </tr>
        </thead>
        <tbody>
          {r.departments.map((d) => {
            const typed = typedSlot(d.unitId);
            return (
            <tr data-unit={d.unitId}>
              <td>{d.readable ? <a href={departmentPath(r.id, d.unitId)}>{d.name}</a> : d.name}</td>
              <td data-slot={d.unitId}>
                {dayLabel(d.slot.date) || "未定"} {d.slot.time ?? ""} {d.slot.place}
                {props.admin && open ? (
                  <form method="post" action={`${roundPath(r.id)}/slots/${d.unitId}`} class="inline">
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <input type="hidden" name={READ_VALUES_FIELD} value={serializeReadValues(slotReadValues(d))} />
                    <label class="visually-hidden" for={`slot-date-${d.unitId}`}>
                      {d.name}の日付
                    </label>
                    <input type="date" id={`slot-date-${d.unitId}`} name="date" value={typed ? typed.date : (d.slot.date ?? "")} />
                    <label class="visually-hidden" for={`slot-time-${d.unitId}`}>
                      {d.name}の時刻
                    </label>
                    <input type="text" id={`slot-time-${d.unitId}`} name="time" value={typed ? typed.time : (d.slot.time ?? "")} placeholder="13:30" size={5} />
                    <label class="visually-hidden" for={`slot-place-${d.unitId}`}>
                      {d.name}の場所
                    </label>
                    <input type="text" id={`slot-place-${d.unitId}`} name="place" value={typed ? typed.place : d.slot.place} placeholder="場所" />
                    <button type="submit" class="secondary">日程を保存</button>
                  </form>
                ) : null}
              </td>
              {[1, 2, 3].map((n) => {
                const f = d.forms.find((x) => x.form === n);
                return <td data-form={`${d.unitId}-${n}`}>{f ? <a href={formPath(r.id, d.unitId, n)}><FormStatusBadge status={f.status} /></a> : "—"}</td>;
              })}
            </tr>
            );
          })}
        </tbody>
      </table>
      {props.preview && props.preview.unapplicable.length > 0 ? (
        <>
          <UnapplicableLines preview={props.preview} id="round-unapplicable" />
          {props.preview.applied ? null : (
            <p>
              {open ? "確定する前なら、その様式の決定を見直すこともできます。確定した後は、" : ""}
              <a href={`${roundPath(r.id)}/apply`}>決定の反映</a>の画面で、これらの行を除いて反映できます。
            </p>
          )}
        </>
      ) : null}
      {props.admin && open ? (
        <>
          {props.addable.length > 0 ? (
            <form method="post" action={`${roundPath(r.id)}/departments`} class="inline" id="add-department">
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <label>
                対象に加える部局・任命権者
                <select name="unitId">
                  {props.addable.map((u) => (
                    <option value={String(u.id)}>{u.name}</option>
                  ))}
                </select>
              </label>
              <button type="submit" class="secondary">加える</button>
            </form>
          ) : null}
          <h2>様式3の職種</h2>
          <form method="post" action={`${roundPath(r.id)}/categories`} class="stack" id="categories">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="version" value={String(r.version)} />
            <label>
              職種 (1行に1つ)
              <textarea name="categories" rows={6}>
                {props.entered?.categories ?? r.jobCategories.join("\n")}
              </textarea>
            </label>
            <button type="submit" class="secondary">職種を保存</button>
          </form>
          <h2>決定の確定</h2>
          <form method="post" action={`${roundPath(r.id)}/close`} id="close-round">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="version" value={String(r.version)} />
            {r.allDecided ? (
              <p id="close-note">すべての様式が決定済みです。確定すると、各部局の編集者と閲覧者もすべての部局の結果を見られるようになります。</p>
            ) : (
              <p id="close-note">
                まだ確定できません。決定していない様式が{undecidedCount(r)}件あります({undecidedDepartments(r)})。すべての様式を決定すると確定できます。
              </p>
            )}
            <button type="submit" disabled={!r.allDecided}>
              決定を確定する
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

/** How many forms of the round are not yet decided (the round can be closed only at 0). */
function undecidedCount(r: RoundView): number {
  return r.departments.reduce((n, d) => n + d.forms.filter((f) => f.status !== "decided").length, 0);
}

/** The departments with a form not yet decided, 「、」-separated. */
function undecidedDepartments(r: RoundView): string {
  return r.departments
    .filter((d) => d.forms.some((f) => f.status !== "decided"))
    .map((d) => d.name)
    .join("、");
}
