/**
 * Screenshots of every page, light and dark, 1280 and 375 px wide, in English, and each page
 * in Chinese (lang=zh, light, 1280 and 375), into docs/screenshots/ (referenced from the
 * README). Needs a running production build:
 *
 *   npm run build && npm start            # then, in another shell:
 *   npm run -s screenshots -- [--base http://localhost:3000] [--out docs/screenshots]
 *
 * Drives Debian's Chromium with the project's headless flags (bench/browser/chromium.ts);
 * each page is shot once it has settled (charts drawn, /build's network built).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";

import { chromium, type Page } from "playwright-core";

import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../bench/browser/chromium";
import { THEME_STORAGE_KEY } from "../components/theme";

interface Shot {
  readonly name: string;
  readonly path: string;
  /** Waits until the page shows what it is for. */
  readonly ready: (page: Page) => Promise<void>;
}

const charts = async (page: Page): Promise<void> => {
  // Lazy sections draw when scrolled to: scroll through once, then back to the top.
  const height = await page.evaluate(() => document.body.scrollHeight);
  for (let y = 0; y < height; y += 600) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(60);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator(".recharts-surface").first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
};

const SHOTS: readonly Shot[] = [
  { name: "explorer", path: "/?preset=b3", ready: charts },
  { name: "compare", path: "/compare", ready: charts },
  {
    name: "build",
    path: "/build?preset=b0",
    ready: async (page) => {
      await page
        .locator('[data-testid="build-status"][data-state="built"]')
        .waitFor({ timeout: 120_000 });
    },
  },
  {
    name: "cam",
    path: "/cam",
    ready: async (page) => {
      // The built-in model and a sample photo: the maps, not an empty page.
      await page
        .getByTestId("cam-map")
        .first()
        .waitFor({ timeout: 5_000 })
        .catch(async () => {
          await page.getByTestId("try-example").click();
          await page.getByTestId("cam-map").first().waitFor({ timeout: 120_000 });
        });
      // The maps come first, the faithfulness curves after them (with a progress bar), and a
      // resize maps again after a pause: wait until no progress has shown for a while, and
      // the scores are there. Before, the shots caught "Analysing... 6/34".
      const progress = page.getByTestId("cam-progress");
      for (let quiet = 0; quiet < 2;) {
        await page.waitForTimeout(750);
        if ((await progress.count()) > 0) {
          quiet = 0;
          await progress.first().waitFor({ state: "detached", timeout: 180_000 });
        } else quiet++;
      }
      await page.getByTestId("deletion-auc").first().waitFor({ timeout: 60_000 });
    },
  },
  {
    name: "lab",
    path: "/lab",
    ready: async (page) => {
      await page.waitForLoadState("networkidle").catch(() => {});
      await page.waitForTimeout(1500);
    },
  },
  {
    // A finished experiment: the curves, the results chart and table with the CAM scores'
    // chance level, the CAM grid and the conclusion. Small (64 px, so the maps are 2 x 2 and
    // scored; a few images) so that each capture trains in well under a minute.
    name: "lab-results",
    path: "/lab?width=0.1&depth=0.1&resolution=64&epochs=2&batch=16&train=96&test=64&runs=base,width,resolution,compound&backend=wasm",
    ready: async (page) => {
      const done = page.getByTestId("lab-status").filter({ hasText: /Finished|已完成。/ });
      if ((await done.count()) === 0) {
        await page.getByTestId("lab-start").click();
        await done.waitFor({ timeout: 240_000 });
      }
      await page.waitForTimeout(1000);
    },
  },
];

/** The path with lang set (the screenshots in Chinese). */
function withZh(path: string): string {
  return path + (path.includes("?") ? "&" : "?") + "lang=zh";
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (i >= 0 && (v === undefined || v.startsWith("--"))) {
    throw new Error(`--${name} needs a value`);
  }
  return v ?? fallback;
}

async function main(): Promise<void> {
  const base = option("base", "http://localhost:3000").replace(/\/$/, "");
  const out = option("out", "docs/screenshots");
  // --only cam,lab: just those pages.
  const only = option("only", "").split(",").filter(Boolean);
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const runs = [
    ...(["light", "dark"] as const).flatMap((theme) =>
      [1280, 375].map((width) => ({ theme, width, zh: false })),
    ),
    { theme: "light" as const, width: 1280, zh: true },
    { theme: "light" as const, width: 375, zh: true },
  ];
  try {
    for (const { theme, width, zh } of runs) {
      const context = await browser.newContext({
        viewport: { width, height: width > 600 ? 900 : 812 },
        deviceScaleFactor: 1,
        colorScheme: theme,
      });
      await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
        THEME_STORAGE_KEY,
        theme,
      ] as const);
      for (const s of SHOTS.filter((x) => only.length === 0 || only.includes(x.name))) {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(base + (zh ? withZh(s.path) : s.path), { waitUntil: "load" });
        // The viewport grows to the whole page first and the page settles again: a full-page
        // capture resizes it, and /cam answers a resize by mapping again.
        await s.ready(page);
        const full = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.setViewportSize({ width, height: Math.min(full, 16_000) });
        await s.ready(page);
        const file = join(out, `${s.name}-${zh ? "zh" : theme}-${width}.png`);
        await page.screenshot({ path: file });
        process.stdout.write(
          `${file}${errors.length ? `  (page errors: ${errors.join("; ")})` : ""}\n`,
        );
        await page.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`screenshots: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
