/**
 * The whole round as one workbook for the secretariat: the overview (現員・要求・決定 per unit, with the 再任用 and
 * 任期付 part apart), every 様式3 line, every 様式2 change and every 様式1 request with its decision, the plan against
 * quota, cap and projection, and the rest of 様式1 (現状と課題, 業務量, ICT活用, 民間委託等, 時間外勤務・欠員).
 * Text cells go through io/xlsx.ts writeXlsx (formula-like text neutralised); numbers stay numbers.
 */
import { formatFiscalYear } from "../../domain/era.js";
import { FORM_STATUS_LABELS, ILLUSTRATIVE_LABEL, isIllustrativeRound, type FormNumber, type LineDecision, OUTCOME_LABELS } from "../../domain/hearing.js";
import { DRIVER_LABELS, EMPLOYMENT_LABELS, ORG_CHANGE_LABELS, requestedChange, yearOnYearPercent } from "../../domain/hearing-forms.js";
import { COMPLIANCE_LABELS } from "../../domain/quota.js";
import type { Actor } from "../../domain/roles.js";
import { writeXlsx } from "../../io/xlsx.js";
import type { TenantDb } from "../../db/tenant.js";
import { reformLinks } from "./context.js";
import { type OverviewTotal, roundOverview, type RoundOverviewDb } from "./overview.js";
import { formWhere, storedDecisions, storedFormContent } from "../stored-shapes.js";

type Cell = string | number | null;

const decisionCells = (d: LineDecision | undefined, requested: number | null): Cell[] =>
  d ? [OUTCOME_LABELS[d.outcome], requested === null ? null : d.outcome === "approved" ? requested : d.outcome === "rejected" ? 0 : (d.approvedChange ?? null), d.reason] : ["未決定", null, ""];

/** The round's workbook (admin only, as the overview): file name `hearing-round-<targetYear>.xlsx`. */
export async function exportRoundWorkbook(tenant: RoundOverviewDb & Pick<TenantDb, "reformEditions" | "reformItems">, actor: Actor, roundId: number): Promise<{ filename: string; bytes: Uint8Array }> {
  const overview = await roundOverview(tenant, actor, roundId);
  const [forms, units] = await Promise.all([tenant.hearingForms.listByRound(roundId), tenant.units.list()]);
  const nameOf = (id: number | null) => (id === null ? "" : (units.find((u) => u.id === id)?.name ?? `#${id}`));
  const target = overview.targetYear;
  const years = [0, 1, 2].map((k) => formatFiscalYear(target + k));

  // 再任用 and 任期付 (様式3 plans them apart): the change of the target year asked and decided, inside 要求 and 決定.
  const partHeaders = (["reappointed", "fixed_term"] as const).flatMap((e) => [`うち${EMPLOYMENT_LABELS[e]}の増減 要求(${years[0]})`, `うち${EMPLOYMENT_LABELS[e]}の増減 決定(${years[0]})`]);
  const parts = (x: Pick<OverviewTotal, "byEmployment">): Cell[] => (["reappointed", "fixed_term"] as const).flatMap((e) => [x.byEmployment[e].requested, x.byEmployment[e].approved]);
  const summary: Cell[][] = [["部局", "組織", `現員(${overview.baseYear === null ? "未登録" : formatFiscalYear(overview.baseYear)})`, `要求(${years[0]})`, `決定(${years[0]})`, ...partHeaders, "様式1", "様式2", "様式3"]];
  for (const d of overview.departments) {
    for (const u of d.units) summary.push([d.name, u.name, u.current, u.requested, u.approved, ...parts(u), null, null, null]);
    summary.push([`${d.name} 計`, null, d.total.current, d.total.requested, d.total.approved, ...parts(d.total), ...d.statuses.map((s) => FORM_STATUS_LABELS[s])]);
  }
  summary.push(["合計", null, overview.total.current, overview.total.requested, overview.total.approved, ...parts(overview.total), null, null, null]);

  const staffing: Cell[][] = [
    ["部局", "行ID", "組織", "職種", "任用区分", "現員", ...years.flatMap((y) => [`増 ${y}`, `減 ${y}`]), "増の理由", "減の理由", "要因", "決定", `決定の増減(${years[0]})`, "決定の理由"],
  ];
  const changes: Cell[][] = [["部局", "行ID", "種類", "施行日", "対象組織", "新しい組織の名称", "所管先", "理由", "決定", "決定の理由"]];
  const requests: Cell[][] = [["部局", "行ID", "要望内容", "決定", "決定の理由"]];
  // 様式1's other sections, so the workbook carries everything the forms hold.
  const texts: Cell[][] = [["部局", "現状と課題", "重点的な取組"]];
  const workloads: Cell[][] = [["部局", "行ID", "業務名", "担当組織", "前年度件数", "今年度件数(見込)", "前年比(%)", "備考"]];
  const ict: Cell[][] = [["部局", "行ID", "種類", "ICT活用の内容", "関連する重点推進項目", "実施年度"]];
  const outsourcing: Cell[][] = [["部局", "行ID", "種類", "対象業務", "内容", "実施年度"]];
  const overtime: Cell[][] = [["部局", "組織", "時間外勤務時間(年間)", "欠員数"]];
  const links = await reformLinks(tenant);
  const reformLabel = (key: string | null) => (key === null ? null : (links.find((l) => l.key === key)?.label ?? key));
  const yearLabel = (fy: number | null) => (fy === null ? null : formatFiscalYear(fy));
  for (const d of overview.departments) {
    const mine = forms.filter((f) => f.unit_id === d.unitId);
    const content = <F extends FormNumber>(n: F) => {
      const f = mine.find((x) => x.form === n);
      return f ? { content: storedFormContent(n, f.content_json, formWhere(f, "content_json")), decisions: storedDecisions(f.decisions_json, formWhere(f, "decisions_json")) } : null;
    };
    const f3 = content(3);
    for (const l of f3?.content.lines ?? []) {
      const [outcome, granted, reason] = decisionCells(f3?.decisions[l.id], requestedChange(l));
      staffing.push([d.name, l.id, nameOf(l.unitId), l.category, EMPLOYMENT_LABELS[l.employment], l.current, ...l.years.flatMap((y) => [y.increase, y.decrease]), l.increaseReason, l.decreaseReason, DRIVER_LABELS[l.driver], outcome ?? null, granted ?? null, reason ?? null]);
    }
    const f2 = content(2);
    for (const c of f2?.content.changes ?? []) {
      const [outcome, , reason] = decisionCells(f2?.decisions[c.id], null);
      changes.push([d.name, c.id, ORG_CHANGE_LABELS[c.kind], c.effectiveDate, c.unitIds.map(nameOf).join("、"), c.newNames.join("、"), nameOf(c.newParentId), c.reason, outcome ?? null, reason ?? null]);
    }
    const f1 = content(1);
    for (const r of f1?.content.requests ?? []) {
      const [outcome, , reason] = decisionCells(f1?.decisions[r.id], null);
      requests.push([d.name, r.id, r.text, outcome ?? null, reason ?? null]);
    }
    if (f1) {
      const c = f1.content;
      texts.push([d.name, c.issues, c.priorities]);
      for (const w of c.workloads) workloads.push([d.name, w.id, w.work, nameOf(w.unitId), w.previousCount, w.currentCount, yearOnYearPercent(w.previousCount, w.currentCount), w.note]);
      for (const x of c.ict) ict.push([d.name, x.id, x.kind, x.description, reformLabel(x.reformKey), yearLabel(x.startYear)]);
      for (const x of c.outsourcing) outsourcing.push([d.name, x.id, x.kind, x.work, x.description, yearLabel(x.startYear)]);
      for (const u of c.units) overtime.push([d.name, nameOf(u.unitId), u.overtimeHours, u.vacancies]);
    }
  }

  const check: Cell[][] = [["任命権者", `計画(${years[0]}、定数対象)`, "条例定数", "上限", "判定"]];
  for (const c of overview.compliance) check.push([c.name, c.counted, c.quota, c.cap, c.status ? COMPLIANCE_LABELS[c.status] : null]);
  check.push([]);
  if (overview.projection.ok) {
    const p = overview.projection;
    check.push([`定年引上げ期の推計(${formatFiscalYear(p.baseYear)}の年齢構成、平準化採用)`, p.headcount, p.quota, p.cap, null]);
  } else check.push(["定年引上げ期の推計", overview.projection.reason]);

  // Title rows on every sheet: the round, and 【例示】 when it is the demo's illustrative round.
  const titled = (rows: Cell[][]): Cell[][] => [[overview.title], ...(isIllustrativeRound(overview.title) ? [[ILLUSTRATIVE_LABEL]] : []), [], ...rows];
  const bytes = await writeXlsx([
    { name: "全体集計", rows: titled(summary), columnWidths: [18, 22, 12, 12, 12, 14, 14, 14, 14, 10, 10, 10] },
    { name: "人員計画", rows: titled(staffing), columnWidths: [14, 8, 20, 12, 10, 8, 10, 10, 10, 10, 10, 10, 30, 30, 12, 10, 12, 30] },
    { name: "組織改正", rows: titled(changes), columnWidths: [14, 8, 10, 12, 24, 24, 16, 40, 10, 30] },
    { name: "要望", rows: titled(requests), columnWidths: [14, 8, 60, 10, 30] },
    { name: "定数との照合", rows: titled(check), columnWidths: [40, 16, 12, 12, 12] },
    { name: "現状と課題", rows: titled(texts), columnWidths: [14, 60, 60] },
    { name: "業務量の変化", rows: titled(workloads), columnWidths: [14, 8, 30, 20, 12, 12, 10, 30] },
    { name: "ICT活用", rows: titled(ict), columnWidths: [14, 8, 10, 50, 30, 14] },
    { name: "民間委託等", rows: titled(outsourcing), columnWidths: [14, 8, 10, 30, 50, 14] },
    { name: "時間外勤務・欠員", rows: titled(overtime), columnWidths: [14, 22, 16, 10] },
  ]);
  return { filename: `hearing-round-${target}.xlsx`, bytes };
}
