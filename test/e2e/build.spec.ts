import { readFileSync } from "node:fs";
import { join } from "node:path";

import { expect, test, type Page } from "@playwright/test";

import { clickWhen } from "./in-page";
import { shot } from "./shots";

const DOG = join(process.cwd(), "..", "shared", "fixtures", "images", "dog.jpg");

/** Collects page errors so every test can assert there were none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

async function waitBuilt(page: Page, timeout = 90_000): Promise<void> {
  await expect(page.getByTestId("build-status")).toHaveAttribute("data-state", "built", {
    timeout,
  });
}

test.describe("/build", () => {
  test.describe.configure({ timeout: 180_000 });

  test("builds B0 in a worker, checks params, times, exports (light and dark, wide and narrow)", async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    const wasm = await page.request.get("/tfjs-wasm/tfjs-backend-wasm-threaded-simd.wasm");
    expect(wasm.status()).toBe(200);
    expect(wasm.headers()["content-type"]).toBe("application/wasm");
    expect((await page.request.get("/tfjs-wasm/../package.json")).status()).toBe(404);
    // The unbundled threaded factory the pthread workers importScripts() (COEP: CORP header).
    const factory = await page.request.get("/tfjs-wasm/tfjs-backend-wasm-threaded-simd.js");
    expect(factory.status()).toBe(200);
    expect(factory.headers()["content-type"]).toMatch(/^text\/javascript/);
    expect(factory.headers()["cross-origin-resource-policy"]).toBe("same-origin");
    expect(await factory.text()).toContain("var WasmBackendModuleThreadedSimd");

    await page.goto("/build?preset=b0");
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId("build-name")).toHaveText("EfficientNet-B0");
    await waitBuilt(page);

    // Parameters of the real tfjs model equal the calculator's.
    await expect(page.getByTestId("tfjs-params")).toHaveText("5,330,564");
    await expect(page.getByTestId("param-check")).toHaveAttribute("data-match", "true");

    // Backend: WASM with SIMD, threads allowed (isolated), the others explained.
    const active = page.getByTestId("backend-active");
    await expect(active).toHaveAttribute("data-backend", "wasm");
    await expect(active).toContainText("SIMD");
    await expect(page.getByTestId("isolation")).toContainText("yes");
    // Isolated page, several cores: WASM runs multi-threaded (lib/tfjs/wasm-threads.ts), one
    // thread per logical core up to 8, as reported by XNNPACK's own thread pool.
    const checks = page.getByTestId("backend-checks");
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if (cores > 1) {
      const threads = Math.min(cores, 8);
      await expect(active).toHaveAttribute("data-threads", String(threads));
      await expect(active).toContainText(`${threads} threads`);
      await expect(checks.locator('[data-backend="wasm"]')).toContainText("Web Workers");
    }
    await expect(checks.locator('[data-backend="webgpu"]')).toHaveAttribute(
      "data-status",
      "unavailable",
    );
    await expect(checks.locator('[data-backend="webgl"]')).toHaveAttribute(
      "data-status",
      "unavailable",
    );
    await expect(checks.locator('[data-backend="webgl"]')).toContainText(/WebGL|software/);

    // Summary grouped by stage (stem, 7 stages, head), collapsible.
    const groups = page.getByTestId("stage-group");
    await expect(groups).toHaveCount(9);
    const stem = groups.first();
    await expect(stem.getByRole("cell", { name: "stem_conv", exact: true })).toBeHidden();
    await stem.locator("summary").click();
    await expect(stem.getByRole("cell", { name: "stem_conv", exact: true })).toBeVisible();
    await expect(stem.locator("tr", { hasText: "stem_conv" })).toContainText("112 × 112 × 32");
    await expect(stem.locator("tr", { hasText: "stem_conv" })).toContainText("864");

    await shot(page, `build-light-1280`, { fullPage: true });

    // Timing on a random image.
    await page.getByTestId("timing-runs").fill("3");
    await page.getByTestId("timing-warmup").fill("1");
    await page.getByTestId("time-random").click();
    await expect(page.getByTestId("timing-median-random")).toContainText("ms", { timeout: 60_000 });
    await expect(page.getByTestId("timing-result-random")).toContainText("GMAC/s");

    // Bad timing input: message names the option.
    await page.getByTestId("timing-runs").fill("0");
    await page.getByTestId("time-random").click();
    await expect(page.getByTestId("timing-error")).toContainText(
      "runs: expected an integer from 1 to 1000",
    );
    await page.getByTestId("timing-runs").fill("2");

    // Timing on an uploaded photo.
    await page.getByTestId("timing-file").setInputFiles(DOG);
    await page.getByTestId("time-upload").click();
    const upload = page.getByTestId("timing-result-upload");
    await expect(upload).toContainText("dog.jpg", { timeout: 60_000 });
    await expect(upload).toContainText("768×576");
    await expect(page.getByTestId("timing-top").locator("li")).toHaveCount(5);

    // Not an image: a clear message, nothing breaks.
    await page.getByTestId("timing-file").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("hello, not an image"),
    });
    await page.getByTestId("time-upload").click();
    await expect(page.getByTestId("timing-error")).toContainText("notes.txt");

    // Export: tfjs model (two files) and Keras config.
    const [d1, d2] = await Promise.all([
      page.waitForEvent("download"),
      page.waitForEvent("download", (d) => d.suggestedFilename() === "weights.bin"),
      page.getByTestId("export-tfjs").click(),
    ]);
    expect(d1.suggestedFilename()).toBe("model.json");
    const modelJson = JSON.parse(readFileSync((await d1.path())!, "utf8")) as {
      format: string;
      weightsManifest: unknown[];
    };
    expect(modelJson.format).toBe("layers-model");
    expect(readFileSync((await d2.path())!).byteLength).toBe(4 * 5_330_564);
    const [k] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-keras").click(),
    ]);
    const keras = JSON.parse(readFileSync((await k.path())!, "utf8")) as {
      config: { layers: { name: string }[] };
    };
    expect(keras.config.layers.some((l) => l.name === "block1a_se_excite")).toBe(true);

    // Code snippets.
    await expect(page.getByTestId("snippet-code")).toContainText("EfficientNetB0(");
    await page.getByTestId("snippet-tab-pytorch").click();
    await expect(page.getByTestId("snippet-code")).toContainText("width_mult=1");

    // Dark theme and a phone-sized screen.
    await page.getByTestId("theme-toggle").click();
    await shot(page, `build-dark-1280`, { fullPage: true });
    await page.setViewportSize({ width: 375, height: 812 });
    // Once the page has laid itself out for the new width (charts and tables resize on the
    // next frames), nothing is wider than the screen.
    await expect
      .poll(() =>
        page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      )
      .toBeLessThanOrEqual(0);
    await shot(page, `build-dark-375`, { fullPage: true });
    await page.getByTestId("theme-toggle").click();
    await shot(page, `build-light-375`, { fullPage: true });
    expect(errors).toEqual([]);
  });

  test("switches backend to CPU and back", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto("/build?model=mobilenetv2&width=0.35&resolution=96&classes=10");
    await waitBuilt(page);
    await page.getByTestId("backend-select").selectOption("cpu");
    await expect(page.getByTestId("backend-active")).toHaveAttribute("data-backend", "cpu");
    await page.getByTestId("timing-runs").fill("2");
    await page.getByTestId("time-random").click();
    await expect(page.getByTestId("timing-result-random")).toContainText("CPU", {
      timeout: 60_000,
    });
    await page.getByTestId("backend-select").selectOption("auto");
    await expect(page.getByTestId("backend-active")).toHaveAttribute("data-backend", "wasm");
    expect(errors).toEqual([]);
  });

  test("falls back to one WASM thread, with the reason, when the threaded module cannot start", async ({
    page,
  }) => {
    const errors = watchErrors(page);
    // The pthread workers cannot load their script: the threaded start must fail cleanly.
    await page.route("**/tfjs-wasm/tfjs-backend-wasm-threaded-simd.js", (r) => r.abort());
    await page.goto("/build?model=mobilenetv2&width=0.35&resolution=96&classes=10");
    await waitBuilt(page);
    const active = page.getByTestId("backend-active");
    await expect(active).toHaveAttribute("data-backend", "wasm");
    await expect(active).toHaveAttribute("data-threads", "1");
    await expect(
      page.locator('[data-testid="backend-checks"] [data-backend="wasm"]'),
    ).toContainText(
      /single-threaded: the threaded module did not start \(a pthread worker failed: .*importScripts/,
    );
    await page.getByTestId("timing-runs").fill("2");
    await page.getByTestId("time-random").click();
    await expect(page.getByTestId("timing-result-random")).toContainText("1 thread", {
      timeout: 60_000,
    });
    expect(errors).toEqual([]);
  });

  test("a build in progress can be cancelled", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto("/build?preset=b6");
    await expect(page.getByTestId("build-status")).toHaveAttribute("data-state", "building");
    await expect(page.getByRole("progressbar", { name: "Build progress" })).toBeVisible();
    await clickWhen(page, '[data-testid="build-cancel"]', {
      selector: '[role="progressbar"][aria-label="Build progress"]',
      attr: "aria-valuenow",
      above: 0,
    });
    await expect(page.getByTestId("build-status")).toHaveAttribute("data-state", "cancelled");
    await expect(page.getByTestId("tfjs-params")).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test("warns before a build above the memory budget", async ({ page }) => {
    await page.goto("/build?preset=l2");
    const notice = page.getByTestId("memory-estimate");
    await expect(notice).toHaveAttribute("data-over", "true");
    await expect(notice).toContainText("GiB");
    await expect(page.getByTestId("build-status")).toHaveAttribute("data-state", "confirm");
    await page.getByTestId("memory-cancel").click();
    await expect(page.getByTestId("build-status")).toHaveAttribute("data-state", "cancelled");
  });

  test("a bad configuration in the link gets a message naming the option", async ({ page }) => {
    await page.goto("/build?preset=b9");
    await expect(page.getByTestId("config-error")).toContainText('preset: unknown preset "b9"');
    await page.goto("/build?model=resnet50&width=0.01");
    await expect(page.getByTestId("config-error")).toContainText("width");
    await page.goto("/build?model=mobilenetv1&resolution=16");
    await expect(page.getByTestId("config-error")).toContainText("resolution");
  });
});
