/**
 * /cam end to end against the built app: the real MobileNet v1 0.25 served from ../shared by
 * a small cross-origin static server started here (never copied into the project), real
 * photos, the real Web Worker. Also: browser vs Node numerics on identical inputs.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";

import { expect, type Page, test } from "@playwright/test";
import * as tf from "@tensorflow/tfjs";

import { decodeImageNode } from "../../lib/image/decode-node";
import { prepareInput } from "../../lib/image/prepare";
import { createCamEngine } from "../../lib/tfjs/cam";
import { IMAGENET_LABELS } from "../../lib/tfjs/labels";
import { loadModel, mobilenetV1Url } from "../../lib/tfjs/model-load";
import { shot } from "./shots";

const SHARED = resolve(process.cwd(), "../shared");
const MODEL = join(SHARED, "models/mobilenet_v1_0.25_224");
const IMAGES = join(SHARED, "fixtures/images");

let server: Server;
let base = "";

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const cors = {
      "Access-Control-Allow-Origin": "*",
      "Cross-Origin-Resource-Policy": "cross-origin",
    };
    const m = /^\/(tfjs\/mobilenet_v1_0\.25_224|graph|nocors)\/([\w.-]+)$/.exec(path);
    if (!m) {
      res.writeHead(404, cors);
      res.end("not found");
      return;
    }
    const dir = m[1] === "graph" ? "graph" : "layers";
    try {
      const body = readFileSync(join(MODEL, dir, m[2]));
      // /nocors/ serves the same files without CORS headers: the browser must refuse them.
      res.writeHead(200, m[1] === "nocors" ? {} : cors);
      res.end(body);
    } catch {
      res.writeHead(404, cors);
      res.end("not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

async function loadPreset(page: Page, baseUrl: string) {
  await page.getByTestId("base-url").fill(baseUrl);
  await page.getByTestId("model-choice").selectOption("mnv1-layers-0.25");
  await page.getByTestId("add-model").click();
}

async function addImages(page: Page, ...names: string[]) {
  await page.getByTestId("image-files").setInputFiles(names.map((n) => join(IMAGES, n)));
}

test("loads MobileNet from a self-hosted base URL, maps a photo, compares models, downloads PNG", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/cam");
  await expect(page.getByTestId("privacy-note")).toContainText("never leave this machine");
  await loadPreset(page, `${base}/tfjs`);
  // Entry 0 is the built-in model (loaded on open); the self-hosted one is entry 1.
  const entry = page.getByTestId("model-entry").nth(1);
  await expect(entry).toHaveAttribute("data-status", "ready", { timeout: 60_000 });
  await expect(entry.getByTestId("cam-status")).toContainText("plain CAM available");
  await addImages(page, "dog.jpg", "person.jpg");
  const top5 = page.getByTestId("top5");
  await expect(top5.getByRole("button")).toHaveCount(5, { timeout: 60_000 });
  await expect(top5.getByRole("button").first()).toContainText(/malamute|husky|Eskimo/);
  await expect(page.getByTestId("map-caption")).toContainText("CAM for");
  // The overlay is not blank: it differs from the original.
  const differs = await page.evaluate(() => {
    const o = document.querySelector("[data-testid=canvas-original]") as HTMLCanvasElement;
    const v = document.querySelector("[data-testid=cam-map]") as HTMLCanvasElement;
    const a = o.getContext("2d")!.getImageData(0, 0, o.width, o.height).data;
    const b = v.getContext("2d")!.getImageData(0, 0, v.width, v.height).data;
    let d = 0;
    for (let i = 0; i < a.length; i += 4) d += Math.abs(a[i] - b[i]);
    return d / (a.length / 4);
  });
  expect(differs).toBeGreaterThan(10);

  // Second model (the TF-Hub GraphModel by URL) -> comparison row.
  await page.getByText("Your own TensorFlow.js model").click();
  await page.getByRole("combobox").filter({ hasText: "[-1, 1]" }).first().selectOption("unit");
  await page.getByTestId("model-url").fill(`${base}/graph/model.json`);
  await page.getByTestId("add-model-url").click();
  await expect(page.getByTestId("model-entry").nth(2)).toHaveAttribute("data-status", "ready", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("compare-item")).toHaveCount(3);
  await expect(page.getByTestId("compare-item").nth(2)).toContainText(/top-1/, { timeout: 60_000 });

  // Pick a class by search, then Grad-CAM.
  await page.getByTestId("class-search").fill("mountain bike");
  await page.getByTestId("class-hits").getByRole("button").first().click();
  await expect(page.getByTestId("map-caption")).toContainText("mountain bike", { timeout: 60_000 });
  await page.getByTestId("method-gradcam").click();
  await expect(page.getByTestId("map-caption")).toContainText("Grad-CAM for mountain bike", {
    timeout: 90_000,
  });
  await page.getByTestId("colormap").selectOption("viridis");
  await page.getByTestId("upsample").selectOption("blocky");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("download").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^dog-gradcam-class671\.png$/);
  const png = readFileSync(await download.path());
  expect(png.length).toBeGreaterThan(10_000);
  expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  for (const [name, width, height] of [
    ["wide", 1280, 900],
    ["narrow", 375, 812],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const theme of ["light", "dark"]) {
      await page.evaluate((t) => {
        document.documentElement.classList.toggle("dark", t === "dark");
        document.documentElement.style.colorScheme = t;
      }, theme);
      await page.waitForTimeout(150);
      await shot(page, `cam-${theme}-${name}`, { fullPage: true });
    }
    // Once laid out for this width, nothing is wider than the screen.
    await expect
      .poll(() =>
        page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      )
      .toBeLessThanOrEqual(0);
  }
  expect(errors).toEqual([]);
});

test("browser and Node give the same predictions for the same preprocessing", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/cam");
  await loadPreset(page, `${base}/tfjs`);
  const entry = page.getByTestId("model-entry").nth(1);
  await expect(entry).toHaveAttribute("data-status", "ready", { timeout: 60_000 });
  const key = await entry.getAttribute("data-model-key");

  // Node: the same loader (over HTTP), decoder and preprocessing.
  await tf.setBackend("cpu");
  tf.enableProdMode();
  const loaded = await loadModel(mobilenetV1Url(0.25, `${base}/tfjs`));
  const engine = createCamEngine(loaded, { labels: IMAGENET_LABELS });
  for (const name of ["dog.jpg", "kite.jpg"]) {
    const d = await decodeImageNode(new Uint8Array(readFileSync(join(IMAGES, name))), name);
    const prep = prepareInput(d.image, {
      width: 224,
      height: 224,
      resize: "stretch",
      preprocess: "symmetric",
    });
    const x = tf.tensor4d(prep.data, [1, 224, 224, 3]);
    const node = await engine.predict(x);
    x.dispose();
    const browser = await page.evaluate(
      ([k, data]) =>
        (
          window as unknown as {
            __camTest: { predictRaw(k: string, d: number[]): Promise<number[]> };
          }
        ).__camTest.predictRaw(k, data),
      [key!, Array.from(prep.data)] as const,
    );
    const top = (p: ArrayLike<number>) =>
      Array.from({ length: p.length }, (_, i) => i)
        .sort((a, b) => p[b] - p[a])
        .slice(0, 5);
    expect(top(browser)).toEqual(top(node));
    let maxDiff = 0;
    for (let i = 0; i < node.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(node[i] - browser[i]));
    expect(maxDiff).toBeLessThan(1e-4);
  }

  // And from the browser's own decoder (Chromium's JPEG decoder vs libvips): same top-5 set.
  await addImages(page, "dog.jpg");
  await expect(page.getByTestId("top5").getByRole("button")).toHaveCount(5, { timeout: 60_000 });
  const shown = await page.getByTestId("top5").getByRole("button").allTextContents();
  const d = await decodeImageNode(new Uint8Array(readFileSync(join(IMAGES, "dog.jpg"))), "dog.jpg");
  const prep = prepareInput(d.image, {
    width: 224,
    height: 224,
    resize: "stretch",
    preprocess: "symmetric",
  });
  const x = tf.tensor4d(prep.data, [1, 224, 224, 3]);
  const node = await engine.predict(x);
  x.dispose();
  const nodeTop = Array.from(node.keys())
    .sort((a, b) => node[b] - node[a])
    .slice(0, 5);
  for (const i of nodeTop.slice(0, 3)) {
    const label = IMAGENET_LABELS[i].split(",")[0];
    const row = shown.find((s) => s.startsWith(label));
    expect(row, label).toBeTruthy();
    const pct = Number(/([\d.]+)%/.exec(row!)![1]);
    expect(Math.abs(pct - node[i] * 100)).toBeLessThan(2);
  }
  engine.dispose();
  loaded.model.dispose();
});

test("bad files and bad models each get their own message; the page keeps working", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/cam");
  // Not an image (bytes are checked, not the name).
  await page.getByTestId("image-files").setInputFiles([
    { name: "fake.jpg", mimeType: "image/jpeg", buffer: Buffer.from("%PDF-1.4 not really a jpeg") },
    { name: "empty.png", mimeType: "image/png", buffer: Buffer.alloc(0) },
    {
      name: "cut.jpg",
      mimeType: "image/jpeg",
      buffer: readFileSync(join(IMAGES, "dog.jpg")).subarray(0, 20000),
    },
  ]);
  const errs = page.getByTestId("image-errors");
  await expect(errs).toContainText("fake.jpg is a PDF document");
  await expect(errs).toContainText("empty.png is empty");
  await expect(errs).toContainText(/cut\.jpg could not be decoded as JPEG/, { timeout: 30_000 });
  // A BMP and a WebP still work afterwards (pure-TS BMP decoder in the worker).
  const sharp = (await import("sharp")).default;
  const webp = await sharp(join(IMAGES, "scream.jpg")).webp().toBuffer();
  await page
    .getByTestId("image-files")
    .setInputFiles([{ name: "scream.webp", mimeType: "image/webp", buffer: webp }]);
  await expect(
    page.getByTestId("image-list").getByRole("button", { name: "Remove scream.webp" }),
  ).toBeVisible({ timeout: 30_000 });

  // 404 at the base URL.
  await loadPreset(page, `${base}/nothing-here`);
  await expect(page.getByTestId("model-error").first()).toContainText(/No model at .*HTTP 404/, {
    timeout: 30_000,
  });
  // CORS refusal: the same files from a server that sends no Access-Control-Allow-Origin.
  await page.getByText("Your own TensorFlow.js model").click();
  await page.getByTestId("model-url").fill(`${base}/nocors/model.json`);
  await page.getByTestId("add-model-url").click();
  await expect(page.getByTestId("model-error").nth(1)).toContainText(/CORS/, { timeout: 30_000 });
  // Malformed base URL.
  await page.getByTestId("base-url").fill("ftp://example.org/models");
  await page.getByTestId("add-model").click();
  await expect(page.getByRole("alert").filter({ hasText: "must be http or https" })).toBeVisible();
  // Uploaded model.json without its weights: names the missing file.
  await page
    .getByTestId("model-files")
    .setInputFiles([join(MODEL, "layers/model.json"), join(MODEL, "layers/group1-shard1of1")]);
  await expect(page.getByTestId("model-error").nth(2)).toContainText(
    /Weight file group2-shard1of1 is missing/,
    { timeout: 30_000 },
  );
  // Still works: a good model loads and maps the WebP.
  await loadPreset(page, `${base}/tfjs`);
  await expect(page.getByTestId("model-entry").nth(4)).toHaveAttribute("data-status", "ready", {
    timeout: 60_000,
  });
  await page.getByTestId("model-entry").nth(4).getByRole("radio").check();
  await expect(page.getByTestId("top5").getByRole("button")).toHaveCount(5, { timeout: 60_000 });
});
