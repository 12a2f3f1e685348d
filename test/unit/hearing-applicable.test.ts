import { describe, expect, it } from "vitest";
import { type ApprovedOrgLine, type UnitState, unapplicableLines } from "../../src/domain/hearing-applicable.js";
import type { OrgChange, StaffLine } from "../../src/domain/hearing-forms.js";

const units: UnitState[] = [
  { id: 1, name: "保健福祉部", parentId: null, validFrom: null, validTo: null },
  { id: 2, name: "健康推進課", parentId: 1, validFrom: null, validTo: null },
  { id: 3, name: "地域医療課", parentId: 1, validFrom: null, validTo: 2025 },
  { id: 4, name: "予防係", parentId: 2, validFrom: null, validTo: null },
];
const change = (id: string, kind: OrgChange["kind"], unitIds: number[], extra: Partial<OrgChange> = {}): ApprovedOrgLine => ({
  departmentId: 1,
  departmentName: "保健福祉部",
  row: Number(id.slice(1)),
  change: { id, kind, effectiveDate: "2027-04-01", unitIds, newNames: [], newParentId: null, reason: "理由", ...extra },
  summary: `${kind}`,
});
const line = (id: string, unitId: number): StaffLine => ({ id, unitId, category: "一般事務", employment: "regular", current: 5, years: [{ increase: 0, decrease: 3 }, { increase: 0, decrease: 0 }, { increase: 0, decrease: 0 }], increaseReason: "", decreaseReason: "委託", driver: "none" });
const check = (orgLines: ApprovedOrgLine[], extra: Partial<Parameters<typeof unapplicableLines>[0]> = {}) =>
  unapplicableLines({ targetYear: 2027, units, recordedYears: new Map(), current: new Map(), orgLines, staffLines: [], ...extra });

describe("unapplicableLines", () => {
  it("passes lines the organisation still allows", () => {
    expect(check([change("C1", "rename", [2], { newNames: ["健康づくり課"] }), change("C2", "create", [], { newNames: ["新課"], newParentId: 1 })])).toEqual([]);
  });

  it("names a unit abolished since the decision, a 所管先 that no longer exists, and a unit an earlier line abolishes", () => {
    const out = check([
      change("C1", "abolish", [3]),
      change("C2", "transfer", [2], { newParentId: 3 }),
      change("C3", "abolish", [2]),
      change("C4", "create", [], { newNames: ["予防課"], newParentId: 4 }),
    ]);
    expect(out.map((u) => u.key)).toEqual(["2:1:C1", "2:1:C2", "2:1:C4"]);
    expect(out[0]?.reason).toContain("「地域医療課」は組織の画面で令和7年度(2025年度)までの組織とされ");
    expect(out[1]?.reason).toContain("所管先の「地域医療課」は");
    // 予防係 ends with 健康推進課, abolished by line 3 (applied before line 4).
    expect(out[2]?.reason).toContain("所管先の「予防係」は組織の画面で令和8年度(2026年度)までの組織とされ");
  });

  it("refuses to end a unit whose 職員数 is recorded after the end, and a plan below 0 or on a unit gone in the target year", () => {
    const figures = check([change("C1", "abolish", [2])], { recordedYears: new Map([[4, [2027]]]) });
    expect(figures[0]?.reason).toContain("「予防係」には令和9年度(2027年度)の職員数が登録されているため、令和8年度(2026年度)末で終わらせることができません");
    const staff = (unitId: number, current: number) =>
      check([], { current: new Map([[unitId, current]]), staffLines: [{ departmentId: 1, departmentName: "保健福祉部", row: 1, line: line("L1", unitId), granted: -3 }] });
    expect(staff(2, 5)).toEqual([]);
    expect(staff(2, 2)[0]?.reason).toContain("「健康推進課」の今の現員 2人に承認された増減 -3人を加えると-1人になり");
    expect(staff(3, 5)[0]?.line).toBe("様式3 人員計画 1行目(地域医療課 一般事務 正規 承認された増減 -3人)");
  });
});
