/**
 * Images stay local, proven: /cam analyses an uploaded photo while every request the page,
 * its dedicated workers and any service worker make is recorded (Playwright's context-level
 * request events cover all three), and the model host logs every request it receives with
 * its body. The test fails if any request goes anywhere but the app's origin and the chosen
 * model's host, or if any URL or body carries the photo's bytes (raw or base64).
 *
 * Relies on these hooks of today's /cam page: data-testid "base-url", "model-choice",
 * "add-model", "model-entry" (data-status="ready"), "image-files" (the file input), and
 * "top5" (the visible result: five class buttons) and "map-caption".
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";

import { expect, type Request, test } from "@playwright/test";

const SHARED = resolve(process.cwd(), "../shared");
const MODEL = join(SHARED, "models/mobilenet_v1_0.25_224/layers");
const PHOTO = join(SHARED, "fixtures/images/person.jpg");

let server: Server;
let modelBase = "";
const received: { method: string; url: string; body: Buffer }[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", body: Buffer.concat(chunks) });
      const m = /^\/tfjs\/mobilenet_v1_0\.25_224\/([\w.-]+)$/.exec(
        new URL(req.url ?? "/", "http://x").pathname,
      );
      const cors = {
        "Access-Control-Allow-Origin": "*",
        "Cross-Origin-Resource-Policy": "cross-origin",
      };
      try {
        if (!m) throw new Error("no route");
        const body = readFileSync(join(MODEL, m[1]));
        res.writeHead(200, cors);
        res.end(body);
      } catch {
        res.writeHead(404, cors);
        res.end("not found");
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  modelBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

/** Windows of the photo's bytes (raw and base64) that no request may contain. */
function fingerprints(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (const f of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    const at = Math.floor(bytes.length * f);
    const w = bytes.subarray(at, at + 48);
    out.push(w);
    // base64 of a 48-byte window aligned to 3 bytes is stable inside a longer base64 string
    const a = at - (at % 3);
    out.push(Buffer.from(bytes.subarray(a, a + 48).toString("base64")));
    out.push(Buffer.from(encodeURIComponent(bytes.subarray(a, a + 24).toString("latin1"))));
  }
  return out;
}

test("an analysed photo never leaves the machine", async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const appOrigin = new URL(baseURL!).origin;
  const photo = readFileSync(PHOTO);
  const prints = fingerprints(photo);
  const seen: { url: string; method: string; from: string; body: Buffer | null }[] = [];
  const record = (r: Request) => {
    const from = r.serviceWorker() ? "service worker" : "page or worker";
    seen.push({ url: r.url(), method: r.method(), from, body: r.postDataBuffer() });
  };
  context.on("request", record);
  const workers: string[] = [];
  page.on("worker", (w) => workers.push(w.url()));

  await page.goto("/cam");
  await page.getByTestId("base-url").fill(`${modelBase}/tfjs`);
  await page.getByTestId("model-choice").selectOption("mnv1-layers-0.25");
  await page.getByTestId("add-model").click();
  await expect(page.getByTestId("model-entry").first()).toHaveAttribute("data-status", "ready", {
    timeout: 60_000,
  });
  await page.getByTestId("image-files").setInputFiles(PHOTO);
  const top5 = page.getByTestId("top5");
  await expect(top5.getByRole("button")).toHaveCount(5, { timeout: 90_000 });
  await expect(page.getByTestId("map-caption")).toContainText("CAM for", { timeout: 60_000 });
  // A second analysis of the same photo (another class) while recording.
  await top5.getByRole("button").nth(1).click();
  await expect(page.getByTestId("map-caption")).toContainText("CAM for", { timeout: 60_000 });
  await page.waitForLoadState("networkidle");

  // The analysis really ran in a worker, whose requests are part of `seen`.
  expect(workers.length).toBeGreaterThan(0);
  expect(seen.length).toBeGreaterThan(5);
  const allowed = new Set([appOrigin, new URL(modelBase).origin]);
  const elsewhere = seen
    .filter((r) => !r.url.startsWith("data:") && !r.url.startsWith("blob:"))
    .filter((r) => !allowed.has(new URL(r.url).origin))
    .map((r) => `${r.method} ${r.url} (${r.from})`);
  expect(elsewhere).toEqual([]);

  const carries = (buf: Buffer | null) => !!buf && prints.some((p) => buf.includes(p));
  // The detector itself finds the photo raw, as base64 and inside a form body.
  expect(carries(photo)).toBe(true);
  expect(carries(Buffer.from(`data:image/jpeg;base64,${photo.toString("base64")}`))).toBe(true);
  // The worker loads the model, so its requests are among those recorded.
  expect(seen.some((r) => r.url === `${modelBase}/tfjs/mobilenet_v1_0.25_224/model.json`)).toBe(
    true,
  );
  const leaking = seen
    .filter((r) => carries(r.body) || carries(Buffer.from(r.url)))
    .map((r) => `${r.method} ${r.url.slice(0, 120)}`);
  expect(leaking).toEqual([]);
  // Nothing is uploaded at all: every request the page made is a GET (or HEAD).
  expect(seen.filter((r) => !["GET", "HEAD"].includes(r.method)).map((r) => r.url)).toEqual([]);

  // The model host's own log agrees: only model files, no bodies, no image bytes.
  expect(received.length).toBeGreaterThan(0);
  for (const r of received) {
    expect(r.method).toBe("GET");
    expect(r.url).toMatch(/^\/tfjs\/mobilenet_v1_0\.25_224\/(model\.json|group\d+-shard\d+of\d+)$/);
    expect(r.body.length).toBe(0);
    expect(carries(r.body) || carries(Buffer.from(r.url))).toBe(false);
  }
});
