import { describe, expect, it } from "vitest";
import { canTakePublicationAction, FINGERPRINT_DEFINITION, isPublishable, nextPublicationState, publicationStatus, returnCommentProblem } from "../../src/domain/publication.js";
import type { Actor } from "../../src/domain/roles.js";

const actor = (role: Actor["role"]): Actor => ({ userId: 1, username: role, role, unitIds: [] });

describe("publication workflow", () => {
  it("reads an approved edition whose public data changed since approval as 公表後に変更あり", () => {
    const current = { [FINGERPRINT_DEFINITION]: "abc" };
    expect(publicationStatus("approved", { fingerprint: "abc", definition: FINGERPRINT_DEFINITION }, current)).toBe("approved");
    expect(publicationStatus("approved", { fingerprint: "def", definition: FINGERPRINT_DEFINITION }, current)).toBe("changed");
    expect(publicationStatus("ready", { fingerprint: "def", definition: FINGERPRINT_DEFINITION }, current)).toBe("ready");
  });

  it("compares an approval stored under an older fingerprint definition under that definition: changed data reads 公表後に変更あり, unchanged data 要再承認", () => {
    // null = definition 1 (approvals stored before the definition was recorded).
    const current = { 1: "old-def", [FINGERPRINT_DEFINITION]: "new-def" };
    expect(publicationStatus("approved", { fingerprint: "old-def", definition: null }, current)).toBe("recheck");
    expect(publicationStatus("approved", { fingerprint: "old-def", definition: 1 }, current)).toBe("recheck");
    expect(publicationStatus("approved", { fingerprint: "other", definition: null }, current)).toBe("changed");
    // A definition the caller cannot compute any more can only be confirmed again.
    expect(publicationStatus("approved", { fingerprint: "x", definition: 99 }, current)).toBe("recheck");
    expect(isPublishable("recheck")).toBe(false);
    // Headquarters may confirm it directly; the secretariat may also send it through 承認待ち.
    expect(nextPublicationState("recheck", "approve")).toBe("approved");
    expect(nextPublicationState("recheck", "mark_ready")).toBe("ready");
    expect(nextPublicationState("recheck", "return")).toBeNull();
  });

  it("publishes only an approved, unchanged edition", () => {
    expect(isPublishable("approved")).toBe(true);
    for (const s of ["draft", "ready", "returned", "changed"] as const) expect(isPublishable(s)).toBe(false);
  });

  it("lets the secretariat mark ready from 未申請, 差戻し or 公表後に変更あり, and headquarters decide only what is ready", () => {
    expect(nextPublicationState("draft", "mark_ready")).toBe("ready");
    expect(nextPublicationState("returned", "mark_ready")).toBe("ready");
    expect(nextPublicationState("changed", "mark_ready")).toBe("ready");
    expect(nextPublicationState("approved", "mark_ready")).toBeNull();
    expect(nextPublicationState("ready", "approve")).toBe("approved");
    expect(nextPublicationState("ready", "return")).toBe("returned");
    for (const s of ["draft", "returned", "approved", "changed"] as const) {
      expect(nextPublicationState(s, "approve")).toBeNull();
      expect(nextPublicationState(s, "return")).toBeNull();
    }
  });

  it("gives marking ready to admin only and approving or returning to hq only", () => {
    expect(canTakePublicationAction(actor("admin"), "mark_ready")).toBe(true);
    for (const r of ["hq", "editor", "viewer"] as const) expect(canTakePublicationAction(actor(r), "mark_ready")).toBe(false);
    for (const a of ["approve", "return"] as const) {
      expect(canTakePublicationAction(actor("hq"), a)).toBe(true);
      for (const r of ["admin", "editor", "viewer"] as const) expect(canTakePublicationAction(actor(r), a)).toBe(false);
    }
  });

  it("needs a reason to return an edition", () => {
    expect(returnCommentProblem("  ")).toMatch(/理由/);
    expect(returnCommentProblem("あ".repeat(2001))).toMatch(/2,000/);
    expect(returnCommentProblem("数値を確認")).toBeNull();
  });
});
