import { availableParallelism } from "node:os";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * The CLI tests spawn processes and are among the longest files, yet small; with no local
 * record of durations (a fresh clone, as in CI) vitest starts the largest files first, so
 * they ran late and one worker idled while the other finished them. They start first; once
 * vitest has durations from an earlier run, its own longest-first order stands.
 */
class CliTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const known = sorted.every((f) =>
      this.ctx.cache.getFileTestResults(`${f.project.name}:${relative(root, f.moduleId)}`),
    );
    if (known) return sorted;
    const isCli = (f: TestSpecification) => relative(root, f.moduleId).startsWith("test/cli/");
    return [...sorted.filter(isCli), ...sorted.filter((f) => !isCli(f))];
  }
}

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
    // vitest's default in run mode is one worker fewer than the cores: a single worker on the
    // project's 2-core machines, which left a core idle (the files are independent, and many
    // wait on CLI child processes). Two workers roughly halve the unit step there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: CliTestsFirst },
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
          setupFiles: ["test/components/setup.ts"],
          include: ["test/components/**/*.test.{ts,tsx}"],
          exclude: ["**/node_modules/**", "test/e2e/**"],
        },
      },
    ],
  },
});
