import { expect, it } from "vitest";
import { storedUnitKind } from "../../src/domain/organisation.js";

it("storedUnitKind is the one reader of org_units.kind: a known kind passes, any other is stored_data_invalid naming the unit", () => {
  expect(storedUnitKind({ kind: "division", name: "行政管理課" })).toBe("division");
  expect(() => storedUnitKind({ kind: "section", name: "行政管理課" })).toThrow("組織「行政管理課」の種別「section」が正しくありません (org_units.kind)");
  expect(() => storedUnitKind({ kind: "section", name: "行政管理課" })).toThrow(expect.objectContaining({ code: "stored_data_invalid" }));
});
