/**
 * `npm run -s cam` with the registry's new methods, --faithfulness and label checks, on the
 * real MobileNet v1 0.25 from ../shared and a real photo.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { describe, expect, it } from "vitest";

import { pointingHit } from "@/lib/tfjs/cam-metrics";

import { BOXES } from "../lib/tfjs/cam-fixtures";

const ROOT = resolve(__dirname, "../..");
const MODEL = "../shared/models/mobilenet_v1_0.25_224/layers/model.json";
const DOG = "../shared/fixtures/images/dog.jpg";

function cam(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/cam.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Out {
  class: { index: number; label: string };
  method: string;
  grid: { width: number; height: number };
  peak: { x: number; y: number };
  gradient: { backend: string; fallback: string | null } | null;
  faithfulness?: { deletion: number; insertion: number; deletionCurve: number[] };
}

describe("cam CLI: methods from the registry", () => {
  // The 14x14 layer has 128 channels: half the default layer's 256 masked passes. The
  // default layer's Score-CAM is checked in-process (test/lib/tfjs/cam-methods.test.ts).
  it("--method scorecam --layer maps the dog into its box, with no gradient", () => {
    const r = cam([
      "--model",
      MODEL,
      "--image",
      DOG,
      "--method",
      "scorecam",
      "--layer",
      "conv_pw_11_relu",
      "--class",
      "249",
      "--json",
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Out;
    expect(j.method).toBe("scorecam");
    expect([j.grid.width, j.grid.height]).toEqual([14, 14]);
    expect(j.gradient).toBeNull();
    expect(pointingHit(j.peak, BOXES["dog.jpg"].dog)).toBe(true);
  }, 300_000);

  it("--method layercam --layer maps an earlier 14x14 layer and says where the gradient ran", () => {
    const r = cam([
      "--model",
      MODEL,
      "--image",
      DOG,
      "--method",
      "layercam",
      "--layer",
      "conv_pw_11_relu",
      "--class",
      "249",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Out;
    expect([j.grid.width, j.grid.height]).toEqual([14, 14]);
    expect(j.gradient?.backend).toMatch(/wasm|cpu/);
    if (j.gradient?.backend === "cpu") expect(j.gradient.fallback).toMatch(/wasm backend lacks/);
    expect(pointingHit(j.peak, BOXES["dog.jpg"].dog)).toBe(true);
  }, 120_000);

  // One process for both (each spawn loads tfjs and the model again).
  it("--method gradcam runs on wasm; --faithfulness adds deletion and insertion to --json", () => {
    const r = cam([
      "--model",
      MODEL,
      "--image",
      DOG,
      "--method",
      "gradcam",
      "--faithfulness",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Out;
    expect(j.method).toBe("gradcam");
    expect(j.gradient).toEqual({ backend: "wasm", fallback: null });
    const f = j.faithfulness!;
    expect(f.deletion).toBeGreaterThanOrEqual(0);
    expect(f.insertion).toBeLessThanOrEqual(1);
    expect(f.insertion).toBeGreaterThan(f.deletion);
    expect(f.deletionCurve.length).toBe(17);
  }, 180_000);

  it("refuses an unknown method, naming the new ones", () => {
    const r = cam(["--model", MODEL, "--image", DOG, "--method", "eigencam"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--method must be one of cam, gradcam, gradcam\+\+, scorecam, layercam/);
  });

  it("refuses a label file whose length fits no output count", () => {
    const dir = mkdtempSync(join(tmpdir(), "cam-labels-"));
    const file = join(dir, "two.json");
    writeFileSync(file, JSON.stringify(["cat", "dog"]));
    const r = cam(["--model", MODEL, "--image", DOG, "--labels", file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/label list has 2 names but the model has 1000 outputs/);
  }, 120_000);
});
