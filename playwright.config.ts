import { defineConfig, devices } from "@playwright/test";

import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./bench/browser/chromium";

// E2E_PORT lets several builds be tested side by side (with NEXT_DIST_DIR for `next start`).
const PORT = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://localhost:${PORT}`;

/**
 * E2E tests run against a production build (`next start`), so run `npm run build` first
 * (scripts/test-all.sh does). The browser is the system Chromium, never a downloaded one.
 *
 * NOTE: Playwright wipes `outputDir` at the start of every run, so it must NOT be
 * `test-results/` itself (that would delete test-results/unit.json from vitest).
 * Screenshots taken by tests go to test-results/screenshots/ explicitly.
 */
export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test-results/e2e-artifacts",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two workers on two cores: most tests wait on pages, workers and the server more than
  // they compute, and spec files are independent (own browser context, storage, server
  // requests). E2E_WORKERS=1 runs them one at a time.
  workers: Number(process.env.E2E_WORKERS || 2),
  // With two workers a page may wait for the other worker's CPU: generous waits cost a
  // passing test nothing.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    // Recording a trace snapshots the DOM at every action: it made explorer + compare 36%
    // slower (124 s against 91 s) for traces kept only on failure. E2E_TRACE=1 records them.
    trace: process.env.E2E_TRACE === "1" ? "retain-on-failure" : "off",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: {
    command: `npx next start -p ${PORT}`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
