import { defineConfig } from "vitest/config";

export default defineConfig({
  // hono/jsx is the JSX runtime (as in tsconfig.json); Vite 8 transforms with oxc.
  oxc: { jsx: { runtime: "automatic", importSource: "hono/jsx" } },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start Chromium; keep the machine's two cores from being oversubscribed.
    maxWorkers: 2,
    env: { TZ: "Asia/Tokyo" },
  },
});
