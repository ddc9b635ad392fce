/**
 * Headless Chromium against the built app: build time of EfficientNet-B0 and B7 in the
 * /build page's Web Worker, whether the page stayed responsive meanwhile (longest gap
 * between animation frames, long tasks on the main thread), and memory (peak tensor bytes,
 * WASM heap, and performance.measureUserAgentSpecificMemory for page + worker).
 * Goals: B0 under 1 s, B7 under 15 s with the page responsive.
 *
 *   NEXT_DIST_DIR=.next-build npx next build   # once
 *   NEXT_DIST_DIR=.next-build E2E_PORT=3105 npm run -s bench:build-browser
 */
import os from "node:os";

import { chromium } from "playwright-core";

import { ensureAppServer, FRAME_MONITOR } from "./browser/app-server";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser/chromium";

const PORT = Number(process.env.E2E_PORT || 3105);
const BASE = `http://localhost:${PORT}`;
const PRESETS = (process.env.PRESETS ?? "b0,b7").split(",");

async function main(): Promise<void> {
  const server = await ensureAppServer(PORT, "/build");
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}; ${browser.version()} headless`,
  );
  try {
    for (const preset of PRESETS) {
      const page = await browser.newPage();
      await page.addInitScript(FRAME_MONITOR);
      const t0 = Date.now();
      await page.goto(`${BASE}/build?preset=${preset}`);
      const status = page.getByTestId("build-status");
      await status.waitFor();
      // Reset the frame monitor once the page has loaded, so only the build is measured.
      await page.evaluate(() => {
        const f = (window as unknown as { __frames: Record<string, number> }).__frames;
        f.maxGap = 0;
        f.last = 0;
        f.longTasks = 0;
        f.longTaskMs = 0;
      });
      await page.waitForFunction(
        () => {
          const s = document
            .querySelector('[data-testid="build-status"]')
            ?.getAttribute("data-state");
          return s === "built" || s === "error" || s === "confirm";
        },
        null,
        { timeout: 600_000, polling: 200 },
      );
      const state = await status.getAttribute("data-state");
      if (state !== "built") {
        console.log(`${preset}: ended in state ${state}: ${await status.innerText()}`);
        await page.close();
        continue;
      }
      const wall = Date.now() - t0;
      const buildMs = Number(await status.getAttribute("data-build-ms"));
      const peak = Number(await status.getAttribute("data-peak-tensor-bytes"));
      const heap = Number((await status.getAttribute("data-wasm-heap-bytes")) ?? NaN);
      const frames = await page.evaluate(
        () =>
          (
            window as unknown as {
              __frames: { maxGap: number; longTasks: number; longTaskMs: number };
            }
          ).__frames,
      );
      const backend = await page.getByTestId("backend-active").innerText();
      const uaMem = await page.evaluate(async () => {
        const p = performance as Performance & {
          measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
        };
        if (!p.measureUserAgentSpecificMemory) return null;
        const r = await Promise.race([
          p.measureUserAgentSpecificMemory(),
          new Promise<null>((res) => setTimeout(() => res(null), 30_000)),
        ]);
        return r ? r.bytes : null;
      });
      const mib = (b: number): string => `${(b / 1024 ** 2).toFixed(0)} MiB`;
      console.log(
        [
          `${preset.toUpperCase()}: build ${(buildMs / 1000).toFixed(2)} s in the worker (page load to built ${(wall / 1000).toFixed(1)} s) on ${backend}`,
          `    main thread during the build: longest frame gap ${frames.maxGap.toFixed(0)} ms, ${frames.longTasks} long tasks (${frames.longTaskMs.toFixed(0)} ms total)`,
          `    memory: peak tensors ${mib(peak)}, WASM heap ${Number.isFinite(heap) ? mib(heap) : "n/a"}, page + worker (measureUserAgentSpecificMemory) ${uaMem === null ? "n/a" : mib(uaMem)}`,
        ].join("\n"),
      );
      await page.close();
    }
  } finally {
    await browser.close();
    if (server?.pid) server.kill();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
