import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Unit/component tests (Playwright e2e lives in test/e2e and is excluded here).
 *
 * Environments are chosen with vitest `projects` (not per-file docblocks):
 *   - "unit":       test/**\/*.test.ts(x) except test/components/**  -> node
 *   - "components": test/components/**\/*.test.ts(x)                  -> jsdom
 * A single file can still override with a `// @vitest-environment <env>` docblock.
 * Run one project with `npx vitest run --project components`.
 */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { "@": root },
  },
  test: {
    testTimeout: 60_000, // tfjs model construction/inference is slow
    hookTimeout: 60_000,
    exclude: ["**/node_modules/**", "**/.next/**", "test/e2e/**"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["test/**/*.test.{ts,tsx}"],
          exclude: ["**/node_modules/**", "test/e2e/**", "test/components/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "components",
          environment: "jsdom",
          include: ["test/components/**/*.test.{ts,tsx}"],
          exclude: ["**/node_modules/**", "test/e2e/**"],
        },
      },
    ],
  },
});
