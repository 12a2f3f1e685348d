import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The CLI compiled from the current sources: `main` is its entry (as dist/cli/main.js); `remove()` deletes it. */
export interface BuiltCli {
  readonly main: string;
  remove(): void;
}

/**
 * Compiles src/ file by file, as `npm run build` lays out dist/, into a new folder under test-results/ (about 0.5 s,
 * types not checked: tsc does that), for tests that start real `gyokaku` processes. A process of the compiled CLI starts
 * in about 0.3 s, where `node --import tsx src/cli/main.ts` takes about 0.7 s of CPU compiling on every start; dist/ itself
 * may be older than src/ in a worktree. The folder has dist/'s depth relative to the sources' files (demo/ beside it,
 * node_modules found from the repository), so paths read relative to the code resolve as they do from dist/.
 */
export async function buildCli(): Promise<BuiltCli> {
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, "test-results", "cli-"));
  const sources = readdirSync(join(ROOT, "src"), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => join(ROOT, "src", f));
  try {
    await build({
      entryPoints: sources,
      outbase: join(ROOT, "src"),
      outdir: join(dir, "dist"),
      bundle: false,
      format: "esm",
      platform: "node",
      target: "node20",
      // As tsconfig.json: "jsx": "react-jsx" with hono/jsx.
      jsx: "automatic",
      jsxImportSource: "hono/jsx",
      logLevel: "error",
    });
    // dist/services/demo.js reads ../../demo/chitose/.
    symlinkSync(join(ROOT, "demo"), join(dir, "demo"));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { main: join(dir, "dist", "cli", "main.js"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
