/**
 * 団体名のローマ字 (issue 14 point 9, passwords): given at registration, stored in lower case, and a password built on
 * it is refused (「chitose2025」 passed before: no romaji was stored, so the password rule never saw it).
 */
import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { createMunicipality } from "../../src/services/municipalities.js";
import { addUser } from "../../src/services/users.js";
import { runCli } from "../../src/cli/program.js";
import { captureIo, databaseArg } from "../support/cli-io.js";
import { describeEachDatabase } from "../support/databases.js";

const REFUSED = "パスワードに団体名(ローマ字)を含めることはできません。推測されやすいためです";

describeEachDatabase("団体名のローマ字", (get) => {
  it("is stored trimmed and in lower case; a password holding it is refused; nothing is written", async () => {
    const { db } = get().database;
    const m = await createMunicipality(db, { code: "012033", name: "小樽市", prefecture: "北海道", romaji: " Otaru " }, CLI_ACTOR);
    expect(m.name_romaji).toBe("otaru");
    const tenant = new TenantDb(db, m.id);
    await expect(addUser(tenant, { username: "sato", role: "viewer", password: "Otaru-2025-harbour" }, CLI_ACTOR)).rejects.toThrow(REFUSED);
    expect(await db.selectFrom("users").select("id").where("municipality_id", "=", m.id).execute()).toEqual([]);
    // Without the romaji in it, the same kind of password is accepted.
    await addUser(tenant, { username: "sato", role: "viewer", password: "sturdy-lantern-path-1" }, CLI_ACTOR);
  });

  it("refuses a romaji that is not letters, naming what was given; nothing is registered", async () => {
    const { db } = get().database;
    await expect(createMunicipality(db, { code: "012041", name: "旭川市", prefecture: "北海道", romaji: "旭川" }, CLI_ACTOR)).rejects.toThrow(
      "団体名のローマ字「旭川」は使えません (半角英字・空白・ハイフンで2〜64文字。例: chitose)",
    );
    expect(await db.selectFrom("municipalities").select("id").where("code", "=", "012041").execute()).toEqual([]);
    // Given but blank: refused too (the password check would be off without notice).
    await expect(createMunicipality(db, { code: "012041", name: "旭川市", prefecture: "北海道", romaji: "  " }, CLI_ACTOR)).rejects.toThrow(
      "団体名のローマ字「  」は使えません (半角英字・空白・ハイフンで2〜64文字。例: chitose)",
    );
  });

  it("gyokaku init --romaji records it, and the demo city is chitose: 「chitose2025」 is refused for its users", async () => {
    const t = get();
    const io = captureIo();
    expect(await runCli(["init", "--code", "012025", "--name", "函館市", "--prefecture", "北海道", "--romaji", "hakodate", "--database", databaseArg(t)], io), io.stderr.join("\n")).toBe(0);
    expect((await t.database.db.selectFrom("municipalities").select("name_romaji").where("code", "=", "012025").executeTakeFirst())?.name_romaji).toBe("hakodate");
    const demo = await loadDemo(t.database.db);
    expect(demo.municipality.name_romaji).toBe("chitose");
    const tenant = new TenantDb(t.database.db, demo.municipality.id);
    await expect(addUser(tenant, { username: "tanaka", role: "viewer", password: "chitose2025" }, CLI_ACTOR)).rejects.toThrow(REFUSED);
  });
});
