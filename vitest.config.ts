import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  // hono/jsx is the JSX runtime (as in tsconfig.json); Vite 8 transforms with oxc.
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // The slow suite runs on its own: npm run test:slow (vitest.slow.config.ts).
    exclude: [...configDefaults.exclude, "test/slow/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start Chromium; keep the machine's two cores from being oversubscribed.
    maxWorkers: 2,
    env: { TZ: "Asia/Tokyo" },
  },
});
