/**
 * The printable hearing sheet of one department (A4 portrait): what the department submitted in 様式1–3, the
 * decisions so far and room for the hearing record, for the secretariat to bring to the hearing.
 * Screen pages keep the navigation; print hides it (styles.ts @media print) and sets the A4 page.
 */
import { formatFiscalYear } from "../../domain/era.js";
import { FORM_LABELS, FORM_STATUS_LABELS, type LineDecision, OUTCOME_LABELS } from "../../domain/hearing.js";
import { DRIVER_LABELS, EMPLOYMENT_LABELS, type Form1, type Form2, type Form3, ORG_CHANGE_LABELS, requestedHeadcounts, yearOnYearPercent } from "../../domain/hearing-forms.js";
import type { SessionContext } from "../../services/auth.js";
import type { DepartmentForms } from "../../services/hearing/forms.js";
import { Layout } from "../layout.js";
import { departmentPath, IllustrativeNote, dayLabel } from "./hearing-common.js";

function Decision(props: { decision: LineDecision | undefined }) {
  const d = props.decision;
  if (!d) return <>未決定</>;
  return (
    <>
      {OUTCOME_LABELS[d.outcome]}
      {d.outcome === "partial" && d.approvedChange !== undefined ? ` (${d.approvedChange})` : ""}
      {d.reason ? `: ${d.reason}` : ""}
    </>
  );
}

const para = (text: string) => (text.trim() === "" ? <p class="empty">(記入なし)</p> : text.split("\n").map((line) => <p>{line}</p>));

export function HearingSheetPage(props: { session: SessionContext; csrfToken: string; dept: DepartmentForms; illustrative: boolean; allUnits: { id: number; name: string }[] }) {
  const d = props.dept;
  const form = <T,>(n: number) => d.forms.find((f) => f.form === n) as { content: T; decisions: Record<string, LineDecision>; status: keyof typeof FORM_STATUS_LABELS; heardOn: string | null; heardNotes: string } | undefined;
  const f1 = form<Form1>(1);
  const f2 = form<Form2>(2);
  const f3 = form<Form3>(3);
  const unitName = (id: number | null) => (id === null ? "—" : (d.units.find((u) => u.id === id)?.name ?? props.allUnits.find((u) => u.id === id)?.name ?? `#${id}`));
  const years = [0, 1, 2].map((k) => formatFiscalYear(d.targetYear + k));
  const reformLabel = (key: string | null) => (key === null ? "—" : (d.reformLinks.find((l) => l.key === key)?.label ?? key));
  return (
    <Layout title={`${d.departmentName} ヒアリングシート`} session={props.session} csrfToken={props.csrfToken} current="/hearings">
      <article class="hearing-sheet">
        <h1>
          {d.roundTitle} ヒアリングシート: {d.departmentName}
        </h1>
        <IllustrativeNote show={props.illustrative} />
        <p class="actions">
          <a href={departmentPath(d.roundId, d.departmentId)}>様式の一覧へ戻る</a> (このページはA4縦で印刷できます)
        </p>
        <table class="data sheet-head">
          <tbody>
            <tr>
              <th scope="row">ヒアリング日時・場所</th>
              <td>
                {dayLabel(d.slot.date) || "未定"} {d.slot.time ?? ""} {d.slot.place}
              </td>
            </tr>
            {[f1, f2, f3].map((f, i) =>
              f ? (
                <tr>
                  <th scope="row">{FORM_LABELS[(i + 1) as 1 | 2 | 3]}</th>
                  <td>{FORM_STATUS_LABELS[f.status]}</td>
                </tr>
              ) : null,
            )}
          </tbody>
        </table>

        <h2>様式1 組織ヒアリングシート</h2>
        <h3>現状と課題</h3>
        {para(f1?.content.issues ?? "")}
        <h3>重点的な取組</h3>
        {para(f1?.content.priorities ?? "")}
        {f1 && f1.content.workloads.length > 0 ? (
          <table class="data">
            <caption>業務量の変化</caption>
            <thead>
              <tr>
                <th scope="col">業務</th>
                <th scope="col">担当組織</th>
                <th scope="col">前年度</th>
                <th scope="col">今年度(見込)</th>
                <th scope="col">前年比(%)</th>
              </tr>
            </thead>
            <tbody>
              {f1.content.workloads.map((w) => (
                <tr>
                  <td>{w.work}</td>
                  <td>{unitName(w.unitId)}</td>
                  <td class="num">{w.previousCount.toLocaleString("ja-JP")}</td>
                  <td class="num">{w.currentCount.toLocaleString("ja-JP")}</td>
                  <td class="num">{yearOnYearPercent(w.previousCount, w.currentCount) ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {f1 && f1.content.ict.length > 0 ? (
          <table class="data">
            <caption>ICT活用</caption>
            <thead>
              <tr>
                <th scope="col">種類</th>
                <th scope="col">内容</th>
                <th scope="col">関連する重点推進項目</th>
                <th scope="col">実施年度</th>
              </tr>
            </thead>
            <tbody>
              {f1.content.ict.map((x) => (
                <tr>
                  <td>{x.kind}</td>
                  <td>{x.description}</td>
                  <td>{reformLabel(x.reformKey)}</td>
                  <td>{x.startYear === null ? "—" : formatFiscalYear(x.startYear)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {f1 && f1.content.outsourcing.length > 0 ? (
          <table class="data">
            <caption>民間委託・指定管理・PFI</caption>
            <thead>
              <tr>
                <th scope="col">種類</th>
                <th scope="col">対象業務</th>
                <th scope="col">内容</th>
                <th scope="col">実施年度</th>
              </tr>
            </thead>
            <tbody>
              {f1.content.outsourcing.map((x) => (
                <tr>
                  <td>{x.kind}</td>
                  <td>{x.work}</td>
                  <td>{x.description}</td>
                  <td>{x.startYear === null ? "—" : formatFiscalYear(x.startYear)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {f1 && f1.content.requests.length > 0 ? (
          <table class="data">
            <caption>行政管理課への要望</caption>
            <thead>
              <tr>
                <th scope="col">要望</th>
                <th scope="col">決定</th>
              </tr>
            </thead>
            <tbody>
              {f1.content.requests.map((r) => (
                <tr>
                  <td>{r.text}</td>
                  <td>
                    <Decision decision={f1.decisions[r.id]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}

        <h2>様式2 組織機構計画書</h2>
        {f2 && f2.content.changes.length > 0 ? (
          <table class="data">
            <caption>組織改正の案</caption>
            <thead>
              <tr>
                <th scope="col">種類</th>
                <th scope="col">施行日</th>
                <th scope="col">対象組織</th>
                <th scope="col">新しい名称・所管先</th>
                <th scope="col">理由</th>
                <th scope="col">決定</th>
              </tr>
            </thead>
            <tbody>
              {f2.content.changes.map((c) => (
                <tr>
                  <td>{ORG_CHANGE_LABELS[c.kind]}</td>
                  <td>{dayLabel(c.effectiveDate)}</td>
                  <td>{c.unitIds.map(unitName).join("、") || "—"}</td>
                  <td>{c.kind === "transfer" ? unitName(c.newParentId) : c.newNames.join("、") || "—"}</td>
                  <td>{c.reason}</td>
                  <td>
                    <Decision decision={f2.decisions[c.id]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="empty">組織改正の案はありません。</p>
        )}

        <h2>様式3 人員計画書</h2>
        {f3 && f3.content.lines.length > 0 ? (
          <table class="data sheet-staffing">
            <caption>要求人員(各年度末の人数、括弧内は増/減)</caption>
            <thead>
              <tr>
                <th scope="col">組織</th>
                <th scope="col">職種・任用</th>
                <th scope="col">現員</th>
                {years.map((y) => (
                  <th scope="col">{y}</th>
                ))}
                <th scope="col">理由・要因</th>
                <th scope="col">決定</th>
              </tr>
            </thead>
            <tbody>
              {f3.content.lines.map((l) => {
                const planned = requestedHeadcounts(l);
                return (
                  <tr>
                    <td class="nowrap">{unitName(l.unitId)}</td>
                    <td class="nowrap">
                      {l.category}
                      <br />
                      {EMPLOYMENT_LABELS[l.employment]}
                    </td>
                    <td class="num">{l.current}</td>
                    {l.years.map((y, k) => (
                      <td class="num nowrap">
                        {planned[k]} (+{y.increase}/−{y.decrease})
                      </td>
                    ))}
                    <td>
                      {[l.increaseReason && `増: ${l.increaseReason}`, l.decreaseReason && `減: ${l.decreaseReason}`, l.driver !== "none" ? `要因: ${DRIVER_LABELS[l.driver]}` : ""].filter(Boolean).join(" / ") || "—"}
                    </td>
                    <td class="nowrap">
                      <Decision decision={f3.decisions[l.id]} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p class="empty">人員計画の行はありません。</p>
        )}

        <section class="sheet-record">
        <h2>ヒアリング記録</h2>
        {[f1, f2, f3].some((f) => f?.heardOn) ? (
          [f1, f2, f3].map((f, i) =>
            f?.heardOn ? (
              <p>
                {FORM_LABELS[(i + 1) as 1 | 2 | 3]}: {dayLabel(f.heardOn)} {f.heardNotes}
              </p>
            ) : null,
          )
        ) : (
          <div class="sheet-notes" role="note" aria-label="ヒアリング記録の記入欄">
            (手書きの記入欄)
          </div>
        )}
        </section>
      </article>
    </Layout>
  );
}
