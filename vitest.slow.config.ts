import { configDefaults, defineConfig } from "vitest/config";

/**
 * `npm run test:slow` (issue 14 point 11): real server processes killed mid-write, two servers on one PostgreSQL,
 * attacks while /healthz is timed, fuzzed imports. One file at a time: they measure availability and memory.
 */
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    include: ["test/slow/**/*.test.ts"],
    exclude: configDefaults.exclude,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
    env: { TZ: "Asia/Tokyo" },
  },
});
