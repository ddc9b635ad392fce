/**
 * Shared helpers for the CAM tests: the real MobileNet v1 0.25 from ../shared served over a
 * real local HTTP server (so the actual fetch-based loader is exercised), the photos, and
 * the object boxes annotated by hand for the pointing game (original-image pixels).
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";

import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll } from "vitest";

import { decodeImageNode } from "@/lib/image/decode-node";
import { selectBackend } from "@/lib/tfjs/backends";
import type { Box } from "@/lib/tfjs/cam-metrics";
import type { CamRequest, CamResponse } from "@/lib/tfjs/cam-protocol";
import { CamSession } from "@/lib/tfjs/cam-session";

export const SHARED = resolve(process.cwd(), "../shared");
export const MODEL_DIR = join(SHARED, "models/mobilenet_v1_0.25_224");
export const IMAGES_DIR = join(SHARED, "fixtures/images");

export const readImage = (name: string) => new Uint8Array(readFileSync(join(IMAGES_DIR, name)));

/** A photo in its own ArrayBuffer, as the page posts (and transfers) it to the worker. */
export const imageBuffer = (name: string): ArrayBuffer => {
  const b = readImage(name);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

/** Boxes drawn by looking at the photos on a 50-px grid (x0, y0, x1, y1). */
export const BOXES: Record<string, Record<string, Box>> = {
  "dog.jpg": {
    dog: { x0: 128, y0: 218, x1: 308, y1: 542 },
    bicycle: { x0: 122, y0: 132, x1: 568, y1: 422 },
    truck: { x0: 463, y0: 68, x1: 698, y1: 172 },
  },
  "person.jpg": {
    horse: { x0: 403, y0: 138, x1: 602, y1: 348 },
    person: { x0: 188, y0: 95, x1: 278, y1: 375 },
    dog: { x0: 58, y0: 260, x1: 208, y1: 347 },
  },
};

export type Route = (
  path: string,
) => { status: number; body?: Uint8Array | string; headers?: Record<string, string> } | null;

/**
 * Serves `routes` (first match wins) and, by default, the public-host layout
 * /tfjs/mobilenet_v1_0.25_224/* -> ../shared/models/mobilenet_v1_0.25_224/layers/*.
 */
export async function startServer(
  extra: Route[] = [],
): Promise<{ server: Server; base: string; hits: string[] }> {
  const hits: string[] = [];
  const fileRoute: Route = (p) => {
    const m = /^\/tfjs\/mobilenet_v1_0\.25_224\/([\w.-]+)$/.exec(p) ?? null;
    const g = /^\/graph\/([\w.-]+)$/.exec(p) ?? null;
    const file = m ? join(MODEL_DIR, "layers", m[1]) : g ? join(MODEL_DIR, "graph", g[1]) : null;
    if (!file) return null;
    try {
      return { status: 200, body: new Uint8Array(readFileSync(file)) };
    } catch {
      return { status: 404, body: "not found" };
    }
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    hits.push(path);
    for (const r of [...extra, fileRoute]) {
      const out = r(path);
      if (out) {
        res.writeHead(out.status, out.headers ?? {});
        res.end(out.body ?? "");
        return;
      }
    }
    res.writeHead(404);
    res.end("not found");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, hits };
}

/**
 * For one test file: tfjs on wasm in prod mode and the MobileNet served over HTTP while its
 * tests run; `url()` is the model.json address.
 */
export function serveMobileNetOnWasm(): { readonly url: () => string } {
  let server: Server | null = null;
  let base = "";
  beforeAll(async () => {
    tf.enableProdMode();
    await selectBackend({ prefer: "wasm" });
    ({ server, base } = await startServer());
  });
  afterAll(() => new Promise<void>((ok) => (server ? server.close(() => ok()) : ok())));
  return { url: () => `${base}/tfjs/mobilenet_v1_0.25_224/model.json` };
}

/** A worker request without its id (camSession's `send` numbers them). */
export type CamBody = CamRequest extends infer T
  ? T extends unknown
    ? Omit<T, "id">
    : never
  : never;

/**
 * The worker's logic in-process: `send` numbers a request, handles it and returns its last
 * reply that is not progress (throwing when there is none); `out` holds every reply.
 */
export function camSession() {
  const out: CamResponse[] = [];
  const s = new CamSession(
    (m) => out.push(m),
    (b, n) => decodeImageNode(b, n),
  );
  let id = 0;
  const send = async (m: CamBody) => {
    const mid = ++id;
    await s.handle({ ...m, id: mid } as CamRequest);
    const r = out.filter((x) => x.id === mid && x.type !== "progress").at(-1);
    if (!r) throw new Error("no reply");
    return r;
  };
  return { s, out, send };
}
