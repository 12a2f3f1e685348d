import iconv from "iconv-lite";
import { expect, it } from "vitest";
import type { OrgUnitRow } from "../../src/db/schema.js";
import { readXlsx } from "../../src/io/xlsx.js";
import { ageProfileOf, schedulesOf } from "../../src/services/retirement-planning.js";
import { SESSION_COOKIE } from "../../src/web/security.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite, type Role } from "../support/demo-site.js";
import { cellReader, formReadValues, readFields, readValuesFor, table, textOf } from "../support/html.js";

/** This page's row headers carry data attributes too, and its text has &amp;: read <th> as well and decode it. */
const { cells, cellOf, cell: text } = cellReader({ headers: true, ampersands: true });

async function setup(get: () => TestDatabase) {
  const site = await demoSite(get, { fire: "300", education: "560", hospitalMedical: "220" });
  const { tenant } = site;
  const client = async (role: Role, units: OrgUnitRow[] = []) => {
    const browser = await site.client(role, units);
    /** Sends a file the way the browser's multipart form does. */
    const upload = async (path: string, file: { name: string; bytes: Uint8Array; type?: string }, fields: Record<string, string> = {}) => {
      const form = new FormData();
      form.set("_csrf", browser.csrfToken);
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      form.set("file", new File([file.bytes], file.name, { type: file.type ?? "application/octet-stream" }));
      return browser.app.request(path, { method: "POST", body: form, headers: { host: "localhost", cookie: `${SESSION_COOKIE}=${browser.cookie(SESSION_COOKIE) ?? ""}` } });
    };
    /** Presses 「この内容で取り込む」 on a preview: posts the apply form's hidden fields (the carried file) back. */
    const confirm = async (previewHtml: string, override: Record<string, string> = {}) => {
      const form = /<form[^>]*action="\/staffing\/age-profile\/import"[^>]*>((?:(?!<\/form>)[\s\S])*name="step" value="apply"[\s\S]*?)<\/form>/.exec(previewHtml)?.[1];
      if (!form) throw new Error("no confirm form on the page");
      const body = new FormData();
      for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) body.set(m[1] ?? "", (m[2] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
      for (const [k, v] of Object.entries(override)) body.set(k, v);
      return browser.app.request("/staffing/age-profile/import", { method: "POST", body, headers: { host: "localhost", cookie: `${SESSION_COOKIE}=${browser.cookie(SESSION_COOKIE) ?? ""}` } });
    };
    return Object.assign(browser, { upload, confirm });
  };
  const profileOf = async (unitId: number) => JSON.stringify(await ageProfileOf(tenant, 2025, unitId));
  const everything = async () => JSON.stringify(await tenant.ageProfiles.list(2025));
  return { ...site, client, profileOf, everything };
}

const NO_RETIREES = [2023, 2025, 2027, 2029, 2031];

describeEachDatabase("定年引上げの画面: 図表6", (get) => {
  it("marks 定年退職者なし in exactly FY2023, 2025, 2027, 2029 and 2031, and 昭和39年度生まれ retiring at 62 in FY2026", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const response = await viewer.get("/staffing/retirement?from=2023&to=2035&category=general");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<caption>(図表6) 定年引上げに伴う退職者の予定</caption>");
    for (let fy = 2023; fy <= 2035; fy++) {
      const retirees = text(html, { row: "retirees", year: fy });
      if (NO_RETIREES.includes(fy)) expect(retirees, String(fy)).toBe("定年退職者なし");
      else expect(retirees, String(fy)).not.toContain("なし");
    }
    expect(text(html, { row: "age", year: 2023 })).toBe("61歳");
    expect(text(html, { row: "age", year: 2031 })).toBe("65歳");
    const retire = cellOf(html, { cohort: 1964, year: 2026 });
    expect(retire.text).toBe("定年退職 62歳");
    expect(retire.attrs["class"]).toBe("retire");
    expect(text(html, { cohort: 1964, year: 2025 })).toBe("61歳");
    expect(text(html, { cohort: 1964, year: 2027 })).toBe("");
    expect(html).toContain("昭和39年度生まれ");
    expect(text(html, { cohort: 1963, year: 2024 })).toBe("定年退職 61歳");
    expect(text(html, { cohort: 1967, year: 2032 })).toBe("定年退職 65歳");
    // The header reads 和暦 with 西暦.
    expect(html).toContain('<abbr title="令和8年度(2026年度)">令8</abbr><br/>(2026)');
  });

  it("reads the span and the cohorts from 和暦 labels, and refuses a year that does not exist with a 400", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const html = await (await viewer.get(`/staffing/retirement?from=${encodeURIComponent("令和5年度")}&to=R9&cohorts=${encodeURIComponent("S39-S40")}`)).text();
    expect(text(html, { cohort: 1964, year: 2026 })).toBe("定年退職 62歳");
    expect(text(html, { cohort: 1965, year: 2027 })).toBe("62歳");
    expect(cells(html).filter((c) => c.tag === "th" && c.attrs["scope"] === "row" && /年度生まれ/.test(c.text))).toHaveLength(2);
    const bad = await viewer.get(`/staffing/retirement?from=${encodeURIComponent("昭和64年度")}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("存在しない年度です");
    // A cohort the domain cannot read is the user's input: a 400 naming the field, never a 500.
    const badCohort = await viewer.get(`/staffing/retirement?cohorts=${encodeURIComponent("S39-そのうち")}`);
    expect(badCohort.status).toBe(400);
    expect(await badCohort.text()).toContain("生まれ年度: 生まれ年度として読めません: 「そのうち」");
  });

  it("looks up the retirement of one birth date: born 1964-04-01 retires at 61 on 令和7年3月31日 (FY2024)", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const html = await (await viewer.get("/staffing/retirement?birth=1964-04-01")).text();
    expect(html).toMatch(/data-col="age">61歳</);
    expect(html).toContain("令和7年3月31日");
    expect(html).toContain("令和6年度(2024年度)");
    expect(html).toContain("昭和38年度生まれ");
    const later = await (await viewer.get("/staffing/retirement?birth=1964-04-02")).text();
    expect(later).toMatch(/data-col="age">62歳</);
    const bad = await viewer.get("/staffing/retirement?birth=1964-02-30");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("日付は YYYY-MM-DD 形式の実在する日付で指定してください: 「1964-02-30」");
  });

  it("an administrator's schedule for a category replaces the national one and changes that category's table", async () => {
    const { tenant, client } = await setup(get);
    const admin = await client("admin");
    const before = await (await admin.get("/staffing/retirement?category=custodial")).text();
    expect(text(before, { row: "age", year: 2023 })).toBe("63歳");
    const response = await admin.post("/staffing/retirement/schedules", {
      category: "custodial",
      label: "守衛・用務員 (市条例)",
      steps: "- 60\n令和5年度 61\n2025 63",
      retireOn: "03-31",
      source: "千歳市職員の定年等に関する条例",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/staffing/retirement?category=custodial&saved=1#schedules");
    const html = await (await admin.get("/staffing/retirement?category=custodial&saved=1")).text();
    expect(html).toContain("定年の定めを保存しました");
    expect(html).toContain("<caption>(図表6) 定年引上げに伴う退職者の予定(守衛・用務員 (市条例))</caption>");
    expect(text(html, { row: "age", year: 2023 })).toBe("61歳");
    expect(text(html, { row: "age", year: 2025 })).toBe("63歳");
    // 昭和38年度生まれ reach 61 in FY2024 under a 61 age: they retire then, not at 63 in 2026.
    expect(text(html, { cohort: 1963, year: 2024 })).toBe("定年退職 61歳");
    expect(html).toContain("千歳市職員の定年等に関する条例");
    expect(html).toContain("(国の基準に代えて市の定めを適用)");
    // 一般職 is untouched.
    const general = await (await admin.get("/staffing/retirement")).text();
    expect(text(general, { row: "age", year: 2023 })).toBe("61歳");
    expect(text(general, { cohort: 1964, year: 2026 })).toBe("定年退職 62歳");
    expect((await schedulesOf(tenant)).filter((s) => s.category === "custodial").at(-1)?.label).toBe("守衛・用務員 (市条例)");
  });

  it("refuses a schedule with an unreadable line with a 400 naming the line, and keeps what was typed", async () => {
    const { tenant, client } = await setup(get);
    const admin = await client("admin");
    await admin.get("/staffing/retirement");
    const response = await admin.post("/staffing/retirement/schedules", { category: "nurse", label: "看護師", steps: "- 60\nいつか 61", retireOn: "", source: "" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("2行目");
    expect(html).toContain("いつか 61");
    expect((await schedulesOf(tenant)).some((s) => s.category === "nurse")).toBe(false);
  });

  it("a schedule's field that is not text, or too long, is a 400 naming the field, the form shown again and nothing stored", async () => {
    const { tenant, client } = await setup(get);
    const admin = await client("admin");
    await admin.get("/staffing/retirement");
    const before = await tenant.retirementSchedules.list();
    const response = await admin.post("/staffing/retirement/schedules", { category: "general", label: "一".repeat(101), steps: "- 60", retireOn: "03-31", source: "" });
    expect(response.status).toBe(400);
    const alert = /<p class="alert error" role="alert">([^<]*)<\/p>/.exec(await response.text())?.[1];
    expect(alert).toBe("職種の名称は100文字以内で入力してください(101文字)");
    expect(await tenant.retirementSchedules.list()).toEqual(before);
  });

  it("a schedule's field changed here and by someone else meanwhile is a 409 in the service naming both values, nothing written", async () => {
    const { tenant, client } = await setup(get);
    const admin = await client("admin");
    await admin.get("/staffing/retirement");
    const read = { readLabel: "一般職", readSteps: "- 60\n2023 61\n2025 62\n2027 63\n2029 64\n2031 65", readRetireOn: "03-31", readSource: "地方公務員法等の一部を改正する法律 (令和3年法律第63号)" };
    const form = { category: "general", label: "一般職", steps: read.readSteps, retireOn: "03-31", source: read.readSource, ...read };
    expect((await admin.post("/staffing/retirement/schedules", { ...form, source: "Aの根拠" })).status).toBe(302);
    const before = await tenant.retirementSchedules.list();
    const refused = await admin.post("/staffing/retirement/schedules", { ...form, source: "Bの根拠" });
    expect(refused.status).toBe(409);
    const alert = /<p class="alert error" role="alert">([^<]*)<\/p>/.exec(await refused.text())?.[1];
    expect(alert).toBe(`「一般職」の根拠は、画面を開いた後に別の人が「${read.readSource}」→「Aの根拠」に変更しています(あなたの入力:「Bの根拠」)。最新の値を確認してから、もう一度保存してください`);
    expect(await tenant.retirementSchedules.list()).toEqual(before);
  });

  it("an editor cannot save a schedule: 403 and nothing stored", async () => {
    const { tenant, fire, client } = await setup(get);
    const editor = await client("editor", [fire]);
    const page = await (await editor.get("/staffing/retirement")).text();
    expect(page).not.toContain('action="/staffing/retirement/schedules"');
    const before = await tenant.retirementSchedules.list();
    const response = await editor.post("/staffing/retirement/schedules", { category: "general", label: "一般職", steps: "- 70", retireOn: "03-31", source: "" });
    expect(response.status).toBe(403);
    expect(await tenant.retirementSchedules.list()).toEqual(before);
  });
});

describeEachDatabase("定年引上げの画面: 年齢構成", (get) => {
  it("shows a unit's profile as cohorts × job categories with totals (病院医療職: 265 一般職 + 30 医師)", async () => {
    const { hospitalMedical, client } = await setup(get);
    const viewer = await client("viewer");
    const response = await viewer.get(`/staffing/age-profile?unit=${hospitalMedical.id}&year=R7`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(text(html, { row: "total", col: "general" })).toBe("265");
    expect(text(html, { row: "total", col: "doctor" })).toBe("30");
    expect(text(html, { row: "total", col: "total" })).toBe("295");
    expect(html).toContain("昭和39年度生まれ");
    // A viewer reads only.
    expect(html).toMatch(/name="n\.1990\.general"[^>]*disabled/);
    expect(html).not.toContain('<button type="submit">保存</button>');
  });

  it("an editor saves its own unit's profile", async () => {
    const { tenant, fire, client } = await setup(get);
    const editor = await client("editor", [fire]);
    const page = await (await editor.get(`/staffing/age-profile?unit=${fire.id}&year=2025`)).text();
    expect(page).not.toMatch(/name="n\.1990\.general"[^>]*disabled/);
    const response = await editor.post("/staffing/age-profile", { ...readFields(page), unit: String(fire.id), year: "2025", "n.1990.general": "7", "n.2000.general": "０", "n.2001.general": "" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/staffing/age-profile?unit=${fire.id}&year=2025&saved=1`);
    const rows = await tenant.ageProfiles.list(2025, [fire.id]);
    expect(rows.find((r) => r.cohort === 1990)?.count).toBe(7);
    expect(rows.some((r) => r.cohort === 2000 || r.cohort === 2001)).toBe(false);
    // Cohorts the form did not send keep their stored counts.
    expect(rows.find((r) => r.cohort === 1970)?.count).toBeGreaterThan(0);
  });

  it("the age grid's year, unit and values read are read by a schema: a bad one is a 400 naming the field, nothing written", async () => {
    const { fire, client, everything } = await setup(get);
    const editor = await client("editor", [fire]);
    const page = await (await editor.get(`/staffing/age-profile?unit=${fire.id}&year=2025`)).text();
    const before = await everything();
    const post = (fields: Record<string, string>) => editor.post("/staffing/age-profile", { ...readFields(page), unit: String(fire.id), year: "2025", "n.1990.general": "7", ...fields });
    const badYear = await post({ year: "いつか" });
    expect(badYear.status).toBe(400);
    expect(await badYear.text()).toContain(">基準年度: 年度として読めません: 「いつか」<");
    const blankYear = await post({ year: "" });
    expect(blankYear.status).toBe(400);
    expect(await blankYear.text()).toContain(">基準年度を入力してください<");
    const badUnit = await post({ unit: "x" });
    expect(badUnit.status).toBe(400);
    expect(await badUnit.text()).toContain(">組織は整数で指定してください: 「x」<");
    const badRead = await post({ read: "1990/general=x" });
    expect(badRead.status).toBe(400);
    expect(await badRead.text()).toContain(">フォームの内容が壊れています。画面を開き直してください<");
    expect(await everything()).toBe(before);
    const badQuery = await editor.get(`/staffing/age-profile?unit=${fire.id}&year=2025&imported=abc`);
    expect(badQuery.status).toBe(400);
    expect(await badQuery.text()).toContain(">取り込んだ件数は整数で指定してください: 「abc」<");
  });

  it("an editor cannot write another unit: 403 and nothing written", async () => {
    const { fire, education, client, profileOf } = await setup(get);
    const editor = await client("editor", [fire]);
    const page = await (await editor.get(`/staffing/age-profile?unit=${education.id}&year=2025`)).text();
    expect(page).toMatch(/name="n\.1990\.general"[^>]*disabled/);
    const before = await profileOf(education.id);
    const response = await editor.post("/staffing/age-profile", { ...readFields(page), unit: String(education.id), year: "2025", "n.1990.general": "99" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("「教育委員会」の年齢構成を編集する権限がありません");
    expect(await profileOf(education.id)).toBe(before);
  });

  it("a negative or non-numeric count is a 400 naming the cohort and the column, and nothing is written", async () => {
    const { fire, client, profileOf } = await setup(get);
    const admin = await client("admin");
    await admin.get(`/staffing/age-profile?unit=${fire.id}&year=2025`);
    const before = await profileOf(fire.id);
    const response = await admin.post("/staffing/age-profile", { unit: String(fire.id), year: "2025", "n.1990.general": "-3", "n.1991.general": "abc", "n.1992.general": "5" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<a href="#n.1990.general">平成2年度生まれの一般職: 人数は0以上の整数で入力してください: 「-3」</a>');
    expect(html).toContain('<a href="#n.1991.general">平成3年度生まれの一般職: 人数を数値として読めません: 「abc」(0以上の整数を入力してください)</a>');
    expect(html).toContain('value="abc"');
    expect(await profileOf(fire.id)).toBe(before);
  });

  it("exports every unit as CSV and xlsx, and importing the export changes nothing", async () => {
    const { client, everything } = await setup(get);
    const admin = await client("admin");
    const before = await everything();
    const csv = await admin.get("/staffing/age-profile.csv?year=2025");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    const csvText = new TextDecoder("utf-8", { ignoreBOM: true }).decode(csvBytes);
    expect(csvText.split("\r\n")[0]).toBe("\uFEFF組織コード,組織,基準年度,生まれ年度,職種,人数");
    expect(csvText).toContain("220,病院医療職,2025,");
    await admin.get("/staffing/age-profile");
    const imported = await admin.upload("/staffing/age-profile/import", { name: "age-profile-2025.csv", bytes: csvBytes, type: "text/csv" });
    expect(imported.status).toBe(200);
    const importedHtml = await imported.text();
    expect(importedHtml).toContain("登録済みの値と同じため、年齢構成の変更はありません");
    expect(importedHtml).not.toContain('name="step" value="apply"');
    expect(await everything()).toBe(before);

    const xlsx = await admin.get("/staffing/age-profile.xlsx?year=2025");
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const xlsxBytes = new Uint8Array(await xlsx.arrayBuffer());
    const [sheet] = await readXlsx(xlsxBytes);
    expect(sheet?.rows[0]).toEqual(["組織コード", "組織", "基準年度", "生まれ年度", "職種", "人数"]);
    const again = await admin.upload("/staffing/age-profile/import", { name: "age-profile-2025.xlsx", bytes: xlsxBytes });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("登録済みの値と同じため、年齢構成の変更はありません");
    expect(await everything()).toBe(before);
  });

  it("refuses a CSV with one bad cell with a 400 naming the cell, and writes nothing", async () => {
    const { client, everything } = await setup(get);
    const admin = await client("admin");
    await admin.get("/staffing/age-profile");
    const before = await everything();
    const csv = ["組織コード,組織,基準年度,生まれ年度,職種,人数", `300,消防,2025,1990,general,12`, `560,教育委員会,2025,昭和50年度生まれ,general,-2`, `560,教育委員会,2025,S51,general,3`].join("\r\n");
    const response = await admin.upload("/staffing/age-profile/import", { name: "bad.csv", bytes: new TextEncoder().encode(csv), type: "text/csv" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("<strong>bad.csv に誤りが1件あるため、何も取り込んでいません</strong>");
    expect(html).toContain('<li data-cell="F3">F3: 人数は0以上の整数で入力してください: 「-2」</li>');
    expect(await everything()).toBe(before);
    // The fields beside the file are read by a schema: an unknown 文字コード is a 400 naming it on the import page.
    const encoding = await admin.upload("/staffing/age-profile/import", { name: "bad.csv", bytes: new TextEncoder().encode(csv), type: "text/csv" }, { encoding: "euc-jp" });
    expect(encoding.status).toBe(400);
    expect(/<div class="alert error" role="alert"><p><strong>([^<]*)<\/strong>/.exec(await encoding.text())?.[1]).toBe("文字コード「euc-jp」には対応していません (utf-8 / shift_jis)");
    expect(await everything()).toBe(before);
  });

  it("a count past PostgreSQL's integer (3,000,000,000) is refused in Japanese on the form and in a file, nothing written (issue 14)", async () => {
    const { fire, client, profileOf, everything } = await setup(get);
    const admin = await client("admin");
    await admin.get(`/staffing/age-profile?unit=${fire.id}&year=2025`);
    const before = await profileOf(fire.id);
    const form = await admin.post("/staffing/age-profile", { unit: String(fire.id), year: "2025", "n.1990.general": "3000000000" });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain("平成2年度生まれの一般職: 人数が大きすぎます (2,147,483,647まで): 「3000000000」");
    expect(await profileOf(fire.id)).toBe(before);

    const all = await everything();
    const csv = ["組織コード,組織,基準年度,生まれ年度,職種,人数", `300,消防,2025,1990,general,"3,000,000,000"`].join("\r\n");
    const file = await admin.upload("/staffing/age-profile/import", { name: "big.csv", bytes: new TextEncoder().encode(csv), type: "text/csv" });
    expect(file.status).toBe(400);
    const html = await file.text();
    expect(html).toContain("<strong>big.csv に誤りが1件あるため、何も取り込んでいません</strong>");
    expect(html).toContain('<li data-cell="F2">F2: 人数が大きすぎます (2,147,483,647まで): 「3,000,000,000」</li>');
    expect(await everything()).toBe(all);
  });

  it("imports a Shift_JIS CSV that names units, cohorts (和暦) and categories in Japanese", async () => {
    const { tenant, client } = await setup(get);
    const council = await tenant.units.getByCode("510");
    const admin = await client("admin");
    await admin.get("/staffing/age-profile");
    const csv = ["組織,基準年度,生まれ年度,職種,人数", "議会事務局,令和7年度,平成2年度生まれ,一般職,20", "議会事務局,R7,H3,一般職,21", "議会事務局,2025,1992,general,22"].join("\r\n") + "\r\n";
    const bytes = new Uint8Array(iconv.encode(csv, "cp932"));
    const stored = JSON.stringify(await tenant.ageProfiles.list(2025, [council?.id ?? 0]));
    const preview = await admin.upload("/staffing/age-profile/import", { name: "shobo.csv", bytes, type: "text/csv" }, { encoding: "auto" });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("Shift_JIS");
    expect(JSON.stringify(await tenant.ageProfiles.list(2025, [council?.id ?? 0]))).toBe(stored);
    const response = await admin.confirm(html);
    expect(response.status).toBe(302);
    const rows = await tenant.ageProfiles.list(2025, [council?.id ?? 0]);
    expect(rows.map((r) => [r.cohort, r.category, r.count])).toEqual([
      [1990, "general", 20],
      [1991, "general", 21],
      [1992, "general", 22],
    ]);
  });

  it("previews before writing (issue 10 kind H): the encoding or sheet read, rows and each change old → new; writes only when confirmed; a stale confirm is refused", async () => {
    const { fire, client, profileOf, everything, tenant } = await setup(get);
    const admin = await client("admin");
    await admin.get("/staffing/age-profile");
    const stored = new Map((await tenant.ageProfiles.list(2025, [fire.id])).map((r) => [`${r.cohort}/${r.category}`, r.count]));
    const old1990 = stored.get("1990/general") ?? 0;
    const before = await everything();
    // Excel's 「Unicode テキスト」: UTF-16LE with a BOM and tabs.
    const rows = [...stored].filter(([key]) => key !== "1990/general").map(([key, count]) => `300\t2025\t${key.split("/")[0]}\t${key.split("/")[1]}\t${count}`);
    const text = ["組織コード\t基準年度\t生まれ年度\t職種\t人数", `300\t2025\t1990\tgeneral\t${old1990 + 5}`, ...rows].join("\r\n");
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(iconv.encode(text, "utf16le"))]);
    const preview = await admin.upload("/staffing/age-profile/import", { name: "年齢構成.txt", bytes: utf16 });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("UTF-16LE");
    expect(html).toContain("タブ区切り");
    expect(html).toContain(`${(rows.length + 1).toLocaleString("ja-JP")}行`);
    expect(html).toContain("変わる値 (1か所)");
    const change = /<tr data-unit="消防" data-cohort="1990" data-category="general">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? "";
    expect(change).toContain("平成2年度生まれ");
    expect(change).toContain(`<td class="num">${old1990.toLocaleString("ja-JP")}</td><td class="num">${(old1990 + 5).toLocaleString("ja-JP")}</td>`);
    expect(html).toContain('name="step" value="apply"');
    // The preview wrote nothing.
    expect(await everything()).toBe(before);

    // Someone changes the unit's profile after the preview: the confirmation is refused (409) and writes nothing.
    const added = [2007, 2006, 2005, 2004].find((cohort) => !stored.has(`${cohort}/general`)) ?? 0;
    await tenant.ageProfiles.replaceUnit(fire.id, 2025, [...[...stored].map(([key, count]) => ({ cohort: Number(key.split("/")[0]), category: key.split("/")[1] ?? "", count })), { cohort: added, category: "general", count: 4 }]);
    const changedMeanwhile = await everything();
    const stale = await admin.confirm(html);
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain("確認した後で、年齢構成.txt が置き換える組織の年齢構成が変更されました。何も取り込んでいません");
    expect(await everything()).toBe(changedMeanwhile);
    // The new preview shows the change now (the cohort the file leaves out is removed) and confirming it writes.
    expect(staleHtml).toContain("0 (ファイルにないため削除)");
    const applied = await admin.confirm(staleHtml);
    expect(applied.status).toBe(302);
    expect(applied.headers.get("location")).toBe("/staffing/age-profile?year=2025&imported=1");
    const after = new Map((await tenant.ageProfiles.list(2025, [fire.id])).map((r) => [`${r.cohort}/${r.category}`, r.count]));
    expect(after.get("1990/general")).toBe(old1990 + 5);
    expect(after.has(`${added}/general`)).toBe(false);

    // A confirmation without the preview's fingerprint is no confirmation.
    const blind = await admin.confirm(staleHtml, { basis: "" });
    expect(blind.status).toBe(400);
    expect(await profileOf(fire.id)).toBe(JSON.stringify(await ageProfileOf(tenant, 2025, fire.id)));

    // A workbook: the preview names the sheet read.
    const xlsx = await admin.get("/staffing/age-profile.xlsx?year=2025");
    const sheetName = (await readXlsx(new Uint8Array(await xlsx.clone().arrayBuffer())))[0]?.name ?? "";
    const book = await admin.upload("/staffing/age-profile/import", { name: "age.xlsx", bytes: new Uint8Array(await xlsx.arrayBuffer()) });
    expect(await book.text()).toContain(`Excel (シート「${sheetName}」)`);
  });

  it("only an administrator imports", async () => {
    const { fire, client, everything } = await setup(get);
    const editor = await client("editor", [fire]);
    await editor.get("/staffing/age-profile");
    const before = await everything();
    const csv = "組織コード,基準年度,生まれ年度,職種,人数\r\n300,2025,1990,general,1\r\n";
    const response = await editor.upload("/staffing/age-profile/import", { name: "x.csv", bytes: new TextEncoder().encode(csv) });
    expect(response.status).toBe(403);
    expect(await everything()).toBe(before);
  });
});

describeEachDatabase("定年引上げの画面: 推計・採用計画とシナリオ", (get) => {
  it("projects the demo city with the levelled plan: within the cap every year and back to 1,061 in FY2035, beside one-for-one", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const response = await viewer.get("/staffing/projection");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain("上限を超える年度があります");
    expect(html).toContain("すべての年度で職員数が上限以内です");
    expect(text(table(html, "projection"), { col: "headcount", year: 2025 })).toBe("1,066");
    expect(text(table(html, "projection"), { col: "headcount", year: 2035 })).toBe("1,061");
    expect(text(table(html, "projection"), { col: "quota", year: 2035 })).toBe("1,061");
    expect(text(table(html, "projection"), { col: "cap", year: 2035 })).toBe("1,092");
    for (let fy = 2025; fy <= 2035; fy++) expect(cellOf(table(html, "projection"), { col: "over", year: fy }).text, String(fy)).not.toContain("超過");
    // No regular retirees in FY2025, 2027, 2029 (only the doctors, 定年 65, could retire then).
    for (const fy of [2027, 2029]) expect(Number(text(table(html, "projection"), { col: "retirees", year: fy }))).toBeLessThanOrEqual(3);
    // The side-by-side comparison with one-for-one and the stated objective.
    expect(text(table(html, "plan-comparison"), { plan: "one-for-one", col: "headcount", year: 2030 })).toBe("1,066");
    expect(text(table(html, "plan-comparison"), { plan: "levelled", col: "headcount", year: 2035 })).toBe("1,061");
    const levelledSquares = Number(text(table(html, "plan-comparison"), { plan: "levelled", col: "unevenness" }).replace(/,/g, ""));
    const oneSquares = Number(text(table(html, "plan-comparison"), { plan: "one-for-one", col: "unevenness" }).replace(/,/g, ""));
    expect(levelledSquares).toBeLessThan(oneSquares);
    expect(html).toContain("上限を毎年守り、最終年度に目標の職員数に戻す採用計画のうち、各年度の採用者数のばらつき(二乗和)が最も小さいものを選びます。");
    expect(html).toContain('<img src="/staffing/projection.svg?scope=&amp;base=2025&amp;to=2035');
    // A viewer cannot save scenarios.
    expect(html).not.toContain('action="/staffing/scenarios"');
  });

  it("warns where manual hiring exceeds the cap, and says plainly when no levelled plan exists", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const response = await viewer.get("/staffing/projection?base=2025&to=2030&mode=manual&h2026=200&h2027=0");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("上限を超える年度があります");
    expect(html).toMatch(/職員数\d+人が上限1092人を\d+人超えます/);
    expect(html).toMatch(/<tr data-year="2026" class="over-cap">/);
    expect(cellOf(table(html, "projection"), { col: "over", year: 2026 }).text).toContain("超過");
    expect(text(table(html, "projection"), { col: "hires", year: 2026 })).toBe("200");

    const impossible = await (await viewer.get("/staffing/projection?target=1200")).text();
    expect(impossible).toContain("平準化した採用計画を作れません");
    expect(impossible).toContain("目標の職員数(1200人)が2035年度の上限(1092人)を超えています");
  });

  it("uses the leaver-rate table as typed and refuses unreadable parameters with a 400 that keeps the form", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const none = await (await viewer.get("/staffing/projection?mode=one-for-one&r0from=&r0to=&r0pct=")).text();
    expect(text(table(none, "projection"), { col: "other", year: 2026 })).toBe("0");
    const high = await (await viewer.get("/staffing/projection?mode=one-for-one&r0from=18&r0to=75&r0pct=10")).text();
    expect(Number(text(table(high, "projection"), { col: "other", year: 2026 }).replace(/,/g, ""))).toBeGreaterThan(90);

    const badRate = await viewer.get("/staffing/projection?r0from=18&r0to=29&r0pct=abc");
    expect(badRate.status).toBe(400);
    const badHtml = await badRate.text();
    expect(badHtml).toContain("退職率の1行目の退職率は0以上の数で入力してください");
    expect(badHtml).toContain('value="abc"');
    const noProfile = await viewer.get("/staffing/projection?base=R6");
    expect(noProfile.status).toBe(400);
    expect(await noProfile.text()).toContain("令和6年度(2024年度)の年齢構成が登録されていません");
    expect((await viewer.get("/staffing/projection?mode=random")).status).toBe(400);
  });

  it("draws the chart as an SVG image without inline styles and exports the table as a workbook", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const svg = await viewer.get("/staffing/projection.svg?base=2025&to=2035&mode=levelled");
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    const body = await svg.text();
    expect(body.startsWith("<svg")).toBe(true);
    for (const label of ["令7", "(2035)", "職員数(4月1日)", "上限", "条例定数", "採用者数"]) expect(body).toContain(label);
    expect(body).not.toMatch(/\sstyle="/);
    expect(body).not.toContain("<style");

    const xlsx = await viewer.get("/staffing/projection.xlsx?base=2025&to=2035&mode=levelled");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect(xlsx.headers.get("content-disposition")).toContain("projection-2025-2035.xlsx");
    const sheets = await readXlsx(new Uint8Array(await xlsx.arrayBuffer()));
    expect(sheets.map((s) => s.name)).toEqual(["推計", "比較", "条件"]);
    const table = sheets[0]?.rows ?? [];
    expect(table[0]).toEqual(["年度", "年度(和暦)", "定年退職者", "その他の退職者", "採用者", "職員数(4月1日)", "条例定数", "上限", "上限との差"]);
    expect(table.find((r) => r[0] === "2035")?.[5]).toBe("1061");
    expect(table.find((r) => r[0] === "2025")?.[1]).toBe("令和7年度(2025年度)");
  });

  it("an administrator saves two scenarios, compares them side by side and deletes one", async () => {
    const { tenant, client } = await setup(get);
    const admin = await client("admin");
    const page = await (await admin.get("/staffing/projection")).text();
    const query = /name="query" value="([^"]*)"/.exec(page)?.[1]?.replace(/&amp;/g, "&") ?? "";
    expect(query).toContain("mode=levelled");
    const first = await admin.post("/staffing/scenarios", { ...formReadValues(page, "/staffing/scenarios"), name: "平準化 (定数に戻す)", query });
    expect(first.status).toBe(302);
    const firstId = Number(/saved=(\d+)/.exec(first.headers.get("location") ?? "")?.[1]);
    const second = await admin.post("/staffing/scenarios", { ...(await readValuesFor(admin, "/staffing/projection", "/staffing/scenarios")), name: "退職者補充", query: query.replace("mode=levelled", "mode=one-for-one") });
    expect(second.status).toBe(302);
    const secondId = Number(/saved=(\d+)/.exec(second.headers.get("location") ?? "")?.[1]);

    const list = await (await admin.get(second.headers.get("location") ?? "")).text();
    expect(list).toContain("シナリオ「退職者補充」を保存しました");
    expect(list).toContain(`name="id" value="${firstId}" form="compare-form"`);
    expect(list).toContain("平準化");
    expect(list).toContain("退職者数を補充");
    const badQuery = await admin.get("/staffing/scenarios?saved=NaN");
    expect(badQuery.status).toBe(400);
    expect(/<p class="alert error" role="alert">([^<]*)<\/p>/.exec(await badQuery.text())?.[1]).toBe("保存したシナリオは整数で指定してください: 「NaN」");

    const compare = await admin.get(`/staffing/scenarios/compare?id=${firstId}&id=${secondId}`);
    expect(compare.status).toBe(200);
    const html = await compare.text();
    expect(text(html, { scenario: firstId, col: "headcount", year: 2035 })).toBe("1,061");
    expect(text(html, { scenario: secondId, col: "headcount", year: 2035 })).toBe("1,066");
    expect(text(html, { scenario: firstId, col: "over-years" })).toBe("なし");
    expect(html).toContain('href="/staffing/projection?scope=&amp;base=2025&amp;to=2035&amp;hireAge=22&amp;hireCategory=general&amp;target=&amp;mode=one-for-one');

    // The saved link opens the same projection.
    const reopened = await admin.get(`/staffing/projection?${query.replace("mode=levelled", "mode=one-for-one")}`);
    expect(text(table(await reopened.text(), "projection"), { col: "headcount", year: 2035 })).toBe("1,066");

    const deleted = await admin.post(`/staffing/scenarios/${secondId}/delete`, await readValuesFor(admin, "/staffing/scenarios", `/staffing/scenarios/${secondId}/delete`));
    expect(deleted.status).toBe(302);
    expect((await tenant.scenarios.list()).map((s) => s.name)).toEqual(["平準化 (定数に戻す)"]);
  });

  it("deleting from an old list a scenario saved again meanwhile (issue 14 point 6) is a 409 naming both versions and deletes nothing; a fresh list deletes it", async () => {
    const { tenant, client } = await setup(get);
    const a = await client("admin");
    const b = await client("admin");
    const page = await (await b.get("/staffing/projection")).text();
    const query = /name="query" value="([^"]*)"/.exec(page)?.[1]?.replace(/&amp;/g, "&") ?? "";
    const saved = await b.post("/staffing/scenarios", { ...formReadValues(page, "/staffing/scenarios"), name: "比較用", query });
    const id = Number(/saved=(\d+)/.exec(saved.headers.get("location") ?? "")?.[1]);
    const action = `/staffing/scenarios/${id}/delete`;
    const listA = await (await a.get("/staffing/scenarios")).text();
    const shown = (JSON.parse(formReadValues(listA, action).read_values) as Record<string, string>)[String(id)] ?? "";
    expect(shown).toMatch(/^令和\d+年\(\d{4}年\)\d+月\d+日 \d{2}:\d{2}:\d{2}に保存した条件$/);
    // B saves new conditions under the same name (a second later, so the version shown differs).
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await b.post("/staffing/scenarios", { ...(await readValuesFor(b, "/staffing/projection", "/staffing/scenarios")), name: "比較用", query: query.replace("mode=levelled", "mode=one-for-one") })).status).toBe(302);
    const late = await a.post(action, formReadValues(listA, action));
    expect(late.status).toBe(409);
    const message = textOf(await late.text());
    expect(message).toContain(`シナリオ「比較用」は、画面を開いた後に別の人が「${shown}」→「`);
    expect(message).toContain("に保存した条件」に変更しています(あなたの入力:「削除」)");
    expect((await tenant.scenarios.get(id))?.params_json).toContain("one-for-one");
    // Without the version read nothing is deleted; from a fresh list the delete goes through.
    expect((await a.post(action, {})).status).toBe(400);
    expect(await tenant.scenarios.get(id)).toBeDefined();
    expect((await a.post(action, await readValuesFor(a, "/staffing/scenarios", action))).status).toBe(302);
    expect(await tenant.scenarios.get(id)).toBeUndefined();
  });

  it("saving under a name someone saved meanwhile (issue 14 point 6) is a 409 naming both versions and replaces nothing; from a fresh page it replaces knowingly", async () => {
    const { tenant, client } = await setup(get);
    const a = await client("admin");
    const b = await client("admin");
    const pageA = await (await a.get("/staffing/projection")).text();
    const pageB = await (await b.get("/staffing/projection")).text();
    const query = /name="query" value="([^"]*)"/.exec(pageA)?.[1]?.replace(/&amp;/g, "&") ?? "";
    expect((await a.post("/staffing/scenarios", { ...formReadValues(pageA, "/staffing/scenarios"), name: "共有案", query })).status).toBe(302);
    const late = await b.post("/staffing/scenarios", { ...formReadValues(pageB, "/staffing/scenarios"), name: "共有案", query: query.replace("mode=levelled", "mode=one-for-one") });
    expect(late.status).toBe(409);
    const stored = await tenant.scenarios.getByName("共有案");
    expect(textOf(await late.text())).toMatch(/シナリオ「共有案」は、画面を開いた後に別の人が「未設定」→「令和\d+年\(\d{4}年\)\d+月\d+日 \d{2}:\d{2}:\d{2}に保存した条件」に変更しています\(あなたの入力:「この条件で保存」\)/);
    expect(stored?.params_json).toContain("levelled");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const fresh = await readValuesFor(b, "/staffing/projection", "/staffing/scenarios");
    expect((await b.post("/staffing/scenarios", { ...fresh, name: "共有案", query: query.replace("mode=levelled", "mode=one-for-one") })).status).toBe(302);
    expect((await tenant.scenarios.getByName("共有案"))?.params_json).toContain("one-for-one");
    // A second save from that same page, over the version it replaced, is refused in turn.
    expect((await b.post("/staffing/scenarios", { ...fresh, name: "共有案", query })).status).toBe(409);
  });

  it("a blank scenario name is refused with the projection shown again; viewers cannot save or delete", async () => {
    const { tenant, client } = await setup(get);
    const admin = await client("admin");
    const blank = await admin.post("/staffing/scenarios", { ...(await readValuesFor(admin, "/staffing/projection", "/staffing/scenarios")), name: "  ", query: "base=2025&to=2035&mode=levelled" });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain("シナリオ名は1～100文字で入力してください");

    const viewer = await client("viewer");
    await viewer.get("/staffing/scenarios");
    const before = await tenant.scenarios.list();
    expect((await viewer.post("/staffing/scenarios", { name: "x", query: "base=2025" })).status).toBe(403);
    const [someone] = before;
    if (someone) expect((await viewer.post(`/staffing/scenarios/${someone.id}/delete`, {})).status).toBe(403);
    expect(await tenant.scenarios.list()).toEqual(before);
    expect((await viewer.get("/staffing/scenarios/compare")).status).toBe(400);
  });
});
