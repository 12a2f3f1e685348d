import { describe, expect, it } from "vitest";
import { canEditDepartment, canReadDepartment, decisionProblems, grantedChange, nextFormStatus } from "../../src/domain/hearing.js";
import { form3Schema, formProblems, Form2Schema, requestedHeadcounts } from "../../src/domain/hearing-forms.js";

const editor = { userId: 1, username: "e", role: "editor" as const, unitIds: [10] };

describe("hearing workflow", () => {
  it("a returned form is edited as 差戻し and handed in again as 再提出", () => {
    expect(nextFormStatus("returned", "save")).toBe("returned");
    expect(nextFormStatus("returned", "submit")).toBe("resubmitted");
    expect(nextFormStatus("resubmitted", "return")).toBe("returned");
  });
  it("a submitted form cannot be saved or decided before the hearing", () => {
    expect(nextFormStatus("submitted", "save")).toBeNull();
    expect(nextFormStatus("submitted", "decide")).toBeNull();
    expect(nextFormStatus("heard", "decide")).toBe("decided");
  });
  it("an editor reads only its own department until the round is decided", () => {
    expect(canReadDepartment(editor, 10, "open")).toBe(true);
    expect(canReadDepartment(editor, 11, "open")).toBe(false);
    expect(canReadDepartment(editor, 11, "decided")).toBe(true);
    expect(canReadDepartment({ ...editor, role: "viewer" }, 10, "open")).toBe(false);
    expect(canEditDepartment(editor, 10, "decided")).toBe(false);
  });
});

describe("hearing decisions", () => {
  it("一部承認 approves less than asked, in the same direction, with a reason", () => {
    expect(decisionProblems("行", { outcome: "partial", approvedChange: 1, reason: "一部" }, 3)).toEqual([]);
    expect(decisionProblems("行", { outcome: "partial", approvedChange: -1, reason: "一部" }, 3)).toHaveLength(1);
    expect(decisionProblems("行", { outcome: "partial", approvedChange: -1, reason: "一部" }, -2)).toEqual([]);
    expect(decisionProblems("行", { outcome: "rejected", reason: "" }, 2)[0]).toContain("不承認には理由");
  });
  it("grants the request, the approved part or nothing", () => {
    expect(grantedChange({ outcome: "approved", reason: "" }, 3)).toBe(3);
    expect(grantedChange({ outcome: "partial", approvedChange: 2, reason: "x" }, 3)).toBe(2);
    expect(grantedChange({ outcome: "rejected", reason: "x" }, 3)).toBe(0);
    expect(grantedChange(undefined, 3)).toBe(0);
  });
});

describe("hearing forms", () => {
  const line = { id: "L1", unitId: 5, category: "技術", employment: "regular", current: 4, years: [{ increase: 1, decrease: 0 }, { increase: 0, decrease: 3 }, { increase: 0, decrease: 0 }] as [{ increase: number; decrease: number }, { increase: number; decrease: number }, { increase: number; decrease: number }], increaseReason: "増", decreaseReason: "減", driver: "ict" };
  it("requested headcount is 現員 plus the cumulative 増 − 減", () => {
    expect(requestedHeadcounts(line)).toEqual([5, 2, 2]);
  });
  it("a decrease beyond the staff is refused naming the year", () => {
    const result = form3Schema(2026).safeParse({ lines: [{ ...line, years: [{ increase: 0, decrease: 5 }, { increase: 0, decrease: 0 }, { increase: 0, decrease: 0 }] }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(formProblems(result.error)).toContain("人員計画 1行目: 減が現員を超えています(令和8年度(2026年度)の要求人員が-1人)");
  });
  it("an increase needs a reason", () => {
    const result = form3Schema(2026).safeParse({ lines: [{ ...line, increaseReason: " " }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(formProblems(result.error)).toEqual(["人員計画 1行目: 増の理由を入力してください"]);
  });
  it("様式2 changes take the organisation's shapes (統合 needs two units) and 所管替え needs a new parent", () => {
    const base = { id: "C1", effectiveDate: "2026-04-01", newNames: ["新部"], newParentId: null, reason: "集約" };
    const merge = Form2Schema.safeParse({ changes: [{ ...base, kind: "merge", unitIds: [1] }] });
    expect(merge.success).toBe(false);
    const transfer = Form2Schema.safeParse({ changes: [{ ...base, kind: "transfer", unitIds: [1], newNames: [] }] });
    expect(transfer.success ? [] : formProblems(transfer.error)).toEqual(["組織改正 1行目: 所管替えは所管先を指定します"]);
    const date = Form2Schema.safeParse({ changes: [{ ...base, kind: "create", unitIds: [], effectiveDate: "2026-02-30" }] });
    expect(date.success ? [] : formProblems(date.error)).toEqual(["組織改正 1行目: 施行日は 2026-04-01 の形の日付で入力してください"]);
  });
});
