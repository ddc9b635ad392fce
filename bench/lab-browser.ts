/**
 * The Lab's default experiment (base + depth, width, resolution and compound at 2x, one
 * seed, the default recipe and dataset) in headless Chromium on WASM, as a person would run
 * it on /lab: wall time from Start to Finished (issue 13's goal: at most 5 minutes on a
 * 2-core machine), whether the page stayed responsive (longest gap between animation
 * frames, long tasks on the main thread), and each run's test accuracy from the results
 * table.
 *
 *   NEXT_DIST_DIR=.next-bench npx next build   # once
 *   NEXT_DIST_DIR=.next-bench E2E_PORT=3106 npm run -s bench:lab-browser [-- --json]
 */
import os from "node:os";

import { chromium } from "playwright-core";

import { ensureAppServer, FRAME_MONITOR, LOAF_MONITOR } from "./browser/app-server";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser/chromium";

const PORT = Number(process.env.E2E_PORT || 3106);
const BASE = `http://localhost:${PORT}`;
/** Defaults for everything but the backend, which the issue fixes at WASM. */
const PATH = process.env.LAB_PATH ?? "/lab?backend=wasm";

/** One long animation frame as LOAF_MONITOR records it. */
interface Frame {
  at: number;
  ms: number;
  renderMs: number;
  layoutMs: number;
  scripts: { invoker: string; ms: number; layoutMs: number; src: string }[];
}

interface Frames {
  maxGap: number;
  longTasks: number;
  longTaskMs: number;
  maxLongTask: number;
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const server = await ensureAppServer(PORT, "/lab");
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const machine = `${os.cpus().length} cores, load ${os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(" ")}; ${browser.version()} headless`;
  try {
    const page = await browser.newPage();
    await page.addInitScript(FRAME_MONITOR);
    await page.addInitScript(LOAF_MONITOR);
    await page.goto(BASE + PATH);
    await page.getByTestId("lab-gallery").waitFor({ timeout: 60_000 });
    // Only the experiment is measured: the monitor restarts at Start.
    await page.evaluate(() => {
      const f = (window as unknown as { __frames: Frames & { last: number } }).__frames;
      Object.assign(f, { maxGap: 0, last: 0, longTasks: 0, longTaskMs: 0, maxLongTask: 0 });
      (window as unknown as { __loaf: unknown[] }).__loaf.length = 0;
    });
    const t0 = Date.now();
    const startedAt = await page.evaluate(() => performance.now());
    await page.getByTestId("lab-start").click();
    const status = page.getByTestId("lab-status");
    await page.waitForFunction(
      () =>
        /Finished|Error|Cancelled/.test(
          document.querySelector('[data-testid="lab-status"]')?.textContent ?? "",
        ),
      null,
      { timeout: 3_600_000, polling: 1000 },
    );
    const wallMs = Date.now() - t0;
    const finalStatus = (await status.innerText()).trim();
    const frames = await page.evaluate(() => (window as unknown as { __frames: Frames }).__frames);
    const loaf = await page.evaluate(() => (window as unknown as { __loaf: Frame[] }).__loaf);
    const progress = (await page.getByTestId("lab-progress").innerText()).replace(/\s+/g, " ");
    const rows = await page
      .getByTestId("lab-results-table")
      .locator("tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td,th")].map((c) => c.textContent?.trim() ?? "")),
      );
    const head = await page
      .getByTestId("lab-results-table")
      .locator("thead th")
      .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ""));
    const out = {
      machine,
      path: PATH,
      status: finalStatus,
      wallMs,
      wallMinutes: Number((wallMs / 60_000).toFixed(2)),
      mainThread: {
        longestFrameGapMs: Math.round(frames.maxGap),
        longTasks: frames.longTasks,
        longTaskMs: Math.round(frames.longTaskMs),
        longestTaskMs: Math.round(frames.maxLongTask),
        // Relative to Start; what ran in the longest frames.
        longestFrames: loaf.map((f) => ({ ...f, at: f.at - startedAt })),
      },
      progress,
      columns: head,
      rows,
    };
    if (json) {
      console.log(JSON.stringify(out, null, 2));
    } else {
      console.log(`machine: ${machine}`);
      console.log(`${BASE}${PATH}: ${finalStatus}`);
      console.log(`wall time Start -> Finished: ${(wallMs / 1000).toFixed(1)} s`);
      console.log(
        `main thread: longest frame gap ${out.mainThread.longestFrameGapMs} ms, ${frames.longTasks} long tasks (${out.mainThread.longTaskMs} ms total, longest ${out.mainThread.longestTaskMs} ms)`,
      );
      for (const f of out.mainThread.longestFrames.slice(0, 6)) {
        const scripts = f.scripts.map((x) => `${x.invoker} ${x.ms} ms (${x.src})`).join("; ");
        console.log(
          `  frame at ${(f.at / 1000).toFixed(1)} s: ${f.ms} ms, rendering ${f.renderMs} ms; ${scripts}`,
        );
      }
      console.log(head.join(" | "));
      for (const r of rows) console.log(r.join(" | "));
    }
    await page.close();
  } finally {
    await browser.close();
    if (server?.pid) server.kill();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
