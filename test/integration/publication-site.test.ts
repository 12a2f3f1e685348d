import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize, relative } from "node:path";
import { expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { TenantDb } from "../../src/db/tenant.js";
import type { Actor } from "../../src/domain/roles.js";
import { decodeText } from "../../src/io/text-encoding.js";
import { readXlsx } from "../../src/io/xlsx.js";
import { recordChange } from "../../src/services/audit.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { loadDemo } from "../../src/services/demo.js";
import { takePublicationAction, publicationOf } from "../../src/services/publication.js";
import { openRound as openHearingRound } from "../../src/services/hearing/rounds.js";
import { updateItem } from "../../src/services/reform/items.js";
import { editionItems, getItem } from "../../src/services/reform/read-model.js";
import { getUpdate, openRound, stepUpdate } from "../../src/services/reform/rounds.js";
import { verifyItem } from "../../src/services/reform/verification.js";
import { defaultParams, saveScenario } from "../../src/services/retirement-scenarios.js";
import { ageProfileBaseYears } from "../../src/services/retirement-views.js";
import { addUser } from "../../src/services/users.js";
import { describeEachDatabase, type TestDatabase } from "../support/databases.js";
import { signIn } from "../support/demo-site.js";
import { captureIo, databaseArg } from "../support/cli-io.js";

/** One marker per internal field; none may appear in any published file. */
const MARKERS = {
  draft: "MARKDRAFT7Q",
  returnComment: "MARKRETURN3X",
  publicationReturn: "MARKPUBRETURN9K",
  internalOpinion: "MARKOPINION5V",
  displayName: "MARKDISPLAY2H",
  username: "markuser8w",
  roundTitle: "MARKROUND4T",
  scenario: "MARKSCENARIO6B",
  audit: "MARKAUDIT1Z",
  hearingForm: "MARKHEARING2N",
  hearingReturn: "MARKHEARINGRET4M",
} as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** Every readable text of a published file: HTML/CSS/JSON/CSV (UTF-8 or Shift_JIS), xlsx cells, PDF text. */
async function textOf(path: string): Promise<string> {
  const bytes = readFileSync(path);
  if (path.endsWith(".xlsx")) return (await readXlsx(bytes)).flatMap((s) => [s.name, ...s.rows.flat()]).join("\n");
  if (path.endsWith(".pdf")) return execFileSync("pdftotext", ["-enc", "UTF-8", path, "-"], { encoding: "utf8" });
  if (path.endsWith("_sjis.csv")) return decodeText(bytes, "shift_jis").text;
  return decodeText(bytes, "utf-8").text;
}

async function plantInternalMarkers(t: TestDatabase) {
  const { db } = t.database;
  const { municipality } = await loadDemo(db);
  const tenant = new TenantDb(db, municipality.id);
  const user = await addUser(tenant, { username: MARKERS.username, displayName: MARKERS.displayName, role: "admin", password: "correct-horse-battery" }, CLI_ACTOR);
  const admin: Actor = { userId: user.id, username: user.username, role: "admin", unitIds: [] };
  const hq: Actor = { userId: null, username: `${MARKERS.username}hq`, role: "hq", unitIds: [] };
  const items = await editionItems(tenant, 2025);
  const first = items.find((i) => i.number === 1);
  if (!first) throw new Error("demo item 1 missing");
  // An edit by the marked user: updated_by and the revision carry the user name.
  await updateItem(tenant, admin, first.id, first.version, { effect: [...first.effect, { type: "paragraph", text: "公開される追記" }] });
  // A draft returned with a comment.
  const roundId = await openRound(tenant, admin, { editionYear: 2025, fiscalYear: 2025, title: MARKERS.roundTitle, dueDate: "2026-04-30" });
  const update = await getUpdate(tenant, admin, roundId, first.id);
  const submitted = await stepUpdate(tenant, admin, {
    roundId,
    itemId: first.id,
    action: "submit",
    expectedVersion: update.version,
    draft: { result: { stage: "実施", lines: [MARKERS.draft] }, plans: {} },
  });
  await stepUpdate(tenant, admin, { roundId, itemId: first.id, action: "return", expectedVersion: submitted.version, comment: MARKERS.returnComment });
  // Headquarters' internal opinion on the year the edition reports.
  await verifyItem(tenant, hq, { itemId: first.id, fiscalYear: 2024, evaluation: "達成", opinion: MARKERS.internalOpinion, decision: "継続", expectedVersion: null });
  await tenant.reformVerifications.setOpinionInternal((await getItem(tenant, first.id)).lineageKey, 2024, true);
  const [baseYear] = await ageProfileBaseYears(tenant);
  if (baseYear !== undefined) await saveScenario(tenant, admin, MARKERS.scenario, defaultParams(baseYear));
  await recordChange(tenant, admin, { action: "update", entity: "note", entityId: 1, summary: MARKERS.audit });
  // Hearing forms (様式1～3) of a round: their content and a return comment.
  await openHearingRound(tenant, admin, { targetYear: 2027, dueDate: "2026-07-31" });
  const planted = await db
    .updateTable("hearing_forms")
    .set({ content_json: JSON.stringify({ note: MARKERS.hearingForm }), return_comment: MARKERS.hearingReturn })
    .where("municipality_id", "=", municipality.id)
    .executeTakeFirst();
  expect(Number(planted.numUpdatedRows)).toBeGreaterThan(0);
  // The edition changed after approval: returned once with a comment, then approved again.
  const own = { code: municipality.code, name: municipality.name, prefecture: municipality.prefecture };
  let state = await publicationOf(tenant, own, 2025, admin);
  expect(state.status).toBe("changed");
  state = await takePublicationAction(tenant, admin, own, { fiscalYear: 2025, action: "mark_ready", expectedVersion: state.version, confirmGaps: true });
  state = await takePublicationAction(tenant, hq, own, { fiscalYear: 2025, action: "return", comment: MARKERS.publicationReturn, expectedVersion: state.version });
  state = await takePublicationAction(tenant, admin, own, { fiscalYear: 2025, action: "mark_ready", expectedVersion: state.version, confirmGaps: true });
  state = await takePublicationAction(tenant, hq, own, { fiscalYear: 2025, action: "approve", expectedVersion: state.version, confirmGaps: true });
  expect(state.status).toBe("approved");
  return { municipality, tenant };
}

describeEachDatabase("gyokaku publish (static public site)", (get) => {
  it("writes a self-contained site: every link resolves inside the folder, no absolute URL, no script, no internal marker in any file (PDF text included), nor in the report's HTML and PDF", { timeout: 240_000 }, async () => {
    const t = get();
    const { municipality } = await plantInternalMarkers(t);
    const out = mkdtempSync(join(tmpdir(), "gyokaku-site-"));
    try {
      const io = captureIo();
      const code = await runCli(["publish", "--municipality", municipality.code, "--edition", "2025", "--out", out, "--database", databaseArg(t)], io);
      expect(io.stderr).toEqual([]);
      expect(code).toBe(0);
      expect(io.stdout.join("\n")).toContain("公開用サイトを書き出しました");

      const files = filesUnder(out);
      const rel = files.map((f) => relative(out, f).split("\\").join("/"));
      for (const page of ["index.html", "items/index.html", "staffing.html", "comparison.html", "opendata.html", "style.css", "basic-policy.pdf"]) expect(rel).toContain(page);
      expect(readFileSync(join(out, "index.html"), "utf8")).toContain('href="basic-policy.pdf"');
      expect(rel.filter((f) => /^items\/\d\d\.html$/.test(f))).toHaveLength(10);

      for (const file of files.filter((f) => f.endsWith(".html"))) {
        const html = readFileSync(file, "utf8");
        const where = relative(out, file);
        expect(html, where).not.toMatch(/<script\b/i);
        expect(html, where).not.toMatch(/https?:\/\//i);
        expect(html, where).not.toMatch(/(?:href|src|action)="\/\//i);
        expect(html, where).toMatch(/<html lang="ja">/);
        expect(html.match(/<h1\b/g), where).toHaveLength(1);
        for (const m of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
          const target = m[1] ?? "";
          if (target.startsWith("#")) continue;
          expect(target, `${where} → ${target}`).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\//i);
          const path = normalize(join(dirname(file), target.split("#")[0] ?? ""));
          expect(path.startsWith(out), `${where} → ${target} leaves the folder`).toBe(true);
          expect(existsSync(path), `${where} → ${target} does not exist`).toBe(true);
        }
      }
      const css = readFileSync(join(out, "style.css"), "utf8");
      expect(css).not.toMatch(/url\(|@import/);

      for (const file of files) {
        const text = (await textOf(file)).toLowerCase();
        for (const [field, marker] of Object.entries(MARKERS)) expect(text.includes(marker.toLowerCase()), `${field} marker in ${relative(out, file)}`).toBe(false);
      }
      // The document itself (report --format html and pdf) is built from the same published fields.
      const reportDir = join(out, "..", `${relative(dirname(out), out)}-report`);
      try {
        for (const format of ["html", "pdf"]) {
          const reported = captureIo();
          expect(await runCli(["report", "--municipality", municipality.code, "--edition", "2025", "--format", format, "--out", reportDir, "--database", databaseArg(t)], reported), reported.stderr.join("\n")).toBe(0);
        }
        const reportFiles = filesUnder(reportDir);
        expect(reportFiles.map((f) => relative(reportDir, f)).sort()).toEqual([`policy-${municipality.code}-2025.html`, `policy-${municipality.code}-2025.pdf`]);
        for (const file of reportFiles) {
          // Squashed: pdftotext breaks lines wherever the page does.
          const text = (await textOf(file)).toLowerCase().replace(/\s+/g, "");
          expect(text, file).toContain("公開される追記");
          for (const [field, marker] of Object.entries(MARKERS)) expect(text.includes(marker.toLowerCase()), `${field} marker in ${relative(reportDir, file)}`).toBe(false);
        }
      } finally {
        rmSync(reportDir, { recursive: true, force: true });
      }
      // What is public is there: the item text appended before approval, and item 1's sheet.
      expect(readFileSync(join(out, "items/01.html"), "utf8")).toContain("公開される追記");
      // The verification row itself is public (評価・方針); only the opinion marked internal is left out.
      expect(await textOf(join(out, `opendata/${municipality.code}_verifications.csv`))).toMatch(/情報システム全体の最適化及び情報セキュリティ対策,達成,継続,\r\n/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("offers the same folder as a zip on the 公表 page, for an approved edition only, to the secretariat and headquarters only", { timeout: 240_000 }, async () => {
    const t = get();
    const { municipality } = await loadDemo(t.database.db);
    const tenant = new TenantDb(t.database.db, municipality.id);
    const viewer = await signIn(t.database, municipality, "viewer");
    const refused = await viewer.get("/publication/2025/site.zip");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("公表用サイト一式をダウンロードできるのは行政管理課(管理者)と行政改革推進本部です");
    const page = await (await viewer.get("/publication")).text();
    expect(page).not.toContain("/publication/2025/site.zip");
    expect(page).toContain("公表用の書き出しは行政管理課(管理者)と行政改革推進本部が行います");
    const downloads = async () => (await tenant.audit.list({ entity: "publication_site", limit: 50, offset: 0 })).filter((e) => e.action === "download");
    expect(await downloads()).toEqual([]);

    const hq = await signIn(t.database, municipality, "hq");
    expect(await (await hq.get("/publication")).text()).toContain("/publication/2025/site.zip");
    const response = await hq.get("/publication/2025/site.zip");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const { default: JSZip } = await import("jszip");
    const zip = await JSZip.loadAsync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir);
    const folder = `${municipality.code}_gyokaku_2025/`;
    expect(names.every((n) => n.startsWith(folder))).toBe(true);
    expect(names).toContain(`${folder}index.html`);
    expect(names).toContain(`${folder}opendata/${municipality.code}_headcounts.csv`);
    expect(await zip.file(`${folder}index.html`)?.async("string")).toContain("行政改革基本方針");
    // Recorded as the downloader's download, not as publishing.
    const [entry, ...more] = await downloads();
    expect(more).toEqual([]);
    expect(entry?.summary).toMatch(/^公表用サイト一式をダウンロード: 2025年度版 zip \(\d+ファイル\)$/);
    expect(entry?.actor).toMatch(/^hq\d+$/);
    // An edition that is not approved cannot be downloaded.
    expect((await hq.get("/publication/2031/site.zip")).status).toBe(404);
  });

  it("refuses to publish an edition that is not approved, writing nothing", async () => {
    const t = get();
    const { municipality } = await loadDemo(t.database.db);
    const tenant = new TenantDb(t.database.db, municipality.id);
    const admin: Actor = { ...CLI_ACTOR };
    const own = { code: municipality.code, name: municipality.name, prefecture: municipality.prefecture };
    const state = await publicationOf(tenant, own, 2025, admin);
    if (state.status === "approved") {
      const item = (await editionItems(tenant, 2025))[1];
      if (!item) throw new Error("item missing");
      await updateItem(tenant, admin, item.id, item.version, { effect: [...item.effect, { type: "paragraph", text: "承認後の変更" }] });
    }
    const out = join(mkdtempSync(join(tmpdir(), "gyokaku-site-")), "site");
    const io = captureIo();
    const code = await runCli(["publish", "--municipality", municipality.code, "--edition", "2025", "--out", out, "--database", databaseArg(t)], io);
    expect(code).toBe(5); // conflict (cli/exit-codes.ts)
    expect(io.stderr.join("\n")).toMatch(/公表できません.*公表後に変更あり/);
    expect(existsSync(out)).toBe(false);
  });
});
