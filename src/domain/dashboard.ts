/**
 * ダッシュボード (issue 13 point 12): what is due, per role, from the state of the yearly cycle. Pure: "today" comes in.
 */
import { FORM_STATUSES, type FormNumber, type FormStatus } from "./hearing.js";
import type { UpdateStatus } from "./reform.js";

/** One item of an open 更新依頼 (update round) as the dashboard sees it. */
export interface RoundItemState {
  roundId: number;
  roundTitle: string;
  /** 提出期限 (YYYY-MM-DD). */
  dueDate: string;
  itemId: number;
  itemNumber: number;
  itemName: string;
  /** 担当課 as written on the item. */
  divisions: string[];
  status: UpdateStatus;
}

/** Is the item still waiting for its division (not submitted or approved)? */
export function isAwaitingDivision(status: UpdateStatus): boolean {
  return status === "not_started" || status === "draft" || status === "returned";
}

/** Is the item still waiting for its division after the due date (not submitted or approved)? */
export function isOverdue(item: RoundItemState, today: string): boolean {
  return item.dueDate < today && isAwaitingDivision(item.status);
}

/**
 * Is a due date near: from today up to `withinDays` days ahead, both included (dates YYYY-MM-DD)? A date already
 * past is overdue, not near. Pure: today comes in.
 */
export function isDueWithin(dueDate: string, today: string, withinDays: number): boolean {
  const day = 86_400_000;
  const due = Date.parse(`${dueDate}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  if (!Number.isFinite(due) || !Number.isFinite(now)) return false;
  return due >= now && due - now <= withinDays * day;
}

/**
 * How far an update round has got, for the dashboard: its due date (YYYY-MM-DD), the items (件) per UpdateStatus, the
 * overdue items, and per 担当課 the items still to submit and how many of them are overdue.
 */
export interface RoundProgress {
  roundId: number;
  title: string;
  dueDate: string;
  counts: Record<UpdateStatus, number>;
  overdue: RoundItemState[];
  /** Per 担当課: items still to submit, and of them overdue. */
  byDivision: { division: string; open: number; overdue: number }[];
}

/** The secretariat's view of each open round: items per status, the overdue ones, and per division. */
export function roundProgress(items: readonly RoundItemState[], today: string): RoundProgress[] {
  const rounds = new Map<number, RoundItemState[]>();
  for (const item of items) rounds.set(item.roundId, [...(rounds.get(item.roundId) ?? []), item]);
  return [...rounds.values()].map((list) => {
    const first = list[0] as RoundItemState;
    const counts: Record<UpdateStatus, number> = { not_started: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
    for (const i of list) counts[i.status] += 1;
    const divisions = new Map<string, { open: number; overdue: number }>();
    for (const i of list) {
      const waiting = i.status === "not_started" || i.status === "draft" || i.status === "returned";
      for (const d of i.divisions.length > 0 ? i.divisions : ["(担当課なし)"]) {
        const entry = divisions.get(d) ?? { open: 0, overdue: 0 };
        if (waiting) entry.open += 1;
        if (isOverdue(i, today)) entry.overdue += 1;
        divisions.set(d, entry);
      }
    }
    return {
      roundId: first.roundId,
      title: first.roundTitle,
      dueDate: first.dueDate,
      counts,
      overdue: list.filter((i) => isOverdue(i, today)),
      byDivision: [...divisions].map(([division, v]) => ({ division, ...v })).filter((d) => d.open > 0),
    };
  });
}

/** An editor's to-do: its items still to write or submit, returned ones first, then by due date. */
export function editorTodo(items: readonly RoundItemState[]): RoundItemState[] {
  const rank = (s: UpdateStatus) => (s === "returned" ? 0 : s === "draft" ? 1 : s === "not_started" ? 2 : 9);
  return items.filter((i) => rank(i.status) < 9).sort((a, b) => rank(a.status) - rank(b.status) || a.dueDate.localeCompare(b.dueDate) || a.itemNumber - b.itemNumber);
}

/** One date on the city's yearly calendar. */
export interface CalendarEvent {
  date: string;
  label: string;
  href: string;
}

/**
 * The coming dates of the yearly cycle from today: the next 4月1日 (the headcount's reference day), and the dates
 * given (round due dates, hearing dates, 公表予定日); past dates are left out; sorted by date.
 */
export function upcomingCalendar(today: string, events: readonly CalendarEvent[]): CalendarEvent[] {
  const year = Number(today.slice(0, 4));
  const april = `${today.slice(5) <= "04-01" ? year : year + 1}-04-01`;
  const fy = Number(april.slice(0, 4));
  const all = [...events, { date: april, label: `${fy}年4月1日 職員数の基準日(${fy}年度の職員数を入力)`, href: `/staffing/headcounts/${fy}/edit` }];
  return all.filter((e) => e.date >= today).sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label));
}

/** One hearing form (様式1–3) of a department in an open ヒアリング round, as the dashboard sees it. */
export interface HearingFormState {
  roundId: number;
  roundTitle: string;
  /** 様式の提出期限 (YYYY-MM-DD). */
  dueDate: string;
  departmentId: number;
  department: string;
  form: FormNumber;
  status: FormStatus;
}

/** Is the form still the department's to write or submit (作成中, or 差戻し to be submitted again)? */
export function isFormAwaitingDepartment(status: FormStatus): boolean {
  return status === "draft" || status === "returned";
}

/** A department editor's hearing forms to write or submit: returned ones first, then by due date, department and form. */
export function hearingTodo(forms: readonly HearingFormState[]): HearingFormState[] {
  const rank = (s: FormStatus) => (s === "returned" ? 0 : 1);
  return forms
    .filter((f) => isFormAwaitingDepartment(f.status))
    .sort((a, b) => rank(a.status) - rank(b.status) || a.dueDate.localeCompare(b.dueDate) || a.department.localeCompare(b.department, "ja") || a.form - b.form);
}

/**
 * The secretariat's view of an open hearing round: forms per FormStatus, and per department the forms still to submit
 * and whether the due date (YYYY-MM-DD) has passed for them. Pure: today comes in.
 */
export interface HearingProgress {
  roundId: number;
  title: string;
  dueDate: string;
  counts: Record<FormStatus, number>;
  /** Per department: forms still to submit (作成中・差戻し) and, of them, overdue. */
  byDepartment: { departmentId: number; department: string; open: number; overdue: number }[];
}

/** Each open hearing round per form status, with the departments still to submit (issue 13 point 12). */
export function hearingProgress(forms: readonly HearingFormState[], today: string): HearingProgress[] {
  const rounds = new Map<number, HearingFormState[]>();
  for (const f of forms) rounds.set(f.roundId, [...(rounds.get(f.roundId) ?? []), f]);
  return [...rounds.values()].map((list) => {
    const first = list[0] as HearingFormState;
    const counts = Object.fromEntries(FORM_STATUSES.map((s) => [s, 0])) as Record<FormStatus, number>;
    const departments = new Map<number, { department: string; open: number; overdue: number }>();
    for (const f of list) {
      counts[f.status] += 1;
      const entry = departments.get(f.departmentId) ?? { department: f.department, open: 0, overdue: 0 };
      if (isFormAwaitingDepartment(f.status)) {
        entry.open += 1;
        if (f.dueDate < today) entry.overdue += 1;
      }
      departments.set(f.departmentId, entry);
    }
    return {
      roundId: first.roundId,
      title: first.roundTitle,
      dueDate: first.dueDate,
      counts,
      byDepartment: [...departments].map(([departmentId, v]) => ({ departmentId, ...v })).filter((d) => d.open > 0),
    };
  });
}
