import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { loadDemo } from "../../src/services/demo.js";
import { captureIo, databaseArg } from "../support/cli-io.js";
import { describeEachDatabase } from "../support/databases.js";

/** Rule (cli/output-folder.ts): --out must be a folder; the public site replaces its folder whole or leaves it as it was. */
describeEachDatabase("publish/report output folder", (get) => {
  it("an --out that is a file (or lies under one) is refused in Japanese naming it, and nothing is written", async () => {
    const t = get();
    const { municipality } = await loadDemo(t.database.db);
    const dir = mkdtempSync(join(tmpdir(), "gyokaku-out-"));
    try {
      const file = join(dir, "taken");
      writeFileSync(file, "");
      for (const args of [
        ["publish", "--out", file],
        ["publish", "--out", join(file, "site")],
        ["report", "--format", "html", "--out", file],
        ["report", "--format", "html", "--out", join(file, "sub")],
      ]) {
        const io = captureIo();
        const code = await runCli([...args, "--municipality", municipality.code, "--edition", "2025", "--database", databaseArg(t)], io);
        expect(code, args.join(" ")).toBe(1);
        const err = io.stderr.join("\n");
        expect(err).toContain(`「${file}」はフォルダではなくファイルです`);
        expect(err).not.toMatch(/EEXIST|ENOTDIR|予期しない/);
      }
      expect(readdirSync(dir)).toEqual(["taken"]);
      expect(readFileSync(file, "utf8")).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("publish refuses a folder holding files of its own and leaves it as it was; a previous site is replaced whole (no page of an earlier run stays)", { timeout: 240_000 }, async () => {
    const t = get();
    const { municipality } = await loadDemo(t.database.db);
    const dir = mkdtempSync(join(tmpdir(), "gyokaku-out-"));
    const publish = async (out: string) => {
      const io = captureIo();
      const code = await runCli(["publish", "--municipality", municipality.code, "--edition", "2025", "--out", out, "--database", databaseArg(t)], io);
      return { code, err: io.stderr.join("\n") };
    };
    try {
      const foreign = join(dir, "web-team");
      mkdirSync(foreign);
      writeFileSync(join(foreign, "keep.txt"), "ours");
      const refused = await publish(foreign);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain("公開用サイト以外のもの(「keep.txt」)があります");
      expect(readdirSync(foreign)).toEqual(["keep.txt"]);

      const site = join(dir, "site");
      expect((await publish(site)).code).toBe(0);
      // A page left from an earlier run (an item since withdrawn) must not stay online.
      writeFileSync(join(site, "items", "11.html"), "stale");
      writeFileSync(join(site, "opendata", "012246_old.csv"), "stale");
      const again = await publish(site);
      expect(again.code).toBe(0);
      expect(existsSync(join(site, "items", "11.html"))).toBe(false);
      expect(existsSync(join(site, "opendata", "012246_old.csv"))).toBe(false);
      expect(existsSync(join(site, "items", "10.html"))).toBe(true);
      expect(existsSync(join(site, "index.html"))).toBe(true);
      // No staging or previous copy left beside it.
      expect(readdirSync(dir).sort()).toEqual(["site", "web-team"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an --out where nothing can be created (/sys refuses with EPERM, /proc with ENOENT, on which Node's recursive mkdir never returned) is refused in Japanese naming it, for report and publish", { timeout: 240_000 }, async () => {
    const t = get();
    const { municipality } = await loadDemo(t.database.db);
    for (const [command, out, reason] of [
      ["report", "/sys/gyokaku-report", "書き込む権限がありません"],
      ["report", "/proc/gyokaku-report/sub", "書き込めませんでした"],
      ["publish", "/proc/gyokaku-site", "書き込めませんでした"],
    ] as const) {
      const io = captureIo();
      const format = command === "report" ? ["--format", "html"] : [];
      const code = await runCli([command, ...format, "--municipality", municipality.code, "--edition", "2025", "--out", out, "--database", databaseArg(t)], io);
      const err = io.stderr.join("\n");
      expect(code, `${command} ${out}`).toBe(1);
      expect(err, `${command} ${out}`).toContain(`「${out}」に${reason}`);
      expect(err).not.toMatch(/EPERM|ENOENT|EACCES|予期しない/);
    }
  });
});

/** Rule (db/connection.ts, `existing`): a command that only reads never creates the SQLite database it is pointed at. */
describe("report/publish/export/backup with a SQLite path that does not exist", () => {
  it("refuse naming the path and create nothing (a mistyped --database made an empty database and said the municipality was not registered)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gyokaku-nodb-"));
    try {
      const db = join(dir, "typo", "gyokaku.db");
      for (const args of [
        ["report", "--municipality", "012246", "--edition", "2025", "--format", "html", "--out", join(dir, "out")],
        ["publish", "--municipality", "012246", "--edition", "2025", "--out", join(dir, "site")],
        ["export", "headcounts", "--municipality", "012246", "--format", "csv", "--out", join(dir, "h.csv")],
        ["backup", "--out", join(dir, "b.jsonl")],
      ]) {
        const io = captureIo();
        const code = await runCli([...args, "--database", `sqlite:${db}`], io);
        expect(code, args[0]).toBe(1);
        expect(io.stderr, args[0]).toEqual([
          `gyokaku: エラー: データベース「sqlite:${db}」がありません。--database (または環境変数 DATABASE_URL) の指定を確かめてください (新しく始めるときは gyokaku init または gyokaku demo で作ります)`,
        ]);
      }
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
