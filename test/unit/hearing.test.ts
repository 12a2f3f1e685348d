import { describe, expect, it } from "vitest";
import { canEditDepartment, canReadDepartment, decisionProblems, grantedChange, nextFormStatus, overlappingDepartment, defaultRoundDepartments } from "../../src/domain/hearing.js";
import { effectiveDateRange, type FormCheckContext, formContentProblems, wouldMakeCycle } from "../../src/domain/hearing-checks.js";
import { contentDifferences, saveConflictMessage } from "../../src/domain/hearing-conflict.js";
import { countInputProblem, decidedHeadcountProblems, type Form3, noUnitsExplanation, problemLine, requestedHeadcounts, requestedHeadcountsShown, yearOnYearShown } from "../../src/domain/hearing-forms.js";

const editor = { userId: 1, username: "e", role: "editor" as const, unitIds: [10] };

describe("a refused count quotes what was typed without misleading", () => {
  it("a long run of digits is told by its length, long text is cut with …", () => {
    expect(countInputProblem("増", "1" + "0".repeat(300), 0, 10_000)).toBe("増が大きすぎます (10,000まで): 「301桁の数」");
    expect(countInputProblem("増", "12345", 0, 10_000)).toBe("増が大きすぎます (10,000まで): 「12345」");
    expect(countInputProblem("増", "あ".repeat(45), 0, 10)).toBe(`増を数値として読めません: 「${"あ".repeat(40)}…」(0以上10以下の整数を入力してください)`);
  });
});

describe("hearing departments do not overlap", () => {
  // 2 市長部局 > 3 企画部 > 24 総務課; 12 病院 > 13 病院事務局; 15 消防 on its own; 30 ↔ 31 a broken cycle.
  const parents = new Map<number, number | null>([[2, null], [3, 2], [24, 3], [12, null], [13, 12], [15, null], [30, 31], [31, 30]]);
  const parentOf = (id: number) => parents.get(id) ?? null;
  it("a unit above or below a department of the round overlaps it; a separate 任命権者 does not", () => {
    expect(overlappingDepartment(2, [3, 13], parentOf)).toBe(3); // 市長部局 holds 企画部
    expect(overlappingDepartment(12, [3, 13], parentOf)).toBe(13); // 病院 holds 病院事務局
    expect(overlappingDepartment(24, [3], parentOf)).toBe(3); // 総務課 sits in 企画部
    expect(overlappingDepartment(3, [3], parentOf)).toBe(3);
    expect(overlappingDepartment(15, [3, 13], parentOf)).toBeNull();
    expect(overlappingDepartment(30, [15], parentOf)).toBeNull(); // a cycle ends the walk
  });
});

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
  const ctx: FormCheckContext = {
    targetYear: 2026,
    departmentName: "企画部",
    unitIds: [5, 6],
    unitNames: new Map([
      [5, "企画部"],
      [6, "企画課"],
      [9, "総務部"],
    ]),
    jobCategories: ["技術", "一般事務"],
    reformKeys: [],
    current: new Map([
      [5, { name: "企画部", current: 10 }],
      [6, { name: "企画課", current: 4 }],
    ]),
  };
  const lines = (content: unknown, form: 1 | 2 | 3 = 3) => formContentProblems(form, content, ctx).problems.map(problemLine);
  it("requested headcount is 現員 plus the cumulative 増 − 減", () => {
    expect(requestedHeadcounts(line)).toEqual([5, 2, 2]);
  });
  it("a decrease beyond the staff is refused naming the year", () => {
    expect(lines({ lines: [{ ...line, years: [{ increase: 0, decrease: 5 }, { increase: 0, decrease: 0 }, { increase: 0, decrease: 0 }] }] })).toContain("人員計画 1行目: 減が現員を超えています(令和8年度(2026年度)の要求人員が-1人)");
  });
  it("an increase needs a reason", () => {
    expect(lines({ lines: [{ ...line, increaseReason: " " }] })).toEqual(["人員計画 1行目: 増の理由を入力してください"]);
  });
  it("様式2 changes take the organisation's shapes (統合 needs two units) and 所管替え needs a new parent", () => {
    const base = { id: "C1", effectiveDate: "2026-04-01", newNames: ["新部"], newParentId: null, reason: "集約" };
    expect(lines({ changes: [{ ...base, kind: "merge", unitIds: [5] }] }, 2)).toEqual(["組織改正 1行目: 改正の種類: 統合は、元の組織2つ以上と統合後の組織1つを指定します"]);
    expect(lines({ changes: [{ ...base, kind: "transfer", unitIds: [6], newNames: [] }] }, 2)).toEqual(["組織改正 1行目: 所管先: 所管替えは所管先を指定します"]);
    expect(lines({ changes: [{ ...base, kind: "create", unitIds: [], effectiveDate: "2026-02-30" }] }, 2)).toEqual(["組織改正 1行目: 施行日は 2026-04-01 の形の日付で入力してください"]);
  });
  it("様式2: an effective date outside the held year … the last planned year is refused, saying the range", () => {
    const base = { id: "C1", kind: "create", unitIds: [], newNames: ["新課"], newParentId: 5, reason: "新設" };
    expect(effectiveDateRange(2026)).toEqual({ from: "2025-04-01", to: "2029-03-31" });
    expect(lines({ changes: [{ ...base, effectiveDate: "2026-04-01" }] }, 2)).toEqual([]);
    expect(lines({ changes: [{ ...base, effectiveDate: "2025-04-01" }] }, 2)).toEqual([]);
    expect(lines({ changes: [{ ...base, effectiveDate: "2020-04-01" }] }, 2)).toEqual([
      "組織改正 1行目: 施行日「2020-04-01」は範囲外です。令和8年度(2026年度)に向けた組織改正の施行日は、令和7年4月1日(2025-04-01)から令和11年3月31日(2029-03-31)までの日付にしてください",
    ]);
    expect(lines({ changes: [{ ...base, effectiveDate: "2999-04-01" }] }, 2)[0]).toContain("施行日「2999-04-01」は範囲外です");
  });
  it("様式2: the same unit twice in one change, or in two changes, is refused naming both rows", () => {
    const base = { effectiveDate: "2026-04-01", newParentId: null, reason: "見直し" };
    expect(lines({ changes: [{ ...base, id: "C1", kind: "merge", unitIds: [6, 6], newNames: ["政策課"] }] }, 2)).toContain("組織改正 1行目: 対象組織「企画課」が2回指定されています");
    const two = lines({ changes: [{ ...base, id: "C1", kind: "rename", unitIds: [6], newNames: ["政策課"] }, { ...base, id: "C2", kind: "abolish", unitIds: [6], newNames: [] }] }, 2);
    expect(two).toEqual(["組織改正 2行目: 対象組織「企画課」は1行目の組織改正でも対象になっています。1つの組織の改正は1行にまとめてください"]);
    const names = lines({ changes: [{ ...base, id: "C1", kind: "create", unitIds: [], newNames: ["広報課", "広報課"], newParentId: 5 }, { ...base, id: "C2", kind: "create", unitIds: [], newNames: ["広報課"], newParentId: 5 }, { ...base, id: "C3", kind: "create", unitIds: [], newNames: ["企画課"], newParentId: 5 }] }, 2);
    expect(names).toEqual(["組織改正 1行目: 新しい組織の名称「広報課」が2回書かれています", "組織改正 2行目: 新しい組織の名称「広報課」は1行目の組織改正でも使われています", "組織改正 3行目: 新しい組織の名称「企画課」は既にある組織の名称です"]);
  });
  it("様式2: a new unit cannot be created under a parent of another department", () => {
    const change = { id: "C1", kind: "create", effectiveDate: "2026-04-01", unitIds: [], newNames: ["新課"], newParentId: 9, reason: "新設" };
    expect(lines({ changes: [change] }, 2)).toEqual(["組織改正 1行目: 所管先「総務部」は企画部の組織ではありません。新設する組織は企画部の組織の下に置きます(他の部局に置く組織は、その部局の様式2で要望します)"]);
    expect(lines({ changes: [{ ...change, newParentId: 6 }] }, 2)).toEqual([]);
  });
  it("様式2: a 所管替え may not put a unit under itself or any unit below it (a cycle), alone or with an earlier row", () => {
    // 企画部(5) ─ 企画課(6) ─ 政策係(7); 総務部(9) elsewhere.
    const tree: FormCheckContext = { ...ctx, unitIds: [5, 6, 7], unitNames: new Map([...ctx.unitNames, [7, "政策係"]]), parentOf: new Map([[5, 1], [6, 5], [7, 6], [9, 1]]) };
    const check = (changes: unknown[]) => formContentProblems(2, { changes }, tree).problems.map(problemLine);
    const move = (id: string, unit: number, parent: number) => ({ id, kind: "transfer", effectiveDate: "2026-04-01", unitIds: [unit], newNames: [], newParentId: parent, reason: "所管替え" });
    expect(wouldMakeCycle(tree.parentOf ?? new Map(), 5, 7)).toBe(true);
    expect(wouldMakeCycle(tree.parentOf ?? new Map(), 7, 5)).toBe(false);
    expect(check([move("C1", 5, 7)])).toEqual(["組織改正 1行目: 所管先「政策係」は対象組織「企画部」の下にある組織です。組織を自分の下の組織の下へ移すことはできません(組織の親子関係が循環します)"]);
    expect(check([move("C1", 5, 6)])[0]).toContain("組織改正 1行目: 所管先「企画課」は対象組織「企画部」の下にある組織です");
    expect(check([move("C1", 5, 5)])).toEqual(["組織改正 1行目: 所管先: 対象組織そのものは所管先にできません"]);
    // Moving down or across is fine; two rows that only together make a loop: the later one is refused naming the earlier.
    expect(check([move("C1", 7, 5)])).toEqual([]);
    expect(check([move("C1", 6, 9)])).toEqual([]);
    const tree2: FormCheckContext = { ...tree, unitIds: [5, 6, 7, 8], unitNames: new Map([...tree.unitNames, [8, "広報課"]]), parentOf: new Map([...(tree.parentOf ?? []), [8, 5]]) };
    const pair = formContentProblems(2, { changes: [move("C1", 6, 8), move("C2", 8, 7)] }, tree2).problems.map(problemLine);
    expect(pair).toEqual(["組織改正 2行目: 所管先「政策係」は、1行目の所管替えの後には対象組織「広報課」の下にある組織になります。組織の親子関係が循環するため、この所管替えはできません"]);
  });
  it("様式2: a change applies only to units that exist across its effective year, and a unit goes only under a parent that exists then (as 組織改正 requires when applied)", () => {
    // 企画課(6) ends with 令和7年度 (2025); 政策係(7) was set up in 令和7年度 (2025); the round prepares 令和8年度 (2026).
    const spans: FormCheckContext = {
      ...ctx,
      unitIds: [5, 6, 7],
      unitNames: new Map([...ctx.unitNames, [7, "政策係"]]),
      validity: new Map([[5, { validFrom: null, validTo: null }], [6, { validFrom: null, validTo: 2025 }], [7, { validFrom: 2025, validTo: null }], [9, { validFrom: null, validTo: null }]]),
    };
    const check = (change: Record<string, unknown>) => formContentProblems(2, { changes: [{ id: "C1", newNames: [], newParentId: null, reason: "見直し", ...change }] }, spans).problems.map(problemLine);
    expect(check({ kind: "rename", effectiveDate: "2026-04-01", unitIds: [6], newNames: ["政策課"] })).toEqual([
      "組織改正 1行目: 対象組織「企画課」は令和7年度(2025年度)から令和8年度(2026年度)にかけて存在しないため、施行日「2026-04-01」の名称変更の対象にできません(組織の存続期間と施行日を確かめてください)",
    ]);
    expect(check({ kind: "abolish", effectiveDate: "2025-10-01", unitIds: [7] })[0]).toContain("組織改正 1行目: 対象組織「政策係」は令和6年度(2024年度)から令和7年度(2025年度)にかけて存在しないため");
    expect(check({ kind: "create", effectiveDate: "2026-04-01", unitIds: [], newNames: ["広報課"], newParentId: 6 })).toEqual(["組織改正 1行目: 所管先「企画課」は施行日「2026-04-01」の令和8年度(2026年度)には存在しません(組織の存続期間を確かめてください)"]);
    expect(check({ kind: "transfer", effectiveDate: "2026-04-01", unitIds: [7], newParentId: 6 })).toEqual(["組織改正 1行目: 所管先「企画課」は施行日「2026-04-01」の令和8年度(2026年度)には存在しません(組織の存続期間を確かめてください)"]);
    // The same changes a year that fits are accepted.
    expect(check({ kind: "rename", effectiveDate: "2025-10-01", unitIds: [6], newNames: ["政策課"] })).toEqual([]);
    expect(check({ kind: "abolish", effectiveDate: "2026-04-01", unitIds: [7] })).toEqual([]);
  });
  it("様式3 decisions may not leave a unit below 0 (applying refuses such a 配置計画): rejecting an increase while approving a decrease is refused naming the unit and rows", () => {
    const years = (inc: number, dec: number) => [{ increase: inc, decrease: dec }, { increase: 0, decrease: 0 }, { increase: 0, decrease: 0 }] as typeof line.years;
    const content = { lines: [{ ...line, id: "L1", unitId: 6, years: years(3, 0) }, { ...line, id: "L2", unitId: 6, employment: "reappointed", current: 6, years: years(0, 6) }, { ...line, id: "L3", unitId: 5, years: years(1, 0) }] } as unknown as Form3;
    const current = new Map([[5, { name: "企画部", current: 10 }], [6, { name: "企画課", current: 4 }]]);
    const ok = { outcome: "approved" as const, reason: "" };
    const no = { outcome: "rejected" as const, reason: "根拠不足" };
    expect(decidedHeadcountProblems(content, { L1: no, L2: ok, L3: no }, current, 2026)).toEqual([
      "人員計画 1・2行目: この決定では企画課の令和8年度(2026年度)の人員が-2人になります(現員 4人、決定した増減 -6人)。0人未満の配置計画は反映できないため、決定を見直してください",
    ]);
    expect(decidedHeadcountProblems(content, { L1: ok, L2: ok, L3: no }, current, 2026)).toEqual([]);
    expect(decidedHeadcountProblems(content, { L1: { outcome: "partial", approvedChange: 2, reason: "一部" }, L2: ok, L3: ok }, current, 2026)).toEqual([]);
  });
  it("every problem of a form is reported at once: a bad number does not hide a missing reason or a wrong category", () => {
    const bad = { ...line, category: "魔法使い", increaseReason: "", years: [{ increase: "100000", decrease: 0 }, { increase: 1, decrease: 0 }, { increase: 0, decrease: 0 }] };
    expect(lines({ lines: [bad] })).toEqual([
      "人員計画 1行目: 増(令和8年度(2026年度))が大きすぎます (10,000まで): 「100000」",
      "人員計画 1行目: 職種「魔法使い」は一覧にありません (技術・一般事務)",
      "人員計画 1行目: 増の理由を入力してください",
    ]);
  });
  it("an absurd number gets the bound in its message, typed or sent as JSON", () => {
    expect(countInputProblem("増", "100000000000000000000", 0, 10_000)).toBe("増が大きすぎます (10,000まで): 「21桁の数」");
    // Typed text is read by the one number-cell reader (issue 10): exponents are no count a clerk types, 「１２人」 and 「1,055」 are.
    expect(countInputProblem("増", "1e300", 0, 10_000)).toBe("増を数値として読めません: 「1e300」(0以上10,000以下の整数を入力してください)");
    expect(countInputProblem("増", "１２人", 0, 10_000)).toBeNull();
    expect(countInputProblem("増", "▲1", 0, 10_000)).toBe("増は0以上の整数で入力してください: 「▲1」");
    expect(countInputProblem("増", 1e300, 0, 10_000)).toBe("増が大きすぎます (10,000まで): 「1e+300」");
    expect(countInputProblem("増", "９９９９９９９９９９９", 0, 10_000)).toContain("が大きすぎます (10,000まで)");
    expect(countInputProblem("増", "2.5", 0, 10_000)).toBe("増は整数で入力してください (小数は使えません): 「2.5」");
    expect(countInputProblem("増", "-1", 0, 10_000)).toBe("増は0以上の整数で入力してください: 「-1」");
    expect(countInputProblem("増", "１,２００", 0, 10_000)).toBeNull();
  });
  it("computed cells show a dash, never NaN, when an input is not a number", () => {
    expect(requestedHeadcountsShown({ current: 4, years: [{ increase: "abc", decrease: 0 }, { increase: 1, decrease: 0 }, { increase: 0, decrease: 0 }] })).toEqual([null, null, null]);
    expect(requestedHeadcountsShown({ current: "x", years: [{ increase: 1, decrease: 0 }] })).toEqual([null]);
    expect(requestedHeadcountsShown({ current: 4, years: [{ increase: 1, decrease: 0 }, { increase: 1e300, decrease: 0 }] })).toEqual([5, null]);
    expect(yearOnYearShown("8,200", 11500)).toBeNull();
    expect(yearOnYearShown(8200, 11500)).toBe(140.2);
  });
  it("an empty unit list is explained (why, and what to do), not answered with 「組織を選んでください」", () => {
    const empty = formContentProblems(3, { lines: [{ ...line, unitId: "" }] }, { ...ctx, unitIds: [], current: new Map() }).problems.map(problemLine);
    expect(empty[0]).toBe(`組織: ${noUnitsExplanation("企画部", 2025)}`);
    expect(empty[0]).toContain("令和7年度(2025年度)に存在する組織が組織の一覧に見つからないため");
    expect(empty[0]).toContain("組織の管理画面で企画部の組織と存続期間");
    expect(lines({ lines: [{ ...line, unitId: "" }] })).toContain("人員計画 1行目: 組織を選んでください");
  });
  it("a save conflict names who saved and when, and says so when it was the same user in another tab", () => {
    const stored = { savedBy: "kikaku", savedAt: "2026-07-01T01:23:00.000Z", version: 3 };
    expect(saveConflictMessage({ ...stored, you: "kikaku" })).toContain("あなた(kikaku)が別の画面(タブ・ウィンドウ)で令和8年(2026年)7月1日 10:23に保存しています(版 3)");
    expect(saveConflictMessage({ ...stored, you: "somu" })).toContain("kikakuさんが令和8年(2026年)7月1日 10:23に保存しています");
    expect(saveConflictMessage({ ...stored, you: "kikaku" })).not.toContain("他の人");
    const diff = contentDifferences({ lines: [{ id: "L1", unitId: 5, current: 4, increaseReason: "DX" }] }, { lines: [{ id: "L1", unitId: 5, current: 4, increaseReason: "別" }, { id: "N1", unitId: 6 }] }, (id) => (id === 5 ? "企画部" : "企画課"));
    expect(diff).toEqual([
      { where: "人員計画 1行目 増の理由", stored: "DX", sent: "別" },
      { where: "人員計画 2行目", stored: "(この行はありません)", sent: "追加" },
    ]);
  });
});

describe("defaultRoundDepartments: a new round hears the 部 of 市長部局 (other 任命権者 when the secretariat adds them)", () => {
  const u = (id: number, kind: string, name: string, parentId: number | null = null) => ({ id, kind, name, parentId });
  it("leaves out the 部 of 病院 and the 任命権者 outside 市長部局, as the seed's section 4", () => {
    const units = [u(1, "special", "特別職"), u(2, "authority", "市長部局"), u(3, "department", "企画部", 2), u(4, "department", "総務部", 2), u(5, "division", "企画課", 3),
      u(12, "authority", "病院"), u(13, "department", "病院事務局", 12), u(14, "department", "病院医療職", 12), u(17, "group", "行政委員会等"), u(23, "authority", "教育委員会", 17)];
    expect(defaultRoundDepartments(units)).toEqual([3, 4]);
  });
  it("finds 町長部局 by its name wherever it is listed, else the first top-level 任命権者; an organisation of 部 only hears every 部", () => {
    expect(defaultRoundDepartments([u(1, "authority", "病院"), u(2, "department", "事務局", 1), u(3, "authority", "町長部局"), u(4, "department", "住民課", 3)])).toEqual([4]);
    expect(defaultRoundDepartments([u(1, "authority", "本庁"), u(2, "department", "総務部", 1), u(3, "authority", "病院"), u(4, "department", "事務局", 3)])).toEqual([2]);
    expect(defaultRoundDepartments([u(1, "department", "総務部"), u(2, "department", "建設部")])).toEqual([1, 2]);
  });
});
