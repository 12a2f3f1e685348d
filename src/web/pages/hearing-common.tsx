import { formatDateBoth } from "../../domain/era.js";
import type { FormStatus, RoundStatus } from "../../domain/hearing.js";
import { FORM_STATUS_LABELS, ROUND_STATUS_LABELS } from "../../domain/hearing.js";
import { COMPLIANCE_LABELS } from "../../domain/quota.js";
import type { ApplyPreview } from "../../services/hearing/apply.js";
import { SubNav } from "./components.js";

export function roundPath(roundId: number): string {
  return `/hearings/${roundId}`;
}
export function departmentPath(roundId: number, unitId: number): string {
  return `/hearings/${roundId}/departments/${unitId}`;
}
export function formPath(roundId: number, unitId: number, form: number): string {
  return `${departmentPath(roundId, unitId)}/forms/${form}`;
}

const STATUS_CLASS: Record<FormStatus, string> = { draft: "todo", submitted: "warn", returned: "ng", resubmitted: "warn", heard: "warn", decided: "ok" };

export function FormStatusBadge(props: { status: FormStatus }) {
  return (
    <span class={`badge ${STATUS_CLASS[props.status]}`} data-status={props.status}>
      {FORM_STATUS_LABELS[props.status]}
    </span>
  );
}

export function RoundStatusBadge(props: { status: RoundStatus }) {
  return <span class={`badge ${props.status === "decided" ? "ok" : "warn"}`}>{ROUND_STATUS_LABELS[props.status]}</span>;
}

export function HearingNav(props: { roundId?: number; current: string; admin: boolean }) {
  const pages = [{ path: "/hearings", label: "ヒアリング一覧" }];
  if (props.roundId !== undefined) {
    pages.push({ path: roundPath(props.roundId), label: "部局と日程" });
    if (props.admin) pages.push({ path: `${roundPath(props.roundId)}/overview`, label: "全体集計" }, { path: `${roundPath(props.roundId)}/apply`, label: "決定の反映" });
  }
  return <SubNav label="ヒアリング" pages={pages} current={props.current} />;
}

/** A badge shown wherever illustrative demo data appears. */
export function IllustrativeNote(props: { show: boolean }) {
  return props.show ? (
    <p class="alert warning" data-illustrative="true">
      <span class="badge warn">例示</span> このヒアリングはデモ用の例示データです。実際の提出内容ではありません。
    </p>
  ) : null;
}

/** The decided plan against each 任命権者's quota and cap (apply preview and overview). */
export function PlanComplianceTable(props: { id: string; rows: ApplyPreview["compliance"] }) {
  return (
    <table class="data" id={props.id}>
      <thead>
        <tr>
          <th scope="col">任命権者</th>
          <th scope="col">計画(定数対象)</th>
          <th scope="col">条例定数</th>
          <th scope="col">上限</th>
          <th scope="col">判定</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((c) => (
          <tr>
            <td>{c.name}</td>
            <td class="num">{c.counted ?? "—"}</td>
            <td class="num">{c.quota}</td>
            <td class="num">{c.cap}</td>
            <td data-status={c.status ?? ""}>{c.status ? COMPLIANCE_LABELS[c.status] : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A stored day shown 和暦 with 西暦 (令和7年(2025年)7月31日); text that is no valid day is shown as it is, never an error page. */
export function dayLabel(date: string | null | undefined): string {
  if (!date) return "";
  try {
    return formatDateBoth(date);
  } catch {
    return date;
  }
}
