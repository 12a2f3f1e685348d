/**
 * 年齢構成の年度更新 through the web (issue 13 point 14): a unit's age profile rolls into the next year, previewed
 * before anything is written, saved as the next year's profile, refused for a unit the editor may not write.
 */
import { expect, it } from "vitest";
import { rollAgeProfileForward } from "../../src/domain/age-roll.js";
import { schedulesOf } from "../../src/services/retirement-planning.js";
import { runCli } from "../../src/cli/program.js";
import { captureIo, databaseArg } from "../support/cli-io.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { textOf } from "../support/html.js";

const setup = (get: () => TestDatabase) => demoSite(get, { mayorOffice: "100", kikaku: "110" });

const count = (rows: { cohort: number; category: string; count: number }[], cohort: number) => rows.find((r) => r.cohort === cohort && r.category === "general")?.count ?? 0;

describeEachDatabase("年齢構成の年度更新", (get) => {
  it("rolls a unit's profile one year forward: a preview first, nothing written, then saved as the next year's profile", async () => {
    const { tenant, mayorOffice, client } = await setup(get);
    const admin = await client("admin");
    const before = (await tenant.ageProfiles.list(2025, [mayorOffice.id])).map((r) => ({ cohort: r.cohort, category: r.category, count: r.count }));
    expect(before.reduce((s, r) => s + r.count, 0)).toBe(497);
    const form = await (await admin.get(`/staffing/age-profile/roll?unit=${mayorOffice.id}&year=2025`)).text();
    expect(form).toContain("令和8年度(2026年度)へ繰り越す");
    const leaverCohort = 1995;
    const had = count(before, leaverCohort);
    expect(had).toBeGreaterThan(0);
    const fields = { unit: String(mayorOffice.id), year: "2025", [`l.${leaverCohort}.general`]: "1", "h.0.age": "22", "h.0.category": "general", "h.0.count": "5" };

    const preview = await admin.post("/staffing/age-profile/roll", { ...fields, action: "preview" });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    const expected = rollAgeProfileForward({ baseYear: 2025, profile: before, leavers: [{ cohort: leaverCohort, category: "general", count: 1 }], hires: [{ cohort: 2004, category: "general", count: 5 }], schedules: await schedulesOf(tenant) });
    expect(expected.totals.after).toBe(497 - expected.totals.retirees - 1 + 5);
    expect(textOf(html)).toContain("令和8年度(2026年度)の年齢構成(確認用・まだ保存されていません)");
    expect(html).toContain(`<td class="num" data-col="after" data-row="total">${expected.totals.after.toLocaleString("ja-JP")}</td>`);
    expect(await tenant.ageProfiles.list(2026, [mayorOffice.id])).toEqual([]);

    const applied = await admin.post("/staffing/age-profile/roll", { ...fields, action: "apply" });
    expect(applied.status).toBe(302);
    expect(applied.headers.get("location")).toBe(`/staffing/age-profile?unit=${mayorOffice.id}&year=2026&saved=1`);
    const after = (await tenant.ageProfiles.list(2026, [mayorOffice.id])).map((r) => ({ cohort: r.cohort, category: r.category, count: r.count }));
    // Everyone a year older: the same cohort, one fewer leaver; five 22-year-olds of 2026 (born in FY2004) in.
    expect(count(after, leaverCohort)).toBe(had - 1);
    expect(count(after, 2004)).toBe(count(before, 2004) + 5);
    expect(after.reduce((s, r) => s + r.count, 0)).toBe(expected.totals.after);
    expect([...after].sort((a, b) => a.cohort - b.cohort)).toEqual(expected.profile);

    // Rolling again over the stored 2026 profile asks for the confirmation first.
    const again = await admin.post("/staffing/age-profile/roll", { ...fields, action: "apply" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("令和8年度(2026年度)の年齢構成");
  });

  it("refuses more leavers than staff, naming the cohort, and writes nothing", async () => {
    const { tenant, mayorOffice, client } = await setup(get);
    const admin = await client("admin");
    await admin.get(`/staffing/age-profile/roll?unit=${mayorOffice.id}&year=2025`);
    const storedBefore = await tenant.ageProfiles.list(2026, [mayorOffice.id]);
    const response = await admin.post("/staffing/age-profile/roll", { unit: String(mayorOffice.id), year: "2025", "l.1995.general": "9999", action: "apply", replace: "1" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("平成7年度生まれ(一般職)の退職者 9999人が、在職者");
    expect(await tenant.ageProfiles.list(2026, [mayorOffice.id])).toEqual(storedBefore);
  });

  it("refuses 採用者 rows that are not whole numbers or lack one, naming each row, and writes nothing", async () => {
    const { tenant, mayorOffice, client } = await setup(get);
    const admin = await client("admin");
    await admin.get(`/staffing/age-profile/roll?unit=${mayorOffice.id}&year=2025`);
    const [base, next] = [await tenant.ageProfiles.list(2025, [mayorOffice.id]), await tenant.ageProfiles.list(2026, [mayorOffice.id])];
    const response = await admin.post("/staffing/age-profile/roll", {
      unit: String(mayorOffice.id),
      year: "2025",
      "h.0.age": "22",
      "h.0.category": "general",
      "h.0.count": "5",
      "h.1.age": "23",
      "h.1.category": "general",
      "h.1.count": "二人",
      "h.2.age": "30",
      "h.2.category": "general",
      "h.2.count": "",
      "h.3.age": "200",
      "h.3.category": "general",
      "h.3.count": "1",
      action: "apply",
      replace: "1",
    });
    expect(response.status).toBe(400);
    const text = textOf(await response.text());
    expect(text).toContain("採用者2行目: 人数を数値として読めません: 「二人」(0以上の整数を入力してください)");
    expect(text).toContain("採用者3行目: 人数を入力してください");
    expect(text).toContain("採用者4行目: 年齢が大きすぎます (70まで): 「200」");
    expect(await tenant.ageProfiles.list(2025, [mayorOffice.id])).toEqual(base);
    expect(await tenant.ageProfiles.list(2026, [mayorOffice.id])).toEqual(next);
  });

  it("an editor may not roll the profile of a unit it is not bound to", async () => {
    const { mayorOffice, kikaku, client } = await setup(get);
    const editor = await client("editor", [kikaku]);
    await editor.get(`/staffing/age-profile/roll?unit=${mayorOffice.id}&year=2025`);
    const response = await editor.post("/staffing/age-profile/roll", { unit: String(mayorOffice.id), year: "2025", action: "preview" });
    expect(response.status).toBe(403);
  });

  it("gyokaku roll-age-profile: --dry-run shows the roll and writes nothing; without it the next year's profile is saved", async () => {
    const { tenant, municipality, unit } = await setup(get);
    const other = await unit("210");
    const before = await tenant.ageProfiles.list(2025, [other.id]);
    const total = before.reduce((s, r) => s + r.count, 0);
    expect(total).toBe(15);
    const args = ["roll-age-profile", "--municipality", municipality.code, "--year", "2025", "--unit", "210", "--hire", "210:22:2", "--database", databaseArg(get())];
    const dry = captureIo();
    expect(await runCli([...args, "--dry-run"], dry), dry.stderr.join("\n")).toBe(0);
    expect(dry.stdout.join("\n")).toContain("+ 採用 2人");
    expect(dry.stdout.join("\n")).toContain("保存していません");
    expect(await tenant.ageProfiles.list(2026, [other.id])).toEqual([]);
    const io = captureIo();
    expect(await runCli(args, io), io.stderr.join("\n")).toBe(0);
    const after = await tenant.ageProfiles.list(2026, [other.id]);
    expect(after.find((r) => r.cohort === 2004 && r.category === "general")?.count ?? 0).toBe((before.find((r) => r.cohort === 2004)?.count ?? 0) + 2);
    const bad = captureIo();
    expect(await runCli([...args.slice(0, -2), "--hire", "210:twenty:2", "--database", databaseArg(get())], bad)).not.toBe(0);
    expect(bad.stderr.join("\n")).toContain("--hire は「組織:年齢:人数[:職種]」の形で指定してください");
  });
});
