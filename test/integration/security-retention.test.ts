/** Issue 14 leftover: security_events and login_throttles are pruned past their retention (hourly in the server, `gyokaku prune`). */
import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import type { Db } from "../../src/db/schema.js";
import { DEFAULT_RETENTION, pruneSecurityRecords, retentionFromEnv, startPruneSchedule } from "../../src/services/security-retention.js";
import { describeEachDatabase } from "../support/databases.js";
import { buildMunicipality } from "../support/factories.js";
import { captureIo, databaseArg } from "../support/cli-io.js";

/** The frozen "now" of these tests. */
const NOW = new Date("2026-12-01T03:00:00.000Z");
const daysBefore = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * 86_400_000 - extraMs).toISOString();

async function seed(db: Db) {
  const a = await buildMunicipality(db);
  const b = await buildMunicipality(db);
  for (const [m, at, kind] of [
    [a.id, daysBefore(365, 1000), "login_failed"],
    [a.id, daysBefore(364), "forbidden"],
    [b.id, daysBefore(800), "csrf_refused"],
    [b.id, daysBefore(0), "login_failed"],
  ] as const) {
    await db.insertInto("security_events").values({ municipality_id: m, at, kind, username: "x", address: "192.0.2.1", path: "/login", detail: "" }).execute();
  }
  for (const [m, key, at] of [
    [a.id, "account:old", daysBefore(30, 1000)],
    [a.id, "account:recent", daysBefore(29)],
    [b.id, "address:192.0.2.1", daysBefore(400)],
  ] as const) {
    await db.insertInto("login_throttles").values({ municipality_id: m, throttle_key: key, failures: 7, last_failure_at: at }).execute();
  }
  await db.insertInto("login_attempts").values({ municipality_id: a.id, username: "legacy", failures: 3, last_failure_at: daysBefore(90) }).execute();
  return { ids: [a.id, b.id] };
}

async function left(db: Db, ids: number[]) {
  const events = await db.selectFrom("security_events").select("at").where("municipality_id", "in", ids).orderBy("at").execute();
  const throttles = await db.selectFrom("login_throttles").select("throttle_key").where("municipality_id", "in", ids).orderBy("throttle_key").execute();
  const attempts = await db.selectFrom("login_attempts").select("username").where("municipality_id", "in", ids).execute();
  return { events: events.map((r) => r.at), throttles: throttles.map((r) => r.throttle_key), attempts: attempts.map((r) => r.username) };
}

describeEachDatabase("security log retention (issue 14)", (get) => {
  it("by default keeps 365 days of the security log and 30 days of login failures, in every municipality", async () => {
    const { db } = get().database;
    const { ids } = await seed(db);
    const result = await pruneSecurityRecords(db, { now: NOW });
    expect(result.securityEvents).toBeGreaterThanOrEqual(2);
    expect(await left(db, ids)).toEqual({ events: [daysBefore(364), daysBefore(0)], throttles: ["account:recent"], attempts: [] });
    // A second pass finds nothing of these municipalities.
    await pruneSecurityRecords(db, { now: NOW });
    expect(await left(db, ids)).toEqual({ events: [daysBefore(364), daysBefore(0)], throttles: ["account:recent"], attempts: [] });
  });

  it("the retention is set by environment, never shorter than the 24 hours the throttle still counts a failure", async () => {
    expect(retentionFromEnv({})).toEqual(DEFAULT_RETENTION);
    expect(retentionFromEnv({ GYOKAKU_SECURITY_LOG_DAYS: "730", GYOKAKU_LOGIN_THROTTLE_DAYS: "7" })).toEqual({ securityEventDays: 730, loginThrottleDays: 7 });
    expect(() => retentionFromEnv({ GYOKAKU_SECURITY_LOG_DAYS: "0" })).toThrow("GYOKAKU_SECURITY_LOG_DAYSは1～36,500の整数(日数)で指定してください: 0");
    const { db } = get().database;
    const m = await buildMunicipality(db);
    await db.insertInto("login_throttles").values({ municipality_id: m.id, throttle_key: "account:today", failures: 9, last_failure_at: daysBefore(0, 3_600_000) }).execute();
    await pruneSecurityRecords(db, { now: NOW, retention: { securityEventDays: 1, loginThrottleDays: 1 } });
    expect((await left(db, [m.id])).throttles).toEqual(["account:today"]);
  });

  it("gyokaku prune does one pass with the given days and says how many went", async () => {
    const t = get();
    const { ids } = await seed(t.database.db);
    const io = captureIo();
    expect(await runCli(["prune", "--security-log-days", "100", "--login-throttle-days", "10", "--now", NOW.toISOString(), "--database", databaseArg(t)], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^削除しました: セキュリティログ \d+件 \(100日より前\)、ログイン失敗の記録 \d+件 \(10日より前\)$/);
    expect(await left(t.database.db, ids)).toEqual({ events: [daysBefore(0)], throttles: [], attempts: [] });
    const bad = captureIo();
    expect(await runCli(["prune", "--security-log-days", "forever", "--database", databaseArg(t)], bad)).not.toBe(0);
    expect(bad.stderr).toEqual(["gyokaku: エラー: --security-log-daysは1～36,500の整数(日数)で指定してください: forever"]);
  });

  it("the server's schedule prunes on its own (first pass, then every interval)", async () => {
    const { db } = get().database;
    const { ids } = await seed(db);
    const stop = startPruneSchedule(db, { retention: DEFAULT_RETENTION, now: () => NOW, firstDelayMs: 0, intervalMs: 50 });
    try {
      for (let i = 0; i < 100 && (await left(db, ids)).throttles.length > 1; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      // A row that expires later is taken by a later pass.
      await db.insertInto("security_events").values({ municipality_id: ids[0] ?? 0, at: daysBefore(500), kind: "forbidden", username: "", address: "", path: "", detail: "" }).execute();
      for (let i = 0; i < 100 && (await left(db, ids)).events.length > 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await stop();
    }
    expect(await left(db, ids)).toEqual({ events: [daysBefore(364), daysBefore(0)], throttles: ["account:recent"], attempts: [] });
  });
});
