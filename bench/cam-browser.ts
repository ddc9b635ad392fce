/**
 * Drives bench/browser/cam-entry.ts in headless Chromium (Debian's, see browser/chromium.ts):
 * bundles the page, serves it with the model from public/ and the wasm binaries, and
 * returns the page's measurements to bench/cam.ts.
 */
import { rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { chromium } from "playwright-core";

import { decodeImageNode } from "../lib/image/decode-node";
import { prepareInput } from "../lib/image/prepare";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser/chromium";
import { bundleBenchPage } from "./browser/bundle";
import { serve } from "./browser/serve";
import type { CaseTimes } from "./cam-core";

const ROOT = process.cwd();

export async function runBrowserCamBench(runs: number, scoreRuns: number): Promise<CaseTimes[]> {
  const dir = await bundleBenchPage("bench/browser/cam-entry.ts", "bench-cam-");
  try {
    const img = await decodeImageNode(
      new Uint8Array(readFileSync(join(ROOT, "public/samples/dog.jpg"))),
      "dog.jpg",
    );
    const input = prepareInput(img.image, {
      width: 224,
      height: 224,
      resize: "stretch",
      preprocess: "symmetric",
    }).data;
    const { server, url } = await serve({ "/": dir, "/models/": join(ROOT, "public/models") });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      page.on("pageerror", (e) => process.stderr.write(`page error: ${e.message}\n`));
      await page.goto(url + "/");
      await page.waitForFunction(() => "runCamBench" in globalThis, null, { timeout: 60_000 });
      page.setDefaultTimeout(0);
      return (await page.evaluate(
        ([n, s, x]) =>
          (
            globalThis as unknown as {
              runCamBench: (n: number, s: number, x: number[]) => Promise<unknown>;
            }
          ).runCamBench(n, s, x),
        [runs, scoreRuns, Array.from(input)] as const,
      )) as CaseTimes[];
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
