import { describe, expect, it } from "vitest";
import { passwordProblem } from "../../src/domain/password-policy.js";
import { type Actor, canAdminister, canReadAuditLog, canWriteUnit } from "../../src/domain/roles.js";

const actor = (role: Actor["role"], unitIds: number[] = []): Actor => ({ userId: 1, username: "u", role, unitIds });

describe("roles", () => {
  it("lets the secretariat (admin) write every unit", () => {
    expect(canWriteUnit(actor("admin"), 7)).toBe(true);
  });
  it("lets an editor write only the units it is bound to", () => {
    expect(canWriteUnit(actor("editor", [3, 4]), 4)).toBe(true);
    expect(canWriteUnit(actor("editor", [3, 4]), 5)).toBe(false);
  });
  it("lets neither headquarters nor a viewer write a unit, even if units are attached", () => {
    expect(canWriteUnit(actor("hq", [1]), 1)).toBe(false);
    expect(canWriteUnit(actor("viewer", [1]), 1)).toBe(false);
  });
  it("shows the audit log to the secretariat and headquarters only", () => {
    expect(["admin", "hq", "editor", "viewer"].map((r) => canReadAuditLog(actor(r as Actor["role"])))).toEqual([true, true, false, false]);
  });
  it("leaves user administration to the secretariat", () => {
    expect(["admin", "hq", "editor", "viewer"].map((r) => canAdminister(actor(r as Actor["role"])))).toEqual([true, false, false, false]);
  });
});

describe("password policy", () => {
  it("requires at least 10 characters", () => {
    expect(passwordProblem("short", "user")).toContain("10文字以上");
    expect(passwordProblem("long-enough-1", "user")).toBeNull();
  });
  it("refuses the username as password and a single repeated character", () => {
    expect(passwordProblem("tanaka.taro", "tanaka.taro")).not.toBeNull();
    expect(passwordProblem("aaaaaaaaaaaa", "user")).not.toBeNull();
  });
});
