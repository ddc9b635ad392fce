/**
 * Weight paths are confined to the model.json's own folder and origin: real model files,
 * copied and with their manifest edited, served by a real local HTTP server.
 */
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";

import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { selectBackend } from "@/lib/tfjs/backends";
import { loadModel, ModelLoadError } from "@/lib/tfjs/model-load";
import { weightScopeProblem } from "@/lib/tfjs/weight-scope";

import { MODEL_DIR, type Route, startServer } from "./cam-fixtures";

const layersJson = readFileSync(join(MODEL_DIR, "layers/model.json"), "utf8");

function withPaths(paths: (first: string) => string): string {
  const j = JSON.parse(layersJson) as { weightsManifest: { paths: string[] }[] };
  j.weightsManifest[0].paths = [paths(j.weightsManifest[0].paths[0])];
  return JSON.stringify(j);
}

describe("weightScopeProblem", () => {
  const m = "https://models.example/tfjs/net/model.json";
  it.each([
    ["https://models.example/tfjs/net/group1-shard1of1", null],
    ["https://models.example/tfjs/net/sub/w.bin", null],
  ])("accepts %s", (w, want) => expect(weightScopeProblem(w, m)).toBe(want));
  it.each([
    ["file:///etc/hostname", /uses file: but model.json was loaded over https:/],
    [
      "https://evil.example/tfjs/net/w.bin",
      /on https:\/\/evil\.example, not https:\/\/models\.example/,
    ],
    ["http://models.example/tfjs/net/w.bin", /uses http:/],
    ["https://models.example:8443/tfjs/net/w.bin", /not https:\/\/models\.example/],
    [new URL("../other/w.bin", m).toString(), /outside the model's folder \/tfjs\/net\//],
    [new URL("%2e%2e/%2e%2e/w.bin", m).toString(), /outside the model's folder/],
    ["https://models.example/tfjs/net/..%2fsecret", /encoded slash/],
    ["https://models.example/tfjs/net/", /outside/],
    ["https://models.example/tfjs/network/w.bin", /outside/],
  ])("refuses %s", (w, re) => expect(weightScopeProblem(w, m)).toMatch(re));
  it("confines file: URLs to the model's folder", () => {
    expect(weightScopeProblem("file:///m/a/w.bin", "file:///m/a/model.json")).toBeNull();
    expect(
      weightScopeProblem(
        new URL("../../../../etc/hostname", "file:///m/a/model.json").toString(),
        "file:///m/a/model.json",
      ),
    ).toMatch(/outside the model's folder \/m\/a\//);
    expect(weightScopeProblem("file://otherhost/m/a/w.bin", "file:///m/a/model.json")).toMatch(
      /on otherhost, not this machine/,
    );
  });
});

describe("loadModel over HTTP refuses weights outside the model's folder", () => {
  let server: Server;
  let other: Server;
  let base: string;
  let otherBase: string;
  let hits: string[];
  let otherHits: string[];
  beforeAll(async () => {
    await selectBackend({ prefer: "cpu" });
    const o = await startServer();
    other = o.server;
    otherBase = o.base;
    otherHits = o.hits;
    const scoped: Route = (p) => {
      const m = /^\/scope\/([\w-]+)\/model\.json$/.exec(p);
      if (!m) return null;
      switch (m[1]) {
        case "file":
          return { status: 200, body: withPaths(() => "file:///etc/hostname") };
        case "origin":
          return {
            status: 200,
            body: withPaths((f) => `${otherBase}/tfjs/mobilenet_v1_0.25_224/${f}`),
          };
        case "up":
          return {
            status: 200,
            body: withPaths((f) => `../../tfjs/mobilenet_v1_0.25_224/${f}`),
          };
        default:
          return null;
      }
    };
    const s = await startServer([scoped]);
    server = s.server;
    base = s.base;
    hits = s.hits;
  });
  afterAll(() => {
    server.close();
    other.close();
  });

  it.each([
    [
      "file",
      /"file:\/\/\/etc\/hostname", which is refused: it uses file: but model.json was loaded over http:/,
    ],
    [
      "origin",
      /which is refused: it is on http:\/\/127\.0\.0\.1:\d+, not http:\/\/127\.0\.0\.1:\d+ where model.json is/,
    ],
    ["up", /which is refused: it is outside the model's folder \/scope\/up\//],
  ])("%s", async (kase, re) => {
    const before = tf.memory().numTensors;
    const otherBefore = otherHits.length;
    const hitsBefore = hits.length;
    const err = await loadModel(`${base}/scope/${kase}/model.json`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as ModelLoadError).code).toBe("bad-url");
    expect((err as Error).message).toMatch(re);
    // Nothing but model.json was requested, from either server.
    expect(hits.slice(hitsBefore)).toEqual([`/scope/${kase}/model.json`]);
    expect(otherHits.length).toBe(otherBefore);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("the same model with its own paths still loads", async () => {
    const loaded = await loadModel(`${base}/tfjs/mobilenet_v1_0.25_224/model.json`);
    expect(loaded.format).toBe("layers");
    loaded.model.dispose();
  });
});
