/** Issue 14 leftover: `gyokaku user unlock <username>` and `reset-password` clear an account's login throttle, audited. */
import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { TenantDb } from "../../src/db/tenant.js";
import { login } from "../../src/services/auth.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { buildMunicipality, buildUser, TEST_PASSWORD } from "../support/factories.js";
import { captureIo, databaseArg } from "../support/cli-io.js";

async function lockedAccount(t: TestDatabase) {
  const { db } = t.database;
  const m = await buildMunicipality(db);
  const user = await buildUser(db, m, "admin");
  const other = await buildUser(db, m, "viewer");
  for (const address of ["203.0.113.7", "198.51.100.9"]) {
    for (let i = 0; i < 5; i++) {
      await expect(login(db, { municipalityId: m.id, username: user.username, password: `wrong-${i}-password`, address })).rejects.toThrow();
    }
  }
  // Locked from the addresses that guessed; another account's failures stay counted.
  await expect(login(db, { municipalityId: m.id, username: user.username, password: TEST_PASSWORD, address: "203.0.113.7" })).rejects.toMatchObject({ code: "rate_limited" });
  await expect(login(db, { municipalityId: m.id, username: other.username, password: "wrong-password-x", address: "192.0.2.1" })).rejects.toThrow();
  return { db, m, user, other, tenant: new TenantDb(db, m.id), args: ["--municipality", m.code, "--database", databaseArg(t)] };
}

const keysOf = async (t: { db: TestDatabase["database"]["db"]; m: { id: number } }) =>
  (await t.db.selectFrom("login_throttles").select("throttle_key").where("municipality_id", "=", t.m.id).orderBy("throttle_key").execute()).map((r) => r.throttle_key);

describeEachDatabase("gyokaku user unlock (issue 14)", (get) => {
  it("clears the account's failures from every address, audited and in the security log; the person logs in at once", async () => {
    const locked = await lockedAccount(get());
    const { db, m, user, other, tenant, args } = locked;
    const io = captureIo();
    expect(await runCli(["user", "unlock", user.username, ...args], io)).toBe(0);
    expect(io.stdout[0]).toBe(`ログイン制限を解除しました: ${user.username} (3件)`);
    // The addresses' own counts and the other account's stay.
    expect(await keysOf(locked)).toEqual(
      [`account-address:${other.username}@192.0.2.1`, `account:${other.username}`, "address:192.0.2.1", "address:198.51.100.9", "address:203.0.113.7"].sort(),
    );
    const session = await login(db, { municipalityId: m.id, username: user.username, password: TEST_PASSWORD, address: "203.0.113.7" });
    expect(session).toBeTruthy();
    const [entry] = await tenant.audit.list({ entity: "login_throttle", actor: "(CLI)", limit: 1, offset: 0 });
    expect(entry?.summary).toBe(`ログイン制限を解除: ${user.username} (3件)`);
    const events = await db.selectFrom("security_events").select(["kind", "detail"]).where("municipality_id", "=", m.id).where("kind", "=", "unlocked").execute();
    expect(events).toEqual([{ kind: "unlocked", detail: `account:${user.username}` }]);

    const again = captureIo();
    expect(await runCli(["user", "unlock", "--username", user.username, ...args], again)).toBe(0);
    expect(again.stdout[0]).toBe(`${user.username} にはログイン制限がありません (失敗の記録なし)`);
    const missing = captureIo();
    expect(await runCli(["user", "unlock", ...args], missing)).not.toBe(0);
    expect(missing.stderr.join("\n")).toContain("解除するユーザー名を指定してください");
  });

  it("reset-password also clears the lockout, and says so in the audit log", async () => {
    const locked = await lockedAccount(get());
    const { db, m, user, tenant, args } = locked;
    const io = captureIo("sturdy-lantern-path-9\n");
    expect(await runCli(["user", "reset-password", "--username", user.username, "--password-stdin", ...args], io)).toBe(0);
    expect((await keysOf(locked)).filter((k) => k.includes(user.username))).toEqual([]);
    expect(await login(db, { municipalityId: m.id, username: user.username, password: "sturdy-lantern-path-9", address: "203.0.113.7" })).toBeTruthy();
    const [entry] = await tenant.audit.list({ entity: "user", actor: "(CLI)", limit: 1, offset: 0 });
    expect(entry?.summary).toBe(`パスワードを再発行: ${user.username} (ログイン制限も解除)`);
  });

  it("--help lists unlock", async () => {
    const io = captureIo();
    await runCli(["user", "--help"], io);
    expect([...io.stdout, ...io.stderr].join("\n")).toMatch(/unlock \[オプション\] \[username\]\s+ログインの失敗で待たされているアカウントの制限を解除する/);
  });
});
