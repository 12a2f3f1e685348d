import { describe, expect, it } from "vitest";
import { editorTodo, type HearingFormState, hearingProgress, hearingTodo, isOverdue, type RoundItemState, roundProgress, upcomingCalendar } from "../../src/domain/dashboard.js";

function item(overrides: Partial<RoundItemState>): RoundItemState {
  return { roundId: 1, roundTitle: "令和7年度 更新", dueDate: "2026-05-31", itemId: 1, itemNumber: 1, itemName: "電子決裁", divisions: ["行政管理課"], status: "not_started", ...overrides };
}

describe("dashboard (issue 13 point 12)", () => {
  it("an item is overdue after its due date until it is submitted or approved", () => {
    expect(isOverdue(item({}), "2026-05-31")).toBe(false);
    expect(isOverdue(item({}), "2026-06-01")).toBe(true);
    expect(isOverdue(item({ status: "returned" }), "2026-06-01")).toBe(true);
    expect(isOverdue(item({ status: "submitted" }), "2026-06-01")).toBe(false);
    expect(isOverdue(item({ status: "approved" }), "2026-06-01")).toBe(false);
  });

  it("the secretariat sees each open round per status, the overdue items and the divisions still to submit", () => {
    const [r] = roundProgress(
      [
        item({ itemId: 1, status: "approved" }),
        item({ itemId: 2, status: "draft", divisions: ["情報政策課", "行政管理課"] }),
        item({ itemId: 3, status: "returned", divisions: ["情報政策課"] }),
        item({ itemId: 4, status: "submitted" }),
      ],
      "2026-06-02",
    );
    expect(r?.counts).toEqual({ not_started: 0, draft: 1, submitted: 1, returned: 1, approved: 1 });
    expect(r?.overdue.map((i) => i.itemId)).toEqual([2, 3]);
    expect(r?.byDivision).toEqual([
      { division: "行政管理課", open: 1, overdue: 1 },
      { division: "情報政策課", open: 2, overdue: 2 },
    ]);
  });

  it("an editor's to-do puts returned items first, then drafts and unstarted ones, by due date; done ones are not listed", () => {
    const todo = editorTodo([
      item({ itemId: 1, status: "not_started", dueDate: "2026-05-01" }),
      item({ itemId: 2, status: "approved" }),
      item({ itemId: 3, status: "returned", dueDate: "2026-06-30" }),
      item({ itemId: 4, status: "draft" }),
      item({ itemId: 5, status: "submitted" }),
    ]);
    expect(todo.map((t) => t.itemId)).toEqual([3, 4, 1]);
  });

  it("the calendar shows the coming dates from today, the next 4月1日 included, and never past ones", () => {
    const events = [
      { date: "2026-03-01", label: "過去の期限", href: "/" },
      { date: "2026-12-10", label: "ヒアリング様式の提出期限", href: "/hearings/1" },
    ];
    expect(upcomingCalendar("2026-12-01", events).map((e) => e.date)).toEqual(["2026-12-10", "2027-04-01"]);
    expect(upcomingCalendar("2027-04-01", []).map((e) => e.date)).toEqual(["2027-04-01"]);
    expect(upcomingCalendar("2026-12-01", [])[0]?.label).toContain("2027年度の職員数を入力");
  });

  it("a department's hearing forms to submit put returned ones first; submitted and later ones are not listed", () => {
    const form = (o: Partial<HearingFormState>): HearingFormState => ({ roundId: 1, roundTitle: "ヒアリング", dueDate: "2026-07-31", departmentId: 4, department: "総務部", form: 1, status: "draft", ...o });
    const list = hearingTodo([form({ form: 1 }), form({ form: 2, status: "returned" }), form({ form: 3, status: "submitted" }), form({ form: 3, departmentId: 5, department: "企画部", status: "heard" })]);
    expect(list.map((f) => [f.form, f.status])).toEqual([
      [2, "returned"],
      [1, "draft"],
    ]);
    const [progress] = hearingProgress([form({ form: 1 }), form({ form: 2, status: "returned" }), form({ form: 3, status: "submitted" })], "2026-08-01");
    expect(progress?.counts).toMatchObject({ draft: 1, returned: 1, submitted: 1, heard: 0 });
    expect(progress?.byDepartment).toEqual([{ departmentId: 4, department: "総務部", open: 2, overdue: 2 }]);
    expect(hearingProgress([form({})], "2026-07-31")[0]?.byDepartment[0]?.overdue).toBe(0);
  });
});
