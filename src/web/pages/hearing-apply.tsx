import { formatFiscalYear } from "../../domain/era.js";
import type { SessionContext } from "../../services/auth.js";
import { type ApplyPreview, skipLabel } from "../../services/hearing/apply.js";
import { formatTimestamp } from "../format.js";
import { Layout } from "../layout.js";
import { Alerts } from "./components.js";
import { HearingNav, IllustrativeNote, PlanComplianceTable, roundPath } from "./hearing-common.js";

export function ApplyPage(props: { session: SessionContext; csrfToken: string; title: string; preview: ApplyPreview; decided: boolean; illustrative: boolean; error?: string; notice?: string }) {
  const p = props.preview;
  const path = `${roundPath(p.roundId)}/apply`;
  return (
    <Layout title={`${props.title} 決定の反映`} session={props.session} csrfToken={props.csrfToken} current="/hearings">
      <h1>{props.title} 決定の反映</h1>
      <HearingNav roundId={p.roundId} current={path} admin />
      <IllustrativeNote show={props.illustrative} />
      <p class="lead">
        承認された人員は{formatFiscalYear(p.targetYear)}の配置計画に、承認された組織改正は施行日の年度の組織改正になります。
        {p.baseYear === null ? "現員の記録がありません。" : `現員は${formatFiscalYear(p.baseYear)}の4月1日の職員数です。`}
      </p>
      <Alerts error={props.error} notice={props.notice} />
      {p.applied ? <p id="applied">反映済 ({p.appliedAt ? formatTimestamp(p.appliedAt) : ""})</p> : null}
      <h2>配置計画 (変更される組織)</h2>
      <table class="data" id="plan">
        <thead>
          <tr>
            <th scope="col">部局</th>
            <th scope="col">組織</th>
            <th scope="col">現員</th>
            <th scope="col">承認された増減</th>
            <th scope="col">{formatFiscalYear(p.targetYear)} 配置計画</th>
            <th scope="col">これまでの計画</th>
          </tr>
        </thead>
        <tbody>
          {p.staffing.map((s) => (
            <tr data-unit={s.unitId}>
              <td>{s.departmentName}</td>
              <td>{s.name}</td>
              <td class="num">{s.current}</td>
              <td class="num">{s.granted > 0 ? `+${s.granted}` : String(s.granted)}</td>
              <td class="num" data-planned={s.unitId}>
                {s.planned}
              </td>
              <td class="num">{s.previousPlan ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>定数・上限との照合</h2>
      <PlanComplianceTable id="plan-compliance" rows={p.compliance} />
      <h2>組織改正</h2>
      {p.orgChanges.length === 0 ? (
        <p>承認された組織改正はありません。</p>
      ) : (
        <ul id="org-changes">
          {p.orgChanges.map((c) => (
            <li>
              {c.departmentName}: {c.summary} ({formatFiscalYear(c.fiscalYear)}) — {c.change.reason}
            </li>
          ))}
        </ul>
      )}
      <UnapplicableLines preview={p} />
      {!p.applied && props.decided ? (
        <form method="post" action={path} id="apply-form">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="version" value={String(p.version)} />
          {p.overCap ? (
            <label>
              <input type="checkbox" name="acknowledgeOverCap" value="1" /> 上限超過を確認した
            </label>
          ) : null}
          {p.unapplicable.length > 0 ? (
            <>
              <input type="hidden" name="skipLines" value={p.unapplicable.map((u) => u.key).join(",")} />
              <label>
                <input type="checkbox" name="skipUnapplicable" value="1" /> {skipLabel(p.unapplicable.length)}
              </label>
            </>
          ) : null}
          <button type="submit">この内容で反映する</button>
        </form>
      ) : null}
      {!props.decided ? <p>決定を確定すると反映できます。</p> : null}
      {p.canUndo ? (
        <form method="post" action={`${path}/undo`} id="undo-form">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="version" value={String(p.version)} />
          <button type="submit" class="secondary">反映を取り消す</button>
        </form>
      ) : p.applied ? (
        <p>{formatFiscalYear(p.targetYear)}の4月1日職員数が入力されたため、反映は取り消せません。</p>
      ) : null}
    </Layout>
  );
}

/**
 * 「適用できない行」: before applying, the approved lines the organisation as it stands no longer allows (they can be
 * left out); once applied, the lines that were left out, with the reasons recorded then.
 */
export function UnapplicableLines(props: { preview: ApplyPreview; id?: string }) {
  const p = props.preview;
  if (p.unapplicable.length === 0) return null;
  return (
    <section id={props.id ?? "unapplicable"}>
      <h2>{p.applied ? "反映しなかった行(適用できない行)" : "適用できない行"}</h2>
      <p>
        {p.applied
          ? `次の${p.unapplicable.length}行は承認されていましたが、反映の時点の組織には適用できなかったため、除いて反映しました(監査ログにも記録しています)。`
          : `次の${p.unapplicable.length}行は承認されていますが、対象の組織が組織の画面で変更されているため、今の組織には適用できません。これらの行を除いて反映できます(除いた行と理由は監査ログとこの画面に残ります)。除かずに反映するには、組織の画面で組織を元に戻してください。`}
      </p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">部局</th>
            <th scope="col">行</th>
            <th scope="col">適用できない理由</th>
          </tr>
        </thead>
        <tbody>
          {p.unapplicable.map((u) => (
            <tr data-unapplicable={u.key}>
              <td>{u.departmentName}</td>
              <td>{u.line}</td>
              <td>{u.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
