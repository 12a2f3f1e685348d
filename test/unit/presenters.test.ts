/**
 * Pages and the JSON API receive presented objects, never database rows (issue 9, "Thin routes, validated edges"):
 * no file of src/web/pages or src/web/routes imports a type or a repository from src/db, except the few listed below
 * that still takes org_units rows (the organisation page edits contact and note). The list
 * may only shrink: a new import of a Row (UserRow with password_hash, SessionRow, an audit or verification row with
 * internal notes) fails here, naming the file and what it imports.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { presentAuditEntry } from "../../src/services/audit-log.js";
import { presentMunicipality } from "../../src/services/municipalities.js";
import { presentNotification } from "../../src/services/notifications.js";
import { presentReorgEvent } from "../../src/services/organisation.js";

const root = join(import.meta.dirname, "../..");

/** What each file may still import from src/db (to be replaced by presenters; never to grow). */
const STILL_ALLOWED: Record<string, readonly string[]> = {
  "src/web/pages/units.tsx": ["OrgUnitRow"],
  // Routes that hand a TenantDb to a service (a handle, not a row).
  "src/web/routes/publication/approval.tsx": ["TenantDb"],
  "src/web/routes/retirement/projection.tsx": ["TenantDb"],
};

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Names a file imports from src/db, as "name (module)". */
function dbImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = relative(root, join(root, file, "..", statement.moduleSpecifier.text));
    if (!target.startsWith("src/db/")) continue;
    const bindings = statement.importClause?.namedBindings;
    const names = bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => e.name.text) : ["*"];
    out.push(...names);
  }
  return out.sort();
}

describe("pages and API routes receive presented objects, never database rows", () => {
  const files = [...filesUnder("src/web/pages"), ...filesUnder("src/web/routes")];
  it("reads imports from src/db (the check can fail)", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(dbImports("src/web/pages/units.tsx")).toEqual(["OrgUnitRow"]);
  });
  it.each(files)("%s imports from src/db only what is still allowed", (file) => {
    expect(dbImports(file).filter((name) => !(STILL_ALLOWED[file] ?? []).includes(name))).toEqual([]);
  });
});

describe("presenters show what the page shows and nothing else", () => {
  it("an audit entry: the action's label and the fields that differ, read through the stored-JSON check", () => {
    const row = { id: 7, municipality_id: 1, at: "2026-04-01T00:00:00.000Z", user_id: 2, actor: "tanaka", action: "update", entity: "user", entity_id: "3", summary: "ユーザーを変更", before_json: '{"role":"viewer","displayName":"佐藤","units":[]}', after_json: '{"role":"editor","displayName":"佐藤","units":["A01"]}' };
    const entry = presentAuditEntry(row);
    expect(entry).toEqual({
      id: 7, at: row.at, actor: "tanaka", actionLabel: "更新", entity: "user", entityId: "3", summary: "ユーザーを変更",
      changes: [{ field: "role", before: "viewer", after: "editor" }, { field: "units", before: "[]", after: '["A01"]' }],
    });
    expect(Object.keys(entry)).not.toContain("before_json");
    expect(presentAuditEntry({ ...row, action: "create", before_json: null, after_json: '{"name":""}' }).changes).toEqual([{ field: "name", before: null, after: "(空)" }]);
    expect(() => presentAuditEntry({ ...row, after_json: "{broken" })).toThrow("保存されているデータが読めません (JSONではありません): audit_log.after_json (#7)");
  });
  it("a notification: read as a flag, no user or municipality id", () => {
    const shown = presentNotification({ id: 4, municipality_id: 1, user_id: 9, kind: "returned", title: "差戻し", href: "/reform/updates/1", created_at: "2026-04-01T00:00:00.000Z", read_at: null });
    expect(shown).toEqual({ id: 4, kind: "returned", title: "差戻し", href: "/reform/updates/1", createdAt: "2026-04-01T00:00:00.000Z", read: false });
  });
  it("a 組織改正 event: units by name (#id for one no longer stored), a rename by its names, bad stored ids refused", () => {
    const names = new Map([[1, "総務部"], [2, "企画部"]]);
    const nameOf = (id: number) => names.get(id) ?? `#${id}`;
    const merge = { id: 5, municipality_id: 1, fiscal_year: 2026, kind: "merge", from_unit_ids: "[1,2]", to_unit_ids: "[9]", old_name: null, new_name: "総務企画部", note: "統合", created_at: "x" };
    expect(presentReorgEvent(merge, nameOf)).toEqual({ id: 5, fiscalYear: 2026, kindLabel: "統合", from: "総務部、企画部", to: "#9", note: "統合" });
    expect(presentReorgEvent({ ...merge, kind: "rename", old_name: "総務部", new_name: "総務課" }, nameOf)).toMatchObject({ kindLabel: "名称変更", from: "総務部", to: "総務課" });
    expect(() => presentReorgEvent({ ...merge, from_unit_ids: '["a"]' }, nameOf)).toThrow("保存されているデータの形が正しくありません: reorg_events.from_unit_ids (#5)");
  });
  it("a municipality: code, name and prefecture, no timestamp", () => {
    expect(presentMunicipality({ id: 1, code: "012246", name: "千歳市", prefecture: "北海道", created_at: "x" } as never)).toEqual({ id: 1, code: "012246", name: "千歳市", prefecture: "北海道" });
  });
});
