import { mkdirSync } from "node:fs";

import type { Locator, Page } from "@playwright/test";

/** Where e2e screenshots go (Playwright's own outputDir is wiped at each run). */
export const SHOTS = "test-results/screenshots";

/**
 * A screenshot for a person to open, taken when E2E_SHOTS=1 (`npm run test:e2e:shots`).
 * The suite skips them: in software rendering each full-page capture costs 1-3 s of CPU,
 * about 40 s over the run, and no test reads them. What a page must satisfy at that
 * moment (no overflow, the theme applied, the content drawn) is asserted either way; the
 * committed screenshots in docs/ come from scripts/screenshots.ts.
 */
export async function shot(
  target: Page | Locator,
  name: string,
  opts: { fullPage?: boolean } = {},
): Promise<void> {
  if (process.env.E2E_SHOTS !== "1") return;
  mkdirSync(SHOTS, { recursive: true });
  const path = `${SHOTS}/${name}.png`;
  if ("goto" in target) await target.screenshot({ path, fullPage: opts.fullPage ?? false });
  else await target.screenshot({ path });
}
