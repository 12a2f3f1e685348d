/** ダッシュボード (issue 13 point 12): the state of the yearly cycle gathered per role; the rules are domain/dashboard.ts. */
import type { TenantDb } from "../db/tenant.js";
import {
  type CalendarEvent,
  editorTodo,
  type HearingFormState,
  type HearingProgress,
  hearingProgress,
  hearingTodo,
  type RoundItemState,
  type RoundProgress,
  roundProgress,
  upcomingCalendar,
} from "../domain/dashboard.js";
import { isFormNumber, isFormStatus, mayEverEditDepartment } from "../domain/hearing.js";
import { formatFiscalYear } from "../domain/era.js";
import { UPDATE_STATUSES, type UpdateStatus } from "../domain/reform.js";
import { type Actor, canAdminister, canWriteAnyUnit } from "../domain/roles.js";
import type { YearCompliance } from "../domain/staffing.js";
import { listRounds } from "./hearing/rounds.js";
import { plannedPublicationDates } from "./publication-plan.js";
import { viewsOf } from "./reform/read-model.js";
import { compliance } from "./staffing.js";

export interface Dashboard {
  role: Actor["role"];
  /** 事務局: each open update round with counts per status, overdue items and divisions. */
  rounds: RoundProgress[];
  /** 事務局: open hearing rounds. */
  hearings: { id: number; title: string; dueDate: string }[];
  /** 事務局: each open hearing round's forms per status, and the departments still to submit. */
  hearingProgress: HearingProgress[];
  /** 編集者 of a department: its hearing forms still to write or submit (returned first). */
  hearingTodo: HearingFormState[];
  /** 事務局: the latest recorded headcount year against quota and cap. */
  headcount: YearCompliance | null;
  /** 編集者: items of its divisions still to write or submit (returned first). */
  todo: RoundItemState[];
  /** 推進本部: submitted items awaiting the secretariat's approval, approved results awaiting verification, editions awaiting approval. */
  awaitingVerification: { itemId: number; itemNumber: number; itemName: string; fiscalYear: number }[];
  submitted: RoundItemState[];
  publicationsAwaitingApproval: number[];
  calendar: CalendarEvent[];
}

async function openRoundItems(tenant: Pick<TenantDb, "reformEditions" | "reformItems" | "reformRounds">): Promise<{ state: RoundItemState; unitIds: number[] }[]> {
  const rounds = (await tenant.reformRounds.list()).filter((r) => r.status === "open");
  const out: { state: RoundItemState; unitIds: number[] }[] = [];
  for (const round of rounds) {
    const updates = await tenant.reformRounds.listUpdates(round.id);
    if (updates.length === 0) continue;
    // The round's items are its edition's: one batch, not a query per item (issue 9); an item elsewhere is read alone.
    const wanted = new Set(updates.map((u) => u.item_id));
    const ofEdition = (await tenant.reformItems.listByEdition(round.edition_id)).filter((i) => wanted.has(i.id));
    const found = new Set(ofEdition.map((i) => i.id));
    const others = await Promise.all([...wanted].filter((id) => !found.has(id)).map((id) => tenant.reformItems.get(id)));
    const items = [...ofEdition, ...others.flatMap((i) => (i ? [i] : []))];
    const edition = await tenant.reformEditions.get(round.edition_id);
    const views = await viewsOf(tenant, items, edition?.fiscal_year ?? round.fiscal_year);
    for (const update of updates) {
      const view = views.find((v) => v.id === update.item_id);
      if (!view) continue;
      const status: UpdateStatus = (UPDATE_STATUSES as readonly string[]).includes(update.status) ? (update.status as UpdateStatus) : "not_started";
      out.push({
        state: { roundId: round.id, roundTitle: round.title, dueDate: round.due_date, itemId: view.id, itemNumber: view.number, itemName: view.name, divisions: view.unitLabels, status },
        unitIds: view.unitIds,
      });
    }
  }
  return out;
}

/**
 * ヒアリング slots on the calendar: the secretariat and headquarters see every department's slot of the open rounds;
 * an editor the slots of the departments its units belong to (the department itself or a unit under it).
 */
async function hearingSlotDates(tenant: Pick<TenantDb, "hearingRounds" | "units">, actor: Actor, rounds: readonly { id: number; title: string }[]): Promise<CalendarEvent[]> {
  if (rounds.length === 0) return [];
  const units = await tenant.units.list();
  const parentOf = new Map(units.map((u) => [u.id, u.parent_id]));
  const concerns = (departmentId: number) =>
    actor.role !== "editor" ||
    actor.unitIds.some((id) => {
      for (let at: number | null | undefined = id; at !== null && at !== undefined; at = parentOf.get(at)) if (at === departmentId) return true;
      return false;
    });
  const events: CalendarEvent[] = [];
  for (const round of rounds) {
    for (const d of await tenant.hearingRounds.departments(round.id)) {
      if (!d.slot_date || !concerns(d.unit_id)) continue;
      const name = units.find((u) => u.id === d.unit_id)?.name ?? `#${d.unit_id}`;
      const when = d.slot_time ? ` ${d.slot_time}` : "";
      const where = d.slot_place ? `(${d.slot_place})` : "";
      events.push({ date: d.slot_date, label: `ヒアリング ${name}${when}${where}`, href: `/hearings/${round.id}` });
    }
  }
  return events;
}

/** The forms 様式1–3 of the open hearing rounds (one query per round), with the department's name. */
async function openRoundForms(tenant: Pick<TenantDb, "hearingForms" | "units">, rounds: readonly { id: number; title: string; dueDate: string }[]): Promise<HearingFormState[]> {
  if (rounds.length === 0) return [];
  const names = new Map((await tenant.units.list()).map((u) => [u.id, u.name]));
  const out: HearingFormState[] = [];
  for (const round of rounds) {
    for (const f of await tenant.hearingForms.listByRound(round.id)) {
      if (!isFormNumber(f.form) || !isFormStatus(f.status)) continue;
      out.push({ roundId: round.id, roundTitle: round.title, dueDate: round.dueDate, departmentId: f.unit_id, department: names.get(f.unit_id) ?? `#${f.unit_id}`, form: f.form, status: f.status });
    }
  }
  return out;
}

/** What dashboardFor reads and writes of the municipality's repositories (a type error to reach another). */
export type DashboardForDb = Pick<TenantDb, "headcounts" | "hearingForms" | "hearingRounds" | "policies" | "publicationPlans" | "publications" | "quotas" | "reformEditions" | "reformItems" | "reformRounds" | "reformVerifications" | "units">;

/** What the signed-in user's role needs to see first; `today` is the date in Japan (YYYY-MM-DD). */
export async function dashboardFor(tenant: DashboardForDb, actor: Actor, today: string): Promise<Dashboard> {
  const items = await openRoundItems(tenant);
  const mine = items.filter((i) => canWriteAnyUnit(actor, i.unitIds) && actor.role === "editor").map((i) => i.state);
  const all = items.map((i) => i.state);
  const hearingRounds = actor.role === "viewer" ? [] : (await listRounds(tenant, actor)).filter((r) => r.status === "open");
  const forms = canAdminister(actor) || actor.role === "editor" ? await openRoundForms(tenant, hearingRounds) : [];
  const years = await tenant.headcounts.recordedYears();
  const latest = years[years.length - 1];
  const headcount = canAdminister(actor) || actor.role === "hq" ? (latest === undefined ? null : await compliance(tenant, latest)) : null;

  let awaitingVerification: Dashboard["awaitingVerification"] = [];
  let publicationsAwaitingApproval: number[] = [];
  if (actor.role === "hq") {
    const editions = await tenant.reformEditions.list();
    const edition = [...editions].sort((a, b) => b.fiscal_year - a.fiscal_year)[0];
    if (edition) {
      const views = await viewsOf(tenant, await tenant.reformItems.listByEdition(edition.id), edition.fiscal_year);
      const verified = new Set((await tenant.reformVerifications.list(edition.fiscal_year)).map((v) => v.lineage_key));
      awaitingVerification = views
        .filter((v) => v.currentResult !== undefined && !verified.has(v.lineageKey))
        .map((v) => ({ itemId: v.id, itemNumber: v.number, itemName: v.name, fiscalYear: edition.fiscal_year }));
    }
    publicationsAwaitingApproval = (await tenant.publications.list()).filter((p) => p.state === "ready").map((p) => p.fiscal_year);
  }

  const todoForms = actor.role === "editor" ? hearingTodo(forms.filter((f) => mayEverEditDepartment(actor, f.departmentId))) : [];
  const roundDates = [...new Map(all.map((i) => [i.roundId, i])).values()].map((i) => ({ date: i.dueDate, label: `${i.roundTitle} の提出期限`, href: "/reform/updates" }));
  const hearingDates = hearingRounds.map((r) => ({ date: r.dueDate, label: `${r.title}(${formatFiscalYear(r.targetYear)}) の様式提出期限`, href: `/hearings/${r.id}` }));
  const ownDates = actor.role === "editor" ? roundDates.filter((d) => mine.some((m) => `${m.roundTitle} の提出期限` === d.label)) : roundDates;
  const slotDates = actor.role === "viewer" ? [] : await hearingSlotDates(tenant, actor, hearingRounds);
  // 公表予定日 of each edition: the secretariat publishes, headquarters approves before it.
  const publicationDates =
    canAdminister(actor) || actor.role === "hq"
      ? [...(await plannedPublicationDates(tenant))].map(([fy, date]) => ({ date, label: `${formatFiscalYear(fy)} 基本方針の公表予定日`, href: `/publication#edition-${fy}` }))
      : [];
  return {
    role: actor.role,
    rounds: canAdminister(actor) ? roundProgress(all, today) : [],
    hearings: canAdminister(actor) ? hearingRounds.map((r) => ({ id: r.id, title: r.title, dueDate: r.dueDate })) : [],
    hearingProgress: canAdminister(actor) ? hearingProgress(forms, today) : [],
    hearingTodo: todoForms,
    headcount,
    todo: editorTodo(mine),
    awaitingVerification,
    submitted: actor.role === "hq" ? all.filter((i) => i.status === "submitted") : [],
    publicationsAwaitingApproval,
    calendar: upcomingCalendar(today, actor.role === "viewer" ? [] : [...ownDates, ...(canAdminister(actor) ? hearingDates : hearingDates.filter((d) => todoForms.some((f) => d.href === `/hearings/${f.roundId}`))), ...slotDates, ...publicationDates]),
  };
}

/** How many organisational units (組織, every year's) and user accounts the municipality has, for the dashboard's lead. */
export async function organisationCounts(tenant: Pick<TenantDb, "units" | "users">): Promise<{ units: number; users: number }> {
  const [units, users] = await Promise.all([tenant.units.list(), tenant.users.list()]);
  return { units: units.length, users: users.length };
}
