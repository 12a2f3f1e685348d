import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { decodeText } from "../../src/io/text-encoding.js";
import { readXlsx } from "../../src/io/xlsx.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { editionItems, type ItemView } from "../../src/services/reform/read-model.js";
import { closeRound } from "../../src/services/reform/rounds.js";
import { createApp } from "../../src/web/app.js";
import { SESSION_COOKIE } from "../../src/web/security.js";
import { BrowserClient } from "../support/browser-client.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { readValuesFor } from "../support/html.js";

function decode(html: string): string {
  return html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/** The visible text of an HTML fragment, tags dropped, entities decoded, whitespace folded. */
function textOf(html: string): string {
  return decode(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();
}

function part(html: string, pattern: RegExp): string {
  const m = pattern.exec(html);
  if (!m) throw new Error(`not found: ${pattern}`);
  return m[1] ?? m[0];
}

const historyTable = (html: string) => part(html, /<table class="data history" id="history">([\s\S]*?)<\/table>/);
const historyRow = (html: string, year: number) => textOf(part(historyTable(html), new RegExp(`<tr data-year="${year}">([\\s\\S]*?)</tr>`)));
const planCell = (html: string, year: number) => part(html, new RegExp(`<td id="plan-${year}"[^>]*>([\\s\\S]*?)</td>`));
const versionOf = (html: string) => part(html, /name="version" value="(\d*)"/);

/** What the seed's sheets say, a few exact strings per item (section 5). */
const SEED: { number: number; name: string; units: string; plan: [number, string]; history: [number, string][]; sameAsLeft?: number[]; other?: string[] }[] = [
  {
    number: 1,
    name: "情報システム全体の最適化及び情報セキュリティ対策",
    units: "行政管理課、その他システム等所管課",
    plan: [2026, "WindowsOSサポート終了対応"],
    history: [
      [2024, "消防庁舎イントラネット再構築"],
      [2023, "ローカルブレイク用ファイアウォール導入"],
      [2022, "千歳市情報セキュリティポリシーの見直し（R4.4.1）"],
    ],
    other: ["【業務端末更新の導入スケジュール】", "500台 (9月更新予定)", "600台 本庁舎 ・第2庁舎"],
  },
  {
    number: 2,
    name: "電子決裁の推進",
    units: "主幹（働き方改革推進担当）、総務課、会計課、行政管理課、その他業務所管課",
    plan: [2025, "電子決裁・文書管理システムの導入構築"],
    history: [
      [2024, "次年度（令和7年度）の文書管理システムの導入に向け、システムベンダや他自治体から情報収集を行った。"],
      [2023, "令和5年7月に「文書管理システム・電子決裁検討専門部会」を開催し、導入方針等について整理した。"],
      [2022, "令和4年6月に「文書管理システム・電子決裁導入検討専門部会」を設置・開催し"],
    ],
    sameAsLeft: [2028],
  },
  {
    number: 3,
    name: "AI、RPAの利用推進",
    units: "主幹（働き方改革推進担当）、行政管理課",
    plan: [2025, "文章生成AI本格導入"],
    history: [
      [2024, "市長部局7課9業務、市民病院16業務にRPAを追加導入した。"],
      [2023, "12課31業務にRPAを追加導入した。"],
      [2022, "RPAを8課12業務（AI-OCRのみの利用も含めると合計9課13業務）に追加導入した。"],
    ],
    sameAsLeft: [2028],
  },
  {
    number: 4,
    name: "デジタルツールを活用した業務改革",
    units: "行政管理課、主幹（働き方改革推進担当）、職員課",
    plan: [2025, "多職種連携情報共有ツールのトライアル"],
    history: [
      [2024, "貸出端末(10台)R6利用実績 延べ2,290人・1,970日"],
      [2023, "令和5年7月から正式導入"],
      [2022, "R4利用実績 延べ43人・513日"],
    ],
    sameAsLeft: [2028],
    other: ["ローコード/ノーコードツール"],
  },
  {
    number: 5,
    name: "オープンデータの推進",
    units: "行政管理課、関係課",
    plan: [2025, "公開型GISの導入・運用開始"],
    history: [
      [2024, "公開型GISの導入検討・予算化・事業準備"],
      [2023, "公開済データの更新（令和5年度更新無し）"],
      [2022, "公開済データの更新（令和4年度更新無し）"],
    ],
    sameAsLeft: [2027, 2028],
  },
  {
    number: 6,
    name: "組織・機構・執務環境の見直し",
    units: "行政管理課、職員課、関係課",
    plan: [2025, "執務環境の検討・見直し"],
    history: [
      [2024, "<実施> 組織ヒアリング 調査・検討 実施"],
      [2023, "組織ヒアリング"],
      [2022, "組織ヒアリング"],
    ],
    sameAsLeft: [2027, 2028],
  },
  {
    number: 7,
    name: "職員の意識改革の推進",
    units: "職員課、行政管理課、関係課",
    plan: [2025, "「DX推進リーダー研修」(R7受講者20人)"],
    history: [
      [2024, "DX推進リーダー研修の実施(受講者28名)"],
      [2023, "意識改革進捗状況のアンケート調査実施"],
      [2022, "新たな「千歳市人材育成基本方針」の策定とそれに基づく取組開始"],
    ],
    sameAsLeft: [2026, 2027, 2028],
  },
  {
    number: 8,
    name: "デジタルデバインド対策の実施 (デジタル活用支援)",
    units: "行政管理課",
    plan: [2026, "高度無線環境整備推進事業事後評価"],
    history: [
      [2024, "市内コミセン等でスマホ講習会を開催し、合計10回の開催で、67名の参加があった。"],
      [2023, "市内コミセン等でスマホ講習会を開催し、合計24回の開催で、171名の参加があった。"],
      [2022, "サービス開始：令和4年6月20日"],
    ],
    sameAsLeft: [2028],
  },
  {
    number: 9,
    name: "自治体情報システムの標準化・共通化",
    units: "行政管理課、その他システム等所管課",
    plan: [2027, "継続運用"],
    history: [
      [2024, "(市) 標準準拠システムへの移行準備、調査・分析、計画検討等"],
      [2023, "(市) システム標準化・共通化専門部会の開催、標準準拠システムへの移行準備、調査・分析、計画検討等"],
      [2022, "(国) 標準仕様書の策定、ガバメントクラウド提供（ベンダ）標準準拠システム開発"],
    ],
    sameAsLeft: [2028],
  },
  {
    number: 10,
    name: "行政手続のデジタル化の推進",
    units: "行政管理課、その他業務所管課",
    plan: [2025, "被災者支援システムの導入"],
    history: [
      [2024, "ちとせ子育てアプリを導入し、アプリからのイベント予約を開始"],
      [2023, "<DX推進専門部会> 公共施設利用申込のオンライン化の実現"],
      [2022, "転出・転入手続のワンストップ化の対応完了"],
    ],
    sameAsLeft: [2028],
  },
];

async function setup(get: () => TestDatabase) {
  const site = await demoSite(get, { gyokan: "123", shokuin: "122" });
  const { tenant } = site;
  const items = await editionItems(tenant, 2025);
  const item = (n: number): ItemView => {
    const found = items.find((i) => i.number === n);
    if (!found) throw new Error(`item ${n} missing`);
    return found;
  };
  /** No round of an earlier test may stay open: each test opens its own. */
  const closeOpenRounds = async () => {
    for (const r of await tenant.reformRounds.list()) if (r.status === "open") await closeRound(tenant, CLI_ACTOR, r.id);
  };
  return { ...site, item, closeOpenRounds };
}

async function roundIdFor(browser: BrowserClient, itemId: number): Promise<number> {
  const html = await (await browser.get("/reform/updates")).text();
  return Number(part(html, new RegExp(`/reform/rounds/(\\d+)/items/${itemId}"`)));
}

describeEachDatabase("業務改革の画面: 重点推進項目・更新依頼・検証・取込", (get) => {
  it("needs a login: every reform page sends a visitor to the login form", async () => {
    const anonymous = new BrowserClient(createApp({ database: get().database }));
    for (const path of ["/reform", "/reform/items/1", "/reform/updates", "/reform/verification", "/reform/indicators", "/reform/editions/2025.xlsx"]) {
      const response = await anonymous.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location")).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("shows the ten R7 items on the overview with their plan stages per column, 同左 as 同左", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const response = await viewer.get("/reform");
    expect(response.status).toBe(200);
    const html = await response.text();
    const table = part(html, /<table class="data reform-overview" id="reform-items">([\s\S]*?)<\/table>/);
    for (const s of SEED) expect(textOf(table)).toContain(s.name);
    expect(textOf(table)).toContain("令和10年度以降");
    const row5 = part(table, /<tr data-item="5">([\s\S]*?)<\/tr>/);
    expect(textOf(part(row5, /<td data-year="2025"[^>]*>([\s\S]*?)<\/td>/))).toBe("<継続実施>");
    expect(textOf(part(row5, /<td data-year="2027"[^>]*>([\s\S]*?)<\/td>/))).toBe("同左");
    expect(textOf(row5)).toContain("令和6年度 <実施>");
    expect(html).toContain("取組計画の段階別 件数");
    // The viewer gets no admin forms.
    expect(html).not.toContain('action="/reform/rounds"');
  });

  it("shows every item sheet as the seed words it: plans, 同左 links to the left column, R4–R6 history, remarks", async () => {
    const { client, item } = await setup(get);
    const viewer = await client("viewer");
    for (const s of SEED) {
      const view = item(s.number);
      const response = await viewer.get(`/reform/items/${view.id}`);
      expect(response.status, s.name).toBe(200);
      const html = await response.text();
      expect(textOf(part(html, /<h1>([\s\S]*?)<\/h1>/))).toBe(`(${s.number}) ${s.name} 継続`);
      expect(textOf(part(html, /<td colspan="4" data-field="units">([\s\S]*?)<\/td>/))).toBe(s.units);
      expect(textOf(planCell(html, s.plan[0])), `${s.name} ${s.plan[0]}`).toContain(s.plan[1]);
      expect(html).toContain("令和10年度以降");
      for (const [year, line] of s.history) expect(historyRow(html, year), `${s.name} ${year}`).toContain(line);
      expect(historyTable(html)).toContain(">令和4年度<");
      for (const year of s.sameAsLeft ?? []) {
        const cell = planCell(html, year);
        expect(cell, `${s.name} ${year}`).toMatch(new RegExp(`<a href="#plan-${year - 1}" title="[^"]+">同左</a>`));
      }
      for (const text of s.other ?? []) expect(textOf(html)).toContain(text);
    }
    // (6) R9 keeps its own tag beside 同左 (「<実施> 同左」), and the resolved content is there to read.
    const six = await (await viewer.get(`/reform/items/${item(6).id}`)).text();
    expect(textOf(planCell(six, 2027))).toMatch(/^<実施> 同左 内容\(令和8年度と同じ\) 組織ヒアリング 調査・検討 実施 執務環境の見直し$/);
    // (3) AI・RPA: subcommittee, indicator with ratio from its baseline ((86-17)/(50-17) = 209.1%).
    const three = await (await viewer.get(`/reform/items/${item(3).id}`)).text();
    expect(textOf(three)).toContain("AI・RPA推進専門部会(R4～R7)");
    expect(three).toContain('data-ratio="209.1"');
    expect(three).toMatch(/<img src="\/reform\/indicators\/\d+\/chart\.svg"/);
  });

  it("draws each indicator as an SVG image without inline styles", async () => {
    const { client, tenant } = await setup(get);
    const viewer = await client("viewer");
    const indicators = await tenant.reformIndicators.list();
    const rpa = indicators.find((i) => i.name === "RPA導入業務数");
    if (!rpa) throw new Error("RPA indicator missing");
    const response = await viewer.get(`/reform/indicators/${rpa.id}/chart.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("image/svg+xml");
    const svg = await response.text();
    expect(svg).toContain("<svg");
    expect(svg).not.toContain("style=");
    expect(svg).toContain("令6");
    const page = await (await viewer.get("/reform/indicators")).text();
    expect(textOf(page)).toContain("スマホ講習会 参加者数");
    // A viewer enters nothing.
    expect(page).not.toContain("/values");
    const subcommittees = await (await viewer.get("/reform/subcommittees")).text();
    const table = textOf(part(subcommittees, /<table class="data subcommittees" id="subcommittees">([\s\S]*?)<\/table>/));
    expect(table).toContain("システム標準化・共通化専門部会 基幹系システム（20業務）の標準化・共通化に関する事項の調査・検討 R4～R7 (9) 自治体情報システムの標準化・共通化");
    expect(table).toContain("アナログ規制点検見直し専門部会 アナログ的な手法を前提とした条例等の見直し検討 R6～");
    expect(table).toContain("DX推進庁内検討専門部会");
  });

  it("lets the item's division and the secretariat enter indicator values, and nobody else", async () => {
    const { client, tenant, gyokan, shokuin } = await setup(get);
    const smartphone = (await tenant.reformIndicators.list()).find((i) => i.name === "スマホ講習会 開催回数");
    if (!smartphone) throw new Error("indicator missing");
    const editor = await client("editor", [gyokan]);
    const action = `/reform/indicators/${smartphone.id}/values`;
    const read = await readValuesFor(editor, "/reform/indicators", action);
    const saved = await editor.post(action, { ...read, fiscalYear: "R7", kind: "target", value: "12" });
    expect(saved.status).toBe(302);
    const values = await tenant.reformIndicators.values([smartphone.id]);
    expect(values.find((v) => v.fiscal_year === 2025 && v.kind === "target")?.value).toBe(12);
    const bad = await editor.post(action, { ...read, fiscalYear: "R7", kind: "actual", value: "十回" });
    expect(bad.status).toBe(400);
    // The message names the indicator, the year and the kind (it was 「値を数値として読めません: 「十回」」).
    expect(await bad.text()).toContain('<p class="alert error" role="alert">指標「スマホ講習会 開催回数」の令和7年度(2025年度)の実績を数値として読めません: 「十回」</p>');
    const other = await client("editor", [shokuin]);
    await other.get("/reform/indicators");
    expect((await other.post(`/reform/indicators/${smartphone.id}/values`, { fiscalYear: "R7", kind: "actual", value: "3" })).status).toBe(403);
  });

  it("two people from one indicators page (issue 14 point 6): the second save of the same figure is a 409 naming both values, the first stays; another figure and a fresh page save", async () => {
    const { client, tenant, gyokan } = await setup(get);
    const smartphone = (await tenant.reformIndicators.list()).find((i) => i.name === "スマホ講習会 開催回数");
    if (!smartphone) throw new Error("indicator missing");
    const action = `/reform/indicators/${smartphone.id}/values`;
    const editor = await client("editor", [gyokan]);
    const admin = await client("admin");
    const readA = await readValuesFor(editor, "/reform/indicators", action);
    const readB = await readValuesFor(admin, "/reform/indicators", action);
    const stored = (await tenant.reformIndicators.values([smartphone.id])).find((v) => v.fiscal_year === 2025 && v.kind === "actual")?.value;
    const shown = stored === undefined ? "未設定" : `${Number(stored)}${smartphone.unit}`;
    expect((JSON.parse(readB.read_values) as Record<string, string>)["2025.actual"] ?? "未設定").toBe(shown);
    expect((await editor.post(action, { ...readA, fiscalYear: "R7", kind: "actual", value: "7" })).status).toBe(302);
    const late = await admin.post(action, { ...readB, fiscalYear: "2025", kind: "actual", value: "9" });
    expect(late.status).toBe(409);
    expect(textOf(await late.text())).toContain(
      `指標「スマホ講習会 開催回数」の実績(令和7年度(2025年度))は、画面を開いた後に別の人が「${shown}」→「7${smartphone.unit}」に変更しています(あなたの入力:「9${smartphone.unit}」)`,
    );
    const actual = async () => (await tenant.reformIndicators.values([smartphone.id])).find((v) => v.fiscal_year === 2025 && v.kind === "actual")?.value;
    expect(await actual()).toBe(7);
    // The target of the same year was not changed meanwhile: the same old page saves it.
    expect((await admin.post(action, { ...readB, fiscalYear: "2025", kind: "target", value: "10" })).status).toBe(302);
    // After reloading, the secretariat saves knowingly; a post without the values read is refused, nothing written.
    expect((await admin.post(action, { ...(await readValuesFor(admin, "/reform/indicators", action)), fiscalYear: "2025", kind: "actual", value: "9" })).status).toBe(302);
    expect(await actual()).toBe(9);
    const blind = await admin.post(action, { fiscalYear: "2025", kind: "actual", value: "1" });
    expect(blind.status).toBe(400);
    expect(await actual()).toBe(9);
    // The fields are read by a schema: a value over 100 characters is a 400 naming it, shown again, nothing written.
    const long = await admin.post(action, { ...(await readValuesFor(admin, "/reform/indicators", action)), fiscalYear: "2025", kind: "actual", value: "1".repeat(101) });
    expect(long.status).toBe(400);
    expect(/<p class="alert error" role="alert">([^<]*)<\/p>/.exec(await long.text())?.[1]).toBe("値は100文字以内で入力してください(101文字)");
    expect(await actual()).toBe(9);
  });

  it("runs the whole round over HTTP: open → draft → submit → return → resubmit → approve → verify, with role checks at each step", async () => {
    const { client, item, gyokan, shokuin, closeOpenRounds, tenant } = await setup(get);
    await closeOpenRounds();
    const openData = item(5);
    const admin = await client("admin");
    const editor = await client("editor", [gyokan]);
    const otherDivision = await client("editor", [shokuin]);
    const viewer = await client("viewer");
    const hq = await client("hq");

    // The secretariat opens the round from the overview.
    await admin.get("/reform");
    const noDue = await admin.post("/reform/rounds", { editionYear: "2025", fiscalYear: "2025", dueDate: "", title: "" });
    expect(noDue.status).toBe(400);
    // A blank due date is asked for (it was 「提出期限が日付として読めません: 」, naming nothing); nothing is opened.
    expect(await noDue.text()).toContain('<p class="alert error" role="alert">提出期限を入力してください (例: 2026-04-30)</p>');
    const badDue = await admin.post("/reform/rounds", { editionYear: "2025", fiscalYear: "2025", dueDate: "2026-02-30", title: "" });
    expect(badDue.status).toBe(400);
    expect(await badDue.text()).toContain('<p class="alert error" role="alert">提出期限が日付として読めません: 「2026-02-30」(例: 2026-04-30)</p>');
    // The texts are read by schemas (no field() in the route): a format character in 名称 is a 400 naming it, nothing opened.
    const roundsBefore = await tenant.reformRounds.list();
    const badTitle = await admin.post("/reform/rounds", { editionYear: "2025", fiscalYear: "2025", dueDate: "2026-04-30", title: "更新\u202e" });
    expect(badTitle.status).toBe(400);
    expect(await badTitle.text()).toContain('<p class="alert error" role="alert">名称に使えない文字(U+202E: 表示の向きを変えたり見えなかったりする書式制御文字)が含まれています。取り除いてから入力してください</p>');
    expect(await tenant.reformRounds.list()).toEqual(roundsBefore);
    const opened = await admin.post("/reform/rounds", { editionYear: "2025", fiscalYear: "2025", dueDate: "2026-04-30", title: "" });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe("/reform?year=2025&done=round");
    expect((await editor.post("/reform/rounds", { editionYear: "2025", dueDate: "2026-05-31" })).status).toBe(403);

    // My updates: the editor of 行政管理課 sees item 5 with its due date; the viewer sees nothing to do.
    const mine = await (await editor.get("/reform/updates")).text();
    expect(textOf(mine)).toContain("令和8年(2026年)4月30日");
    expect(textOf(mine)).toContain("(5) オープンデータの推進");
    expect(textOf(mine)).toContain("未着手");
    const roundId = await roundIdFor(editor, openData.id);
    expect(textOf(await (await viewer.get("/reform/updates")).text())).toContain("受付中の更新依頼はありません");
    const path = `/reform/rounds/${roundId}/items/${openData.id}`;

    // Draft.
    let form = await (await editor.get(path)).text();
    expect(form).toContain("下書き保存");
    const draft = { result: "<継続実施>\n・公開型GISを導入し運用を開始した。", "plan.2026": "<継続実施>\n・公開型GISの機能追加", "plan.2027": "同左", "plan.2028": "同左", "plan.2029": "同左" };
    await viewer.get(path);
    expect((await viewer.post(path, { action: "save", version: versionOf(form), ...draft })).status).toBe(403);
    await otherDivision.get(path);
    expect((await otherDivision.post(path, { action: "save", version: versionOf(form), ...draft })).status).toBe(403);
    await hq.get(path);
    expect((await hq.post(path, { action: "save", version: versionOf(form), ...draft })).status).toBe(403);
    const saved = await editor.post(path, { action: "save", version: versionOf(form), ...draft });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`${path}?done=save`);
    form = await (await editor.get(`${path}?done=save`)).text();
    expect(textOf(form)).toContain("下書きを保存しました");
    expect(textOf(part(form, /<dd data-status="([a-z_]+)">/))).toBe("draft");
    expect(form).toContain("公開型GISを導入し運用を開始した。");

    // A 同左 in the first plan column is refused with the entered text kept.
    const refused = await editor.post(path, { action: "save", version: versionOf(form), ...draft, "plan.2026": "同左" });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(textOf(refusedHtml)).toContain("最初の列に「同左」は使えません");
    expect(refusedHtml).toContain("公開型GISを導入し運用を開始した。");

    // A stage typed wrong is refused, not kept as a line of text.
    const typo = await editor.post(path, { action: "save", version: versionOf(form), ...draft, result: "<実施中>\n・公開型GISを導入した。" });
    expect(typo.status).toBe(400);
    expect(textOf(await typo.text())).toContain("令和7年度(2025年度)の取組実績: 段階「実施中」はありません (<実施>・<継続実施>・<一部実施>・<調査検討>)");

    // Submit; the editor cannot approve.
    expect((await editor.post(path, { action: "submit", version: versionOf(form), ...draft })).status).toBe(302);
    form = await (await editor.get(path)).text();
    expect(part(form, /<dd data-status="([a-z_]+)">/)).toBe("submitted");
    expect((await editor.post(path, { action: "approve", version: versionOf(form) })).status).toBe(403);

    // The secretariat returns it; a comment is required.
    let review = await (await admin.get(path)).text();
    expect(review).toContain('value="approve"');
    const noComment = await admin.post(path, { action: "return", version: versionOf(review), comment: " " });
    expect(noComment.status).toBe(400);
    expect(textOf(await noComment.text())).toContain("差戻しの理由を入力してください");
    expect((await admin.post(path, { action: "return", version: versionOf(review), comment: "公開データの件数を書いてください" })).status).toBe(302);

    // The editor sees the comment highlighted, fixes and resubmits.
    const returned = await (await editor.get("/reform/updates")).text();
    expect(returned).toMatch(/<tr class="returned" data-item="5" data-status="returned">/);
    expect(textOf(returned)).toContain("公開データの件数を書いてください");
    form = await (await editor.get(path)).text();
    expect(textOf(part(form, /<div class="alert warning returned-comment"[^>]*>([\s\S]*?)<\/div>/))).toBe("差戻しの理由: 公開データの件数を書いてください");
    const fixed = { ...draft, result: "<継続実施>\n・公開型GISを導入し運用を開始した。\n・公開データ 12件" };
    expect((await editor.post(path, { action: "submit", version: versionOf(form), ...fixed })).status).toBe(302);

    // Approval writes the result into the item.
    review = await (await admin.get(path)).text();
    expect((await admin.post(path, { action: "approve", version: versionOf(review) })).status).toBe(302);
    const sheet = await (await viewer.get(`/reform/items/${openData.id}`)).text();
    expect(historyRow(sheet, 2025)).toContain("公開データ 12件");
    expect(textOf(part(sheet, /<h2 id="revisions">[\s\S]*?(<table[\s\S]*?<\/table>)/))).toContain("更新依頼の承認");

    // Approved is final in this round.
    form = await (await editor.get(path)).text();
    expect(textOf(form)).toContain("内容を変更するには、行政管理課が新しい更新依頼を出す必要があります");
    expect(form).not.toContain('value="save"');
    const late = await editor.post(path, { action: "save", version: versionOf(form), ...fixed });
    expect(late.status).toBe(409);
    expect(textOf(await late.text())).toContain("新しい更新依頼が必要です");

    // The headquarters verifies; the secretariat cannot.
    await admin.get("/reform/verification?year=2025");
    expect((await admin.post("/reform/verification", { itemId: String(openData.id), year: "2025", evaluation: "達成", opinion: "", decision: "継続", version: "" })).status).toBe(403);
    const verification = await (await hq.get("/reform/verification?year=2025")).text();
    expect(textOf(part(verification, new RegExp(`<section class="verify-item" id="item-${openData.id}"[^>]*>([\\s\\S]*?)</section>`)))).toContain("公開データ 12件");
    // A bad version is a 400 naming the field, nothing written.
    const verificationsBefore = await tenant.reformVerifications.list(2025);
    const badVersion = await hq.post("/reform/verification", { itemId: String(openData.id), year: "2025", evaluation: "概ね達成", opinion: "", decision: "継続", version: "v1" });
    expect(badVersion.status).toBe(400);
    expect(/<p class="alert error" role="alert">([^<]*)<\/p>/.exec(await badVersion.text())?.[1]).toBe("版番号は整数で指定してください: 「v1」");
    expect(await tenant.reformVerifications.list(2025)).toEqual(verificationsBefore);
    const verified = await hq.post("/reform/verification", { itemId: String(openData.id), year: "2025", evaluation: "概ね達成", opinion: "GISの活用を広げること", decision: "継続", version: "" });
    expect(verified.status).toBe(302);
    const overview = await (await viewer.get("/reform?year=2025")).text();
    expect(textOf(part(overview, /<tr data-item="5">([\s\S]*?)<\/tr>/))).toContain("概ね達成 / 継続");
    expect(textOf(part(await (await viewer.get(`/reform/items/${openData.id}`)).text(), /<table class="data verifications">([\s\S]*?)<\/table>/))).toContain(
      "概ね達成 GISの活用を広げること 継続",
    );

    // Progress per status for the secretariat.
    const rounds = await (await admin.get("/reform/rounds")).text();
    expect(part(rounds, new RegExp(`<section class="round" data-round="${roundId}">[\\s\\S]*?<td class="num" data-status="approved">(\\d+)</td>`))).toBe("1");
    expect((await viewer.get("/reform/rounds")).status).toBe(403);
  });

  it("refuses the second of two saves over the same update with 409 and shows both versions", async () => {
    const { client, item, gyokan, closeOpenRounds } = await setup(get);
    await closeOpenRounds();
    const admin = await client("admin");
    await admin.get("/reform/rounds");
    expect((await admin.post("/reform/rounds", { back: "rounds", editionYear: "2025", fiscalYear: "", dueDate: "2026-05-15", title: "競合の確認" })).status).toBe(302);
    const first = await client("editor", [gyokan]);
    const second = await client("editor", [gyokan]);
    const target = item(8);
    const roundId = await roundIdFor(first, target.id);
    const path = `/reform/rounds/${roundId}/items/${target.id}`;
    const formA = await (await first.get(path)).text();
    const formB = await (await second.get(path)).text();
    expect(versionOf(formA)).toBe(versionOf(formB));
    expect((await first.post(path, { action: "save", version: versionOf(formA), result: "<実施>\n・スマホ講習会を12回開催した。" })).status).toBe(302);
    const conflict = await second.post(path, { action: "save", version: versionOf(formB), result: "<実施>\n・スマホ講習会を8回開催した。" });
    expect(conflict.status).toBe(409);
    const html = await conflict.text();
    const panel = textOf(part(html, /<section class="conflict"[^>]*>([\s\S]*?)<\/section>/));
    expect(panel).toContain("他の人");
    expect(panel).toContain("スマホ講習会を12回開催した。");
    expect(panel).toContain("スマホ講習会を8回開催した。");
    // What the second person typed stays in the form, now carrying the stored version.
    expect(part(html, /<textarea id="result"[^>]*>([\s\S]*?)<\/textarea>/)).toContain("スマホ講習会を8回開催した。");
    expect(Number(versionOf(html))).toBe(Number(versionOf(formA)) + 1);
  });

  it("refuses the second of two edits of the same item with 409, keeps the typed text and shows both versions", async () => {
    const { client, item, tenant } = await setup(get);
    const a = await client("admin");
    const b = await client("admin");
    const target = item(9);
    const editA = await (await a.get(`/reform/items/${target.id}/edit`)).text();
    const editB = await (await b.get(`/reform/items/${target.id}/edit`)).text();
    const version = versionOf(editA);
    expect(versionOf(editB)).toBe(version);
    expect((await a.post(`/reform/items/${target.id}`, { version, name: "自治体情報システムの標準化・共通化(ガバメントクラウド)" })).status).toBe(302);
    const conflict = await b.post(`/reform/items/${target.id}`, { version, name: "自治体情報システムの標準化", "plan.2027": "<実施>\n・継続運用\n・運用経費の検証" });
    expect(conflict.status).toBe(409);
    const html = await conflict.text();
    const panel = textOf(part(html, /<section class="conflict"[^>]*>([\s\S]*?)<\/section>/));
    expect(panel).toContain("自治体情報システムの標準化・共通化(ガバメントクラウド)");
    expect(panel).toContain("運用経費の検証");
    expect(part(html, /<input id="name" name="name" type="text" value="([^"]*)"/)).toBe("自治体情報システムの標準化");
    const stored = (await editionItems(tenant, 2025)).find((i) => i.id === target.id);
    expect(stored?.name).toBe("自治体情報システムの標準化・共通化(ガバメントクラウド)");
    expect(stored?.plans[2027]?.lines).toEqual(["継続運用"]);
  });

  it("shows the revision history field by field with before → after, who and when", async () => {
    const { client, item } = await setup(get);
    const admin = await client("admin");
    const target = item(2);
    const edit = await (await admin.get(`/reform/items/${target.id}/edit`)).text();
    // Untouched fields are sent as shown and must not count as changes.
    const textarea = (name: string) => decode(part(edit, new RegExp(`<textarea id="${name.replace(".", "\\.")}" name="[^"]+" rows="\\d+">([\\s\\S]*?)</textarea>`)));
    const form: Record<string, string | string[]> = {
      version: versionOf(edit),
      name: decode(part(edit, /<input id="name" name="name" type="text" value="([^"]*)"/)),
      state: "継続",
      unitLabels: decode(part(edit, /<input id="unitLabels" name="unitLabels" type="text" value="([^"]*)"/)),
      unitsShown: "1",
      unit: [...edit.matchAll(/<input type="checkbox" id="unit-(\d+)" name="unit" value="\d+" checked=""/g)].map((m) => m[1] ?? ""),
      content: textarea("content"),
      effect: textarea("effect"),
      remarks: textarea("remarks"),
      "plan.2025": textarea("plan.2025"),
      "plan.2026": "<実施>\n・電子決裁の本格稼働",
      "plan.2027": textarea("plan.2027"),
      "plan.2028": textarea("plan.2028"),
    };
    const saved = await admin.post(`/reform/items/${target.id}`, form);
    expect(saved.status).toBe(302);
    const html = await (await admin.get(`/reform/items/${target.id}`)).text();
    const revisions = part(html, /<h2 id="revisions">[\s\S]*?(<table class="data revisions">[\s\S]*?<\/table>)/);
    const rows = [...revisions.matchAll(/<li data-field="([^"]+)">([\s\S]*?)<\/li>/g)];
    expect(rows.map((r) => r[1])).toEqual(["取組計画 令和8年度(2026年度)"]);
    const change = rows[0]?.[2] ?? "";
    expect(textOf(part(change, /<del[^>]*>([\s\S]*?)<\/del>/))).toBe("<一部実施> ・電子決裁・文書管理システムの操作研修、試用稼働、本格稼働、運用開始後の課題検証 ・請求書の押印省略検討 ・財務会計の電子決裁システムの導入検討");
    expect(textOf(part(change, /<ins[^>]*>([\s\S]*?)<\/ins>/))).toBe("<実施> ・電子決裁の本格稼働");
    expect(textOf(revisions)).toContain("直接編集");
    expect(textOf(revisions)).toMatch(/令和\d+年\(\d{4}年\)\d+月\d+日 \d\d:\d\d admin\d+/);
    // The sheet shows the new plan.
    expect(textOf(planCell(html, 2026))).toBe("<実施> 電子決裁の本格稼働");
  });

  it("stores an uploaded image for the secretariat and shows it where the text says ![説明](番号)", async () => {
    const { client, item } = await setup(get);
    const admin = await client("admin");
    const target = item(6);
    await admin.get(`/reform/items/${target.id}/edit`);
    const upload = async (bytes: Uint8Array, name: string) => {
      const form = new FormData();
      form.set("_csrf", admin.csrfToken);
      form.set("file", new File([bytes], name));
      return createApp({ database: get().database }).request(`/reform/items/${target.id}/attachments`, {
        method: "POST",
        body: form,
        headers: { host: "localhost", cookie: `${SESSION_COOKIE}=${admin.cookie(SESSION_COOKIE) ?? ""}` },
      });
    };
    // The smallest PNG: signature, IHDR, IDAT, IEND.
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e221bc330000000049454e44ae426082", "hex");
    const saved = await upload(png, "office.png");
    expect(saved.status).toBe(302);
    const id = Number(part(saved.headers.get("location") ?? "", /uploaded=(\d+)/));
    const image = await admin.get(`/reform/attachments/${id}`);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(new Uint8Array(png));
    const html = await upload(new TextEncoder().encode("<html><script>alert(1)</script></html>"), "evil.png");
    expect(html.status).toBe(400);
    expect(textOf(await html.text())).toContain("「evil.png」はPNG・JPEG・GIF・WebPの画像ではありません");

    const edit = await (await admin.get(`/reform/items/${target.id}/edit?uploaded=${id}`)).text();
    expect(textOf(edit)).toContain(`![説明](${id})`);
    const badQuery = await admin.get(`/reform/items/${target.id}/edit?uploaded=${id}x`);
    expect(badQuery.status).toBe(400);
    expect(/<p class="alert error" role="alert">([^<]*)<\/p>/.exec(await badQuery.text())?.[1]).toBe(`画像番号は整数で指定してください: 「${id}x」`);
    const remarks = decode(part(edit, /<textarea id="remarks" name="remarks" rows="\d+">([\s\S]*?)<\/textarea>/));
    expect((await admin.post(`/reform/items/${target.id}`, { version: versionOf(edit), remarks: `${remarks}\n\n![ミーティングスペースの例](${id})` })).status).toBe(302);
    const sheet = await (await admin.get(`/reform/items/${target.id}`)).text();
    expect(part(sheet, /<td colspan="4" data-field="remarks" class="blocks">([\s\S]*?)<\/td>/)).toContain(`<img src="/reform/attachments/${id}" alt="ミーティングスペースの例"/>`);
  });

  it("exports the item sheets as xlsx in the seed's layout, and importing them back changes nothing", async () => {
    const { client, tenant } = await setup(get);
    const admin = await client("admin");
    const response = await admin.get("/reform/editions/2025.xlsx");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const sheets = await readXlsx(bytes);
    expect(sheets).toHaveLength(10);
    const first = sheets[0];
    expect(first?.name).toBe("(1) 情報システム全体の最適化及び情報セキュリティ対策");
    expect(first?.rows[0]?.[0]).toBe("事業名");
    expect(first?.rows[0]?.[1]).toBe("(1) 情報システム全体の最適化及び情報セキュリティ対策");
    expect(first?.rows[0]?.[4]).toBe("継続");
    expect(first?.rows[3]).toEqual(["取組計画", "令和7年度", "令和8年度", "令和9年度", "令和10年度以降"]);
    expect(first?.rows[4]?.[1]).toBe("<継続実施>\n・職員業務端末の更新\n・グループウェア更新\n・MicrosoftOfficeサポート終了対応\n・次期LGWAN移行\n・千歳市情報セキュリティポリシー改定");
    expect(first?.rows[6]?.slice(0, 4)).toEqual(["これまでの取組計画・実績", "区分", "取組計画", "取組実績"]);
    expect(first?.rows[7]?.[1]).toBe("令和6年度");
    expect(sheets[4]?.rows[4]?.[3]).toBe("同左");

    const before = await editionItems(tenant, 2025);
    const revisionsBefore = (await tenant.reformItems.revisions(before.map((i) => i.id))).length;
    await admin.get("/reform/import");
    const data = Buffer.from(bytes).toString("base64");
    const preview = await admin.post("/reform/import", { step: "preview", year: "2025", filename: "reform-items-2025.xlsx", data });
    expect(preview.status).toBe(200);
    expect(textOf(await preview.text())).toContain("登録済みの内容と同じため、変更はありません");
    const applied = await admin.post("/reform/import", { step: "apply", year: "2025", filename: "reform-items-2025.xlsx", data });
    expect(applied.status).toBe(302);
    expect(applied.headers.get("location")).toBe("/reform?year=2025&done=imported&changed=0");
    const after = await editionItems(tenant, 2025);
    expect(after).toEqual(before);
    expect((await tenant.reformItems.revisions(after.map((i) => i.id))).length).toBe(revisionsBefore);

    // Editors may download but not import.
    const viewer = await client("viewer");
    expect((await viewer.get("/reform/editions/2025.xlsx")).status).toBe(200);
    expect((await viewer.get("/reform/import")).status).toBe(403);
  });

  it("imports a changed sheet, and rejects a file with one bad cell naming the sheet and cell, writing nothing", async () => {
    const { client, tenant, item } = await setup(get);
    const admin = await client("admin");
    const bytes = new Uint8Array(await (await admin.get("/reform/editions/2025.xlsx")).arrayBuffer());
    const edit = async (change: (wb: ExcelJS.Workbook) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes.slice().buffer);
      change(wb);
      return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    };
    const sheet = (wb: ExcelJS.Workbook, prefix: string) => {
      const found = wb.worksheets.find((w) => w.name.startsWith(prefix));
      if (!found) throw new Error(`sheet ${prefix} missing`);
      return found;
    };
    await admin.get("/reform/import");

    // One bad cell in sheet (5) and a valid change in sheet (3): nothing at all is written.
    const bad = await edit((wb) => {
      sheet(wb, "(3)").getCell("B4").value = "令和7年度";
      sheet(wb, "(3)").getCell("C5").value = "<継続実施>\n・文章生成AI運用\n・議事録作成への活用";
      sheet(wb, "(5)").getCell("B5").value = "同左";
    });
    const rejected = await admin.post("/reform/import", { step: "apply", year: "2025", filename: "bad.xlsx", data: bad });
    expect(rejected.status).toBe(400);
    const problems = textOf(part(await rejected.text(), /<table class="data problems">([\s\S]*?)<\/table>/));
    expect(problems).toContain("誤り (5) オープンデータの推進 B5 最初の列に「同左」は使えません");
    expect((await editionItems(tenant, 2025)).find((i) => i.number === 3)?.plans[2026]).toEqual(item(3).plans[2026]);

    const typo = await edit((wb) => {
      sheet(wb, "(7)").getCell("E1").value = "継続中";
    });
    const previewed = await admin.post("/reform/import", { step: "preview", year: "2025", filename: "typo.xlsx", data: typo });
    expect(previewed.status).toBe(400);
    expect(textOf(await previewed.text())).toContain("(7) 職員の意識改革の推進 E1 区分は 継続・新規・完了 のいずれかです(入力値「継続中」)");

    // A clean change goes in, and only that item gets a revision.
    const good = await edit((wb) => {
      sheet(wb, "(3)").getCell("C5").value = "<継続実施>\n【AI】\n・文章生成AI運用\n・議事録作成への活用";
    });
    const preview = await admin.post("/reform/import", { step: "preview", year: "2025", filename: "good.xlsx", data: good });
    expect(preview.status).toBe(200);
    expect(textOf(await preview.text())).toContain("(3) AI、RPAの利用推進: 取組計画 令和8年度(2026年度)");
    const applied = await admin.post("/reform/import", { step: "apply", year: "2025", filename: "good.xlsx", data: good });
    expect(applied.headers.get("location")).toBe("/reform?year=2025&done=imported&changed=1");
    expect((await editionItems(tenant, 2025)).find((i) => i.number === 3)?.plans[2026]).toEqual({ stage: "継続実施", lines: ["【AI】", "文章生成AI運用", "議事録作成への活用"] });
  });

  it("exports all items as CSV (UTF-8 with BOM, Shift_JIS) and JSON", async () => {
    const { client } = await setup(get);
    const viewer = await client("viewer");
    const utf8 = new Uint8Array(await (await viewer.get("/reform/editions/2025.csv")).arrayBuffer());
    expect([...utf8.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const sjis = await viewer.get("/reform/editions/2025.csv?encoding=shift_jis");
    expect(sjis.headers.get("content-type")).toContain("Shift_JIS");
    const text = decodeText(new Uint8Array(await sjis.arrayBuffer()), "shift_jis").text;
    expect(text.split("\r\n")[0]).toContain("版,番号,事業名,区分,担当課,取組内容,取組計画 令和7年度");
    expect(text).toContain("オープンデータの推進");
    const json = (await (await viewer.get("/reform/editions/2025.json")).json()) as { items: { name: string; plans: Record<string, unknown> }[]; subcommittees: unknown[] };
    expect(json.items).toHaveLength(10);
    expect(json.items[4]?.plans["2027"]).toEqual({ stage: null, lines: [], sameAsLeft: true });
    expect(json.subcommittees).toHaveLength(6);
    expect((await viewer.get("/reform/editions/2025.pdf")).status).toBe(404);
  });

  it("lets the secretariat start the next edition and add a 新規 item, keeping the earlier edition as it was", async () => {
    const { client, tenant, shokuin } = await setup(get);
    const admin = await client("admin");
    const editor = await client("editor", [shokuin]);
    const page = await (await admin.get("/reform?year=2025")).text();
    expect(page).toContain('action="/reform/editions/2025/next"');
    await editor.get("/reform");
    expect((await editor.post("/reform/editions/2025/next", {})).status).toBe(403);
    const bad = await admin.post("/reform/evaluations", { year: "2025", evaluations: "達成" });
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain("評価の区分は重複なく2つ以上指定してください");
    const bare = await admin.post("/reform/editions/2025/next", {});
    expect(bare.status).toBe(303);
    expect(bare.headers.get("location")).toBe("/reform/editions/2025/next");
    const preview = textOf(await (await admin.get("/reform/editions/2025/next")).text());
    expect(preview).toContain("引き継ぐ項目(10件)");
    expect(preview).toContain("令和8年度(2026年度)の「同左」を左の列の内容に置き換え(最初の列になるため)");
    expect(preview).toContain("令和11年度(2029年度)以降(同左)");
    expect(await tenant.reformEditions.getByYear(2026)).toBeUndefined();
    const next = await admin.post("/reform/editions/2025/next", { ...(await readValuesFor(admin, "/reform/editions/2025/next", "/reform/editions/2025/next")), confirm: "1" });
    expect(next.status).toBe(302);
    expect(next.headers.get("location")).toMatch(/^\/reform\?year=2026&done=next&carried=\d+&completed=\d+$/);
    const added = await admin.post("/reform/editions/2026/items", { name: "窓口キャッシュレス決済の導入", unitLabels: "会計課、関係課" });
    expect(added.status).toBe(302);
    const edit = await (await admin.get(added.headers.get("location") ?? "")).text();
    expect(textOf(edit)).toContain("新規項目を追加しました");
    const r8 = await (await admin.get("/reform?year=2026")).text();
    expect(textOf(r8)).toContain("窓口キャッシュレス決済の導入 新規 会計課、関係課");
    expect(textOf(r8)).toContain("令和11年度以降");
    const items = await editionItems(tenant, 2026);
    const cashless = items.find((i) => i.name === "窓口キャッシュレス決済の導入");
    const accounting = await tenant.units.getByCode("191");
    expect(cashless?.unitIds).toEqual([accounting?.id]);
    expect((await editionItems(tenant, 2025)).map((i) => i.name)).toHaveLength(10);
    expect((await admin.post("/reform/editions/2025/next", {})).status).toBe(409);
  });
});
