/** src/cli/program.ts: a command loads only the module that defines it; help and typos see every command. */
import { describe, expect, it } from "vitest";
import { buildProgram, commandModulesFor, type CliIo } from "../../src/cli/program.js";

const io: CliIo = { out: () => undefined, err: () => undefined, readStdin: async () => "", env: {} };
const ALL = ["serve", "user", "import", "export", "backup", "publish", "report", "notify", "ageRoll", "prune"];

describe("command modules loaded on use", () => {
  it("publish and report load their own module only; restore loads backup's; demo, init and migrate none", async () => {
    expect(Object.keys(await commandModulesFor(["publish", "--municipality", "012246"]))).toEqual(["publish"]);
    expect(Object.keys(await commandModulesFor(["report", "--format", "pdf"]))).toEqual(["report"]);
    expect(Object.keys(await commandModulesFor(["restore", "backup.jsonl"]))).toEqual(["backup"]);
    expect(Object.keys(await commandModulesFor(["notify-due"]))).toEqual(["notify"]);
    expect(Object.keys(await commandModulesFor(["roll-age-profile"]))).toEqual(["ageRoll"]);
    for (const inline of ["demo", "init", "migrate"]) expect(Object.keys(await commandModulesFor([inline]))).toEqual([]);
  });

  it("help, no command, a typo or a name like toString load every command, so help lists them all and commander can suggest", async () => {
    for (const argv of [[], ["--help"], ["publsh"], ["help", "publish"], ["toString"]]) {
      expect(Object.keys(await commandModulesFor(argv)).sort(), argv.join(" ")).toEqual([...ALL].sort());
    }
    const names = buildProgram(io, await commandModulesFor(["--help"])).commands.map((c) => c.name());
    expect(names).toEqual(["serve", "migrate", "init", "user", "demo", "import", "export", "backup", "restore", "publish", "report", "notify-due", "roll-age-profile", "prune"]);
  });
});
