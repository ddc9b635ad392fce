/**
 * The real loading code (fetch of model.json + weight shards over HTTP) against the real
 * MobileNet files, the base-URL setting, and one distinct error per broken-model case.
 */
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";

import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "@/lib/tfjs/backends";
import {
  DEFAULT_MODEL_BASE_URL,
  filesFetcher,
  loadModel,
  type LoadProgress,
  ModelLoadError,
  mobilenetV1Name,
  mobilenetV1Url,
  normalizeBaseUrl,
} from "@/lib/tfjs/model-load";

import { MODEL_DIR, type Route, startServer } from "./cam-fixtures";

const layersJson = readFileSync(join(MODEL_DIR, "layers/model.json"), "utf8");
const graphJson = readFileSync(join(MODEL_DIR, "graph/model.json"), "utf8");
const shard = (n: number) =>
  new Uint8Array(readFileSync(join(MODEL_DIR, `layers/group${n}-shard1of1`)));

type Manifest = { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
function mutate(json: string, f: (j: { weightsManifest: Manifest }) => void): string {
  const j = JSON.parse(json);
  f(j);
  return JSON.stringify(j);
}

/** /broken/<case>/model.json and its shards. */
const broken: Route = (p) => {
  const m = /^\/broken\/([\w-]+)\/([\w.-]+)$/.exec(p);
  if (!m) return null;
  const [, kase, file] = m;
  const shardNo = /^group(\d+)-shard1of1$/.exec(file)?.[1];
  if (file === "model.json") {
    switch (kase) {
      case "badjson":
        return { status: 200, body: layersJson.slice(0, 500) };
      case "html":
        return { status: 200, body: "<!doctype html><html><body>Sign in</body></html>" };
      case "notmodel":
        return { status: 200, body: JSON.stringify({ name: "not a model", weights: [] }) };
      case "shape":
        // Same byte count, transposed kernel: only a shape check can notice.
        return {
          status: 200,
          body: mutate(layersJson, (j) => {
            for (const g of j.weightsManifest)
              for (const w of g.weights)
                if (w.name === "conv_preds/kernel") w.shape = [1, 1, 1000, 256];
          }),
        };
      case "graphshape":
        return {
          status: 200,
          body: mutate(graphJson, (j) => {
            for (const g of j.weightsManifest)
              for (const w of g.weights)
                if (w.name.endsWith("Conv2d_1c_1x1/weights")) w.shape = [1, 1, 1001, 256];
          }),
        };
      case "servererror":
        return { status: 500, body: "boom" };
      default:
        return { status: 200, body: layersJson };
    }
  }
  if (kase === "graphshape")
    return { status: 200, body: new Uint8Array(readFileSync(join(MODEL_DIR, "graph", file))) };
  if (!shardNo) return { status: 404 };
  const n = Number(shardNo);
  if (kase === "missing" && n === 7) return { status: 404, body: "gone" };
  if (kase === "short" && n === 7) return { status: 200, body: shard(n).slice(0, 100) };
  if (kase === "long" && n === 7)
    return { status: 200, body: new Uint8Array([...shard(n), 1, 2, 3, 4]) };
  return { status: 200, body: shard(n) };
};

let server: Server;
let base: string;
let hits: string[];

beforeAll(async () => {
  await selectBackend({ prefer: "wasm" });
  ({ server, base, hits } = await startServer([broken]));
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe("public host pattern and base URL", () => {
  it("builds the public bucket's addresses", () => {
    expect(mobilenetV1Name(0.25)).toBe("mobilenet_v1_0.25_224");
    expect(mobilenetV1Name(0.5)).toBe("mobilenet_v1_0.50_224");
    expect(mobilenetV1Name(1)).toBe("mobilenet_v1_1.0_224");
    expect(mobilenetV1Url(0.25)).toBe(
      "https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json",
    );
    expect(mobilenetV1Url(0.75, "https://models.example.org/m/")).toBe(
      "https://models.example.org/m/mobilenet_v1_0.75_224/model.json",
    );
    expect(mobilenetV1Url(0.5, "/models")).toBe("/models/mobilenet_v1_0.50_224/model.json");
    expect(DEFAULT_MODEL_BASE_URL).toMatch(/^https:\/\//);
  });

  it("refuses bad base URLs with their own message", () => {
    for (const bad of ["", "  ", "ftp://x/y", "not a url"]) {
      expect(() => normalizeBaseUrl(bad)).toThrow(ModelLoadError);
    }
    expect(() => normalizeBaseUrl("ftp://x/y")).toThrow(/http or https/);
  });

  it("loads the real LayersModel through a self-hosted base URL, with progress", async () => {
    const url = mobilenetV1Url(0.25, `${base}/tfjs`);
    const progress: LoadProgress[] = [];
    const before = tf.memory().numTensors;
    const loaded = await loadModel(url, { onProgress: (p) => progress.push(p) });
    expect(loaded.format).toBe("layers");
    expect(hits).toContain("/tfjs/mobilenet_v1_0.25_224/model.json");
    expect(hits.filter((h) => h.startsWith("/tfjs/mobilenet_v1_0.25_224/group")).length).toBe(55);
    expect(progress.length).toBeGreaterThan(10);
    const fr = progress.map((p) => p.fraction);
    expect(fr.every((f, i) => i === 0 || f >= fr[i - 1])).toBe(true);
    expect(fr.at(-1)).toBe(1);
    expect(loaded.weightBytes).toBe(progress.at(-1)!.totalBytes - layersJson.length);
    // Every weight came from the files: compare one against the raw shard bytes.
    const conv1 = (loaded.model as tf.LayersModel).getLayer("conv1").getWeights()[0];
    const manifest = JSON.parse(layersJson).weightsManifest as Manifest;
    const g = manifest.findIndex((m) => m.weights.some((w) => w.name === "conv1/kernel"));
    const raw = shard(g + 1);
    const expected = new Float32Array(raw.buffer, raw.byteOffset, 3 * 3 * 3 * 8);
    expect(Array.from(await conv1.data())).toEqual(Array.from(expected));
    loaded.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("loads the real GraphModel", async () => {
    const loaded = await loadModel(`${base}/graph/model.json`);
    expect(loaded.format).toBe("graph");
    if (loaded.format === "graph") expect(loaded.nodes.length).toBe(173);
    loaded.model.dispose();
  });

  it("loads from files picked by the user (model.json + shards)", async () => {
    const files = [
      { name: "model.json", bytes: new TextEncoder().encode(layersJson) },
      ...Array.from({ length: 55 }, (_, i) => ({
        name: `group${i + 1}-shard1of1`,
        bytes: shard(i + 1),
      })),
    ];
    const src = filesFetcher(files);
    const loaded = await loadModel(src.url, { fetch: src.fetch });
    expect(loaded.model.outputs[0].shape).toEqual([null, 1000]);
    loaded.model.dispose();
    const partial = filesFetcher(files.slice(0, 20));
    await expect(loadModel(partial.url, { fetch: partial.fetch })).rejects.toMatchObject({
      code: "missing-weights",
    });
    expect(() => filesFetcher(files.slice(1))).toThrow(/No model.json/);
  });
});

describe("each broken model gets its own clear error", () => {
  const cases: [string, string, RegExp][] = [
    ["/nowhere/model.json", "not-found", /No model at .*HTTP 404/],
    ["/broken/servererror/model.json", "http-error", /HTTP 500/],
    ["/broken/badjson/model.json", "bad-json", /not valid JSON/],
    ["/broken/html/model.json", "bad-json", /HTML or XML page/],
    ["/broken/notmodel/model.json", "not-a-model", /no "modelTopology"/],
    ["/broken/missing/model.json", "missing-weights", /group7-shard1of1 is missing \(HTTP 404/],
    ["/broken/short/model.json", "short-weights", /group7-shard1of1 is too short: 100 bytes/],
    ["/broken/long/model.json", "long-weights", /belongs to a different model.json/],
    [
      "/broken/shape/model.json",
      "shape-mismatch",
      /conv_preds\/kernel has shape \[1, 1, 1000, 256\].*expects \[1, 1, 256, 1000\]/,
    ],
    [
      "/broken/graphshape/model.json",
      "shape-mismatch",
      /Conv2d_1c_1x1\/weights has shape \[1, 1, 1001, 256\]/,
    ],
  ];
  for (const [path, code, msg] of cases) {
    it(`${code}: ${path}`, async () => {
      const before = tf.memory().numTensors;
      const err = await loadModel(base + path).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ModelLoadError);
      expect((err as ModelLoadError).code).toBe(code);
      expect((err as ModelLoadError).message).toMatch(msg);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it("network failure vs CORS refusal (cross-origin fetch that throws)", async () => {
    const throwing = async () => {
      throw new TypeError("Failed to fetch");
    };
    await expect(
      loadModel("https://models.example.org/m/model.json", {
        fetch: throwing,
        pageOrigin: "http://localhost:3000",
      }),
    ).rejects.toMatchObject({ code: "cors", message: expect.stringMatching(/CORS/) });
    await expect(
      loadModel("http://localhost:3000/m/model.json", {
        fetch: throwing,
        pageOrigin: "http://localhost:3000",
      }),
    ).rejects.toMatchObject({ code: "network" });
    // A real refused connection (nothing listens on port 9).
    await expect(loadModel("http://127.0.0.1:9/model.json")).rejects.toMatchObject({
      code: "network",
    });
  });

  it("cancellation", async () => {
    const ac = new AbortController();
    const p = loadModel(mobilenetV1Url(0.25, `${base}/tfjs`), {
      signal: ac.signal,
      onProgress: (pr) => {
        if (pr.stage === "weights") ac.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ code: "aborted" });
  });
});
