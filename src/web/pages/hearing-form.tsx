import { formatFiscalYear } from "../../domain/era.js";
import { requestLineSummaries } from "./hearing-line-summary.js";
import { FORM_LABELS, FORM_NUMBERS, type FormNumber, nextFormStatus, OUTCOME_LABELS, OUTCOMES } from "../../domain/hearing.js";
import { type Form1, type Form2, type Form3, requestLines } from "../../domain/hearing-forms.js";
import type { SessionContext } from "../../services/auth.js";
import type { DepartmentForms, FormView } from "../../services/hearing/forms.js";
import type { ContentDifference } from "../../domain/hearing-conflict.js";
import type { SheetCellProblem } from "../../io/hearing-workbook.js";
import { formatTimestamp } from "../format.js";
import type { UnapplicableLine } from "../../domain/hearing-applicable.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { formPath, FormStatusBadge, HearingNav, IllustrativeNote, roundPath, dayLabel } from "./hearing-common.js";
import { Form1Fields, Form2Fields, Form3Fields } from "./hearing-form-fields.js";

/** What was typed into a workflow step's form (差戻し・ヒアリング実施・決定), shown again unchanged after an error. */
export interface TypedStep {
  action: string;
  comment: string;
  heardOn: string;
  notes: string;
  /** Per line id: the 決定 fields as typed (outcome code, 承認する増減 text, 理由). */
  decisions: Record<string, { outcome: string; approvedChange: string; reason: string }>;
}

export interface FormConflictView {
  message: string;
  theirs: FormView;
  /** What differs between the stored form and what was sent (a save), in the form's own words. */
  differences: ContentDifference[];
}

function Header(props: { dept: DepartmentForms; illustrative: boolean; admin: boolean }) {
  const d = props.dept;
  return (
    <>
      <HearingNav roundId={d.roundId} current="" admin={props.admin} />
      <IllustrativeNote show={props.illustrative} />
      <p class="lead">
        <a href={roundPath(d.roundId)}>{d.roundTitle}</a> ・ {d.departmentName} ・ ヒアリング {dayLabel(d.slot.date) || "未定"} {d.slot.time ?? ""} {d.slot.place}
      </p>
    </>
  );
}

export function DepartmentPage(props: {
  session: SessionContext;
  csrfToken: string;
  dept: DepartmentForms;
  illustrative: boolean;
  admin: boolean;
  notice?: string;
  error?: string;
  problems?: SheetCellProblem[];
}) {
  const d = props.dept;
  const base = `/hearings/${d.roundId}/departments/${d.departmentId}`;
  return (
    <Layout title={`${d.departmentName} ヒアリング様式`} session={props.session} csrfToken={props.csrfToken} current="/hearings">
      <h1>{d.departmentName} ヒアリング様式</h1>
      <Header dept={d} illustrative={props.illustrative} admin={props.admin} />
      <Alerts error={props.error} notice={props.notice} />
      {props.problems && props.problems.length > 0 ? (
        <table class="data" id="problems">
          <thead>
            <tr>
              <th scope="col">シート</th>
              <th scope="col">セル</th>
              <th scope="col">内容</th>
            </tr>
          </thead>
          <tbody>
            {props.problems.map((p) => (
              <tr class="problem-error">
                <td>{p.sheet}</td>
                <td>{p.cell}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <table class="data" id="forms">
        <thead>
          <tr>
            <th scope="col">様式</th>
            <th scope="col">状態</th>
            <th scope="col">最終更新</th>
            <th scope="col">差戻しの理由</th>
          </tr>
        </thead>
        <tbody>
          {d.forms.map((f) => (
            <tr data-form={f.form}>
              <td>
                <a href={formPath(d.roundId, d.departmentId, f.form)}>{FORM_LABELS[f.form]}</a>
              </td>
              <td>
                <FormStatusBadge status={f.status} />
              </td>
              <td>
                {formatTimestamp(f.updatedAt)} {f.updatedBy}
              </td>
              <td>{f.status === "returned" ? f.returnComment : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`${base}/sheet`} id="hearing-sheet">
          ヒアリングシート(A4、印刷用)
        </a>
      </p>
      <h2>Excelで入力する</h2>
      <p>
        <a href={`${base}/workbook`} id="download-workbook">
          様式1～3のブックをダウンロード(xlsx)
        </a>
      </p>
      {d.canEdit ? (
        <form method="post" action={`${base}/workbook`} enctype="multipart/form-data" class="stack" id="upload-workbook">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <label>
            入力したブック
            <input type="file" name="file" accept=".xlsx" required />
          </label>
          <p class="hint">すべてのシートを確認し、問題がなければまとめて保存します。問題が1つでもあれば何も保存しません。</p>
          <button type="submit">アップロードして保存する</button>
        </form>
      ) : null}
    </Layout>
  );
}

export function FormPage(props: {
  session: SessionContext;
  csrfToken: string;
  dept: DepartmentForms;
  form: FormNumber;
  illustrative: boolean;
  admin: boolean;
  allUnits: { id: number; name: string }[];
  /** What the user typed, shown again after an error (else the stored content). */
  entered?: FormView["content"];
  error?: string;
  /** Every problem of the content sent, one line each (shown as a list under the error). */
  problems?: string[];
  notice?: string;
  conflict?: FormConflictView;
  /** A refused workflow step: its fields as typed (the problems are about them, not about the content). */
  typedStep?: TypedStep;
  /** Decided lines of this form the organisation no longer allows (or, once applied, that were left out). */
  unapplicable?: { applied: boolean; lines: UnapplicableLine[] };
}) {
  const d = props.dept;
  const view = d.forms.find((f) => f.form === props.form);
  if (!view) return null;
  const editable = d.canEdit && nextFormStatus(view.status, "save") !== null;
  const content = props.entered ?? view.content;
  const ctx = { disabled: !editable, units: d.units, reformLinks: d.reformLinks, departmentName: d.departmentName, targetYear: d.targetYear };
  const action = formPath(d.roundId, d.departmentId, props.form);
  const version = props.conflict ? props.conflict.theirs.version : view.version;
  const canSubmit = d.canEdit && nextFormStatus(view.status, "submit") !== null;
  const canReturn = d.canDecide && nextFormStatus(view.status, "return") !== null;
  const canDecide = d.canDecide && nextFormStatus(view.status, "decide") !== null;
  const lines = requestLines(props.form, view.content);
  const nameOf = (id: number) => props.allUnits.find((u) => u.id === id)?.name ?? d.units.find((u) => u.id === id)?.name ?? `#${id}`;
  const summaries = requestLineSummaries(props.form, view.content, nameOf, d.targetYear);
  const showDecisions = Object.keys(view.decisions).length > 0;
  const typed = props.typedStep;
  const typedDecision = typed?.action === "decide" ? typed.decisions : undefined;
  const problemCount = props.problems?.length ?? 0;
  const problemsSummary =
    typed?.action === "decide"
      ? `決定に${problemCount}件の問題があります。何も決定していません。次の点を直してから、もう一度「決定する」を押してください。`
      : `${FORM_LABELS[props.form]}に${problemCount}件の問題があります。何も保存していません。次の点を直してから、もう一度保存してください。`;
  return (
    <Layout title={`${d.departmentName} ${FORM_LABELS[props.form]}`} session={props.session} csrfToken={props.csrfToken} current="/hearings">
      <h1>
        {d.departmentName} {FORM_LABELS[props.form]}
      </h1>
      <Header dept={d} illustrative={props.illustrative} admin={props.admin} />
      <nav class="subnav" aria-label="様式">
        <ul>
          {FORM_NUMBERS.map((n) => (
            <li>
              <a href={formPath(d.roundId, d.departmentId, n)} aria-current={n === props.form ? "page" : undefined}>
                {FORM_LABELS[n]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p>
        状態: <FormStatusBadge status={view.status} /> ・ 版 <span id="version">{view.version}</span> ・ 最終更新 {formatTimestamp(view.updatedAt)} {view.updatedBy}
      </p>
      <Alerts error={problemCount > 0 ? problemsSummary : props.error} notice={props.notice} />
      {props.unapplicable && props.unapplicable.lines.length > 0 ? (
        <section class="alert warning" id="form-unapplicable">
          <p>
            {props.unapplicable.applied
              ? "次の行は承認されましたが、反映の時点の組織には適用できなかったため、反映していません。"
              : `次の行は承認されていますが、対象の組織が組織の画面で変更されているため、今の組織には適用できません。${d.canDecide ? "ヒアリングを確定する前なら、この行の決定を見直せます。確定した後は" : ""}「決定の反映」の画面で、これらの行を除いて反映できます。`}
          </p>
          <ul>
            {props.unapplicable.lines.map((u) => (
              <li data-unapplicable={u.key}>
                {u.line}: {u.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.problems && props.problems.length > 0 ? (
        <ul class="alert error" id="problems">
          {props.problems.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
      ) : null}
      {props.conflict ? (
        <div class="alert warning" id="conflict" role="alert">
          <h2>保存できませんでした(ほかの保存と重なりました)</h2>
          <p>{props.conflict.message}</p>
          {props.conflict.differences.length > 0 ? (
            <table class="data" id="conflict-differences">
              <caption>保存されている内容(版 {props.conflict.theirs.version})とこの画面の入力の違い</caption>
              <thead>
                <tr>
                  <th scope="col">箇所</th>
                  <th scope="col">保存されている内容</th>
                  <th scope="col">この画面の入力</th>
                </tr>
              </thead>
              <tbody>
                {props.conflict.differences.map((x) => (
                  <tr>
                    <td>{x.where}</td>
                    <td>{x.stored}</td>
                    <td>{x.sent}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : props.entered !== undefined ? (
            <p>保存されている内容とこの画面の入力に違いはありません。</p>
          ) : null}
          <p>
            {props.entered !== undefined ? "下の入力欄はこの画面の入力のままです。この入力で上書きするときは、そのまま「保存する」を押してください。" : "最新の状態を読み込みました。内容を確かめてから、もう一度操作してください。"}{" "}
            <a href={action}>保存されている内容を開く(この画面の入力は破棄されます)</a>
          </p>
        </div>
      ) : null}
      {view.returnComment && view.status === "returned" ? (
        <p class="alert error" id="return-comment">
          差戻しの理由: {view.returnComment}
        </p>
      ) : null}
      {view.heardOn ? (
        <p id="heard">
          ヒアリング実施日 {dayLabel(view.heardOn)}
          {view.heardNotes ? ` ・ 記録: ${view.heardNotes}` : ""}
        </p>
      ) : null}
      <form method="post" action={action} class="stack hearing-content" id="form-content">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="version" value={String(version)} />
        {props.form === 1 ? <Form1Fields content={content as Form1} ctx={ctx} /> : null}
        {props.form === 2 ? <Form2Fields content={content as Form2} ctx={ctx} allUnits={props.allUnits} /> : null}
        {props.form === 3 ? <Form3Fields content={content as Form3} ctx={ctx} targetYear={d.targetYear} categories={d.jobCategories} /> : null}
        {editable ? <button type="submit">保存する</button> : null}
      </form>
      {canSubmit ? (
        <form method="post" action={`${action}/step`} id="submit-form">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="version" value={String(view.version)} />
          <input type="hidden" name="action" value="submit" />
          <button type="submit">{view.status === "returned" ? "再提出する" : "提出する"}</button>
        </form>
      ) : null}
      {canReturn ? (
        <>
          <h2>行政管理課の処理</h2>
          <form method="post" action={`${action}/step`} class="stack" id="return-form">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="version" value={String(view.version)} />
            <input type="hidden" name="action" value="return" />
            <label>
              差戻しの理由
              <textarea name="comment" rows={3}>
                {typed?.action === "return" ? typed.comment : ""}
              </textarea>
            </label>
            <button type="submit" class="secondary">差し戻す</button>
          </form>
          <form method="post" action={`${action}/step`} class="stack" id="hear-form">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="version" value={String(view.version)} />
            <input type="hidden" name="action" value="hear" />
            <label>
              ヒアリング実施日
              <input type="date" name="heardOn" value={typed?.action === "hear" ? typed.heardOn : (d.slot.date ?? "")} />
            </label>
            <label>
              記録
              <textarea name="notes" rows={3}>
                {typed?.action === "hear" ? typed.notes : ""}
              </textarea>
            </label>
            <button type="submit">ヒアリング実施を記録する</button>
          </form>
        </>
      ) : null}
      {canDecide || showDecisions ? (
        <>
          <h2>決定 ({formatFiscalYear(d.targetYear)})</h2>
          <form method="post" action={`${action}/step`} class="stack hearing-content" id="decide-form">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="version" value={String(view.version)} />
            <input type="hidden" name="action" value="decide" />
            {lines.length === 0 ? <p>決定する行はありません。</p> : null}
            <table class="data" id="decisions">
              <thead>
                <tr>
                  <th scope="col">行</th>
                  <th scope="col">内容</th>
                  <th scope="col">要求(増減)</th>
                  <th scope="col">決定</th>
                  <th scope="col">承認する増減</th>
                  <th scope="col">理由</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l) => {
                  const stored = view.decisions[l.id];
                  // After a refused decide, every field as typed; otherwise the stored decision.
                  const dec = typedDecision
                    ? (typedDecision[l.id] ?? { outcome: "", approvedChange: "", reason: "" })
                    : { outcome: stored?.outcome ?? "", approvedChange: stored?.approvedChange === undefined ? "" : String(stored.approvedChange), reason: stored?.reason ?? "" };
                  return (
                    <tr data-line={l.id}>
                      <td>
                        <input type="hidden" name="lines" value={l.id} />
                        {l.label}
                      </td>
                      <td data-summary={l.id}>{summaries.get(l.id) ?? ""}</td>
                      <td class="num">{l.requestedChange ?? "—"}</td>
                      <td data-outcome={l.id}>
                        <select name={`decision.${l.id}.outcome`} aria-label={`${l.label}の決定`} disabled={!canDecide}>
                          <option value="">—</option>
                          {OUTCOMES.map((o) => (
                            <option value={o} selected={dec.outcome === o}>
                              {OUTCOME_LABELS[o]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td class="num">
                        {l.requestedChange !== null ? (
                          <input type="text" name={`decision.${l.id}.approvedChange`} value={dec.approvedChange} aria-label={`${l.label}の承認する増減`} size={3} disabled={!canDecide} />
                        ) : (
                          "—"
                        )}
                      </td>
                      <td>
                        <input type="text" name={`decision.${l.id}.reason`} value={dec.reason} aria-label={`${l.label}の理由`} disabled={!canDecide} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {canDecide ? <button type="submit">決定する</button> : null}
          </form>
        </>
      ) : null}
    </Layout>
  );
}
