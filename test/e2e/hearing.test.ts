/**
 * Real-browser test of the 組織・業務改革ヒアリング workflow (issue 11): the editor of 企画部 fills in and submits
 * 様式3, the secretariat returns it with a comment, the editor resubmits, the secretariat records the hearing, decides
 * every form, closes the round and applies it; 定数管理's 配置計画 then shows 企画部's planned headcount.
 * The round (令和9年度, 企画部 only) is opened before the server starts. Screenshots: test-results/e2e/hearing-*.png.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { openRound } from "../../src/services/hearing/rounds.js";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DEMO_ROUND_TARGET_YEAR } from "../../src/services/hearing/demo.js";
import { SCREENSHOT_DIR, shoot, useSite } from "../support/e2e.js";

const USERS = { admin: "hearing-kanri", editor: "kikaku-tanto" } as const;
let roundId = 0;
let kikakuId = 0;
let demoRoundId = 0;
let somuId = 0;

const site = useSite({
  demo: true,
  prefix: "hearing",
  users: [
    { username: USERS.admin, displayName: "行政管理課 事務局", role: "admin" },
    { username: USERS.editor, displayName: "企画部 次長", role: "editor", unitCodes: ["110"] },
  ],
  prepare: async (tenant) => {
    const kikaku = await tenant.units.getByCode("110");
    if (!kikaku) throw new Error("demo unit 110 missing");
    kikakuId = kikaku.id;
    demoRoundId = (await tenant.hearingRounds.getByYear(DEMO_ROUND_TARGET_YEAR))?.id ?? 0;
    somuId = (await tenant.units.getByCode("120"))?.id ?? 0;
    roundId = await openRound(tenant, CLI_ACTOR, { targetYear: 2027, dueDate: "2026-07-31", departmentIds: [kikaku.id] });
  },
});

const formUrl = (baseUrl: string, form: number) => `${baseUrl}/hearings/${roundId}/departments/${kikakuId}/forms/${form}`;

/** Clicks a button that posts and waits for the page that answers (the form again, after its redirect). */
async function press(page: Page, name: string, lands = /\/forms\/\d\?(saved=1|step=(return|hear|decide))$/): Promise<void> {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name, exact: true }).click()]);
  expect(page.url()).toMatch(lands);
}

/** 提出 / 再提出 lands on the department's page ("提出しました"). */
const SUBMITTED = new RegExp(`/departments/\\d+\\?submitted=1$`);

/** The form's own status badge (beside 状態:). */
const statusOf = (page: Page) => page.locator("main p", { hasText: "状態:" }).locator("[data-status]").getAttribute("data-status");

describe("組織・業務改革ヒアリング (e2e)", () => {
  it("企画部が様式3を提出し、差戻し・再提出を経て、行政管理課が決定して翌年度の配置計画に反映する", { timeout: 180_000 }, async () => {
    const { baseUrl, violations } = site();
    const contexts: BrowserContext[] = [];
    try {
      // ---- the editor of 企画部 fills in 様式3 and submits it ----
      const editor = await site().signIn(USERS.editor);
      contexts.push(editor.context);
      await editor.page.goto(formUrl(baseUrl, 3));
      expect(await editor.page.getByLabel("現員 1行目").inputValue()).toBe("67");
      // The table uses the page's width: the unit and category are readable, not squeezed into a 480px form.
      expect((await editor.page.getByLabel("組織 1行目").boundingBox())?.width ?? 0).toBeGreaterThan(100);
      expect((await editor.page.getByLabel("職種 1行目").boundingBox())?.width ?? 0).toBeGreaterThan(80);
      expect((await editor.page.locator("#form-content").boundingBox())?.width ?? 0).toBeGreaterThan(900);
      await editor.page.getByLabel("増(令和9年度(2027年度)) 1行目").fill("2");
      await editor.page.getByLabel("増の理由 1行目").fill("DX推進");
      await press(editor.page, "保存する");
      expect(await editor.page.locator('[data-requested="L1-0"]').textContent()).toBe("69");
      await press(editor.page, "提出する", SUBMITTED);
      await editor.page.goto(formUrl(baseUrl, 3));
      expect(await statusOf(editor.page)).toBe("submitted");
      await shoot(editor.page, "hearing-1-submitted.png");

      // ---- the secretariat returns it with a comment ----
      const admin = await site().signIn(USERS.admin);
      contexts.push(admin.context);
      await admin.page.goto(formUrl(baseUrl, 3));
      await admin.page.getByLabel("差戻しの理由").fill("増員の根拠となる業務量を記入してください");
      await press(admin.page, "差し戻す");
      expect(await statusOf(admin.page)).toBe("returned");

      // ---- the editor sees the comment, edits and resubmits ----
      await editor.page.goto(formUrl(baseUrl, 3));
      expect(await editor.page.content()).toContain("増員の根拠となる業務量を記入してください");
      await editor.page.getByLabel("増の理由 1行目").fill("DX推進(オンライン申請 8,200件→11,500件)");
      await press(editor.page, "保存する");
      await press(editor.page, "再提出する", SUBMITTED);
      await editor.page.goto(formUrl(baseUrl, 3));
      expect(await statusOf(editor.page)).toBe("resubmitted");
      await shoot(editor.page, "hearing-2-resubmitted.png");
      // 様式1 and 様式2 are handed in as they are.
      for (const form of [1, 2]) {
        await editor.page.goto(formUrl(baseUrl, form));
        await press(editor.page, "提出する", SUBMITTED);
      }

      // ---- the secretariat hears and decides every form, closes the round and applies it ----
      for (const form of [1, 2, 3]) {
        await admin.page.goto(formUrl(baseUrl, form));
        await admin.page.getByLabel("ヒアリング実施日").fill("2026-08-04");
        await press(admin.page, "ヒアリング実施を記録する");
        if (form === 3) {
          await admin.page.getByLabel("人員計画 1行目の決定").selectOption("partial");
          await admin.page.getByLabel("人員計画 1行目の承認する増減").fill("1");
          await admin.page.getByLabel("人員計画 1行目の理由").fill("業務量の増加分のみ認める");
          await shoot(admin.page, "hearing-3-deciding.png");
        }
        await press(admin.page, "決定する");
        expect(await statusOf(admin.page)).toBe("decided");
      }
      await admin.page.goto(`${baseUrl}/hearings/${roundId}`);
      await Promise.all([admin.page.waitForEvent("load"), admin.page.getByRole("button", { name: "決定を確定する" }).click()]);
      expect(admin.page.url()).toMatch(/\?closed=1$/);
      // Closing decides the round; it applies nothing yet, and the notice says so.
      const closed = await admin.page.getByRole("status").first().textContent();
      expect(closed).toContain("ヒアリングを確定しました(状態: 決定)");
      expect(closed).toContain("次年度の配置計画と組織にはまだ反映していません");
      await admin.page.goto(`${baseUrl}/hearings/${roundId}/apply`);
      expect(await admin.page.content()).toContain("68"); // 67 + 1 approved
      // The demo's 選挙管理委員会 is over its cap (4 > 3) already: applying asks for the acknowledgement.
      await admin.page.getByLabel("上限超過を確認した").check();
      await Promise.all([admin.page.waitForEvent("load"), admin.page.getByRole("button", { name: "この内容で反映する" }).click()]);
      expect(admin.page.url()).toMatch(/\?applied=1$/);
      expect(await admin.page.getByRole("status").first().textContent()).toContain("決定を反映しました");
      await shoot(admin.page, "hearing-4-applied.png");

      // ---- 定数管理: 企画部's 配置計画 for 令和9年度 beside its last count ----
      await admin.page.goto(`${baseUrl}/staffing/plans`);
      expect(await admin.page.getByRole("heading", { level: 1 }).textContent()).toBe("配置計画 令和9年度(2027年度)");
      expect(await admin.page.locator(`[data-planned="${kikakuId}"]`).textContent()).toBe("68");
      await shoot(admin.page, "hearing-5-staffing-plan.png");
      expect(violations).toEqual([]);
    } finally {
      for (const c of contexts) await c.close();
    }
  });

  it("総務部's A4 hearing sheet of the demo round prints on one page (Chromium PDF), labelled 例示", { timeout: 120_000 }, async () => {
    const { baseUrl } = site();
    const admin = await site().signIn(USERS.admin);
    try {
      expect(demoRoundId).toBeGreaterThan(0);
      await admin.page.goto(`${baseUrl}/hearings/${demoRoundId}/departments/${somuId}/sheet`);
      await admin.page.emulateMedia({ media: "print" });
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const pdfPath = join(SCREENSHOT_DIR, "hearing-sheet-somu.pdf");
      await admin.page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdfPath], { encoding: "utf8" }))?.[1]);
      const text = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", pdfPath, "-"], { encoding: "utf8" });
      expect(text).toContain("例示");
      expect(text).toContain("総務部");
      expect(text).toContain("様式3 人員計画書");
      expect(pages).toBe(1);
    } finally {
      await admin.context.close();
    }
  });
});
