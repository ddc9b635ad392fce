import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { ROOT } from "./run-cli";

function lab(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/lab.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 240_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The smallest real experiment: tiny networks, a handful of 32 px images, one epoch. */
const TINY = [
  "--base-width",
  "0.1",
  "--base-depth",
  "0.1",
  "--base-resolution",
  "32",
  "--epochs",
  "1",
  "--batch",
  "8",
  "--train-images",
  "16",
  "--test-images",
  "8",
];

describe("npm run lab", () => {
  it.each([
    [["--model", "vgg"], /--model/],
    [["--budget", "phi=2"], /--budget/],
    [["--strategies", "depth,magic"], /--strategies/],
    [["--epochs", "0"], /--epochs/],
    [["--base-resolution", "abc"], /--base-resolution/],
    [["--backend", "webgl"], /--backend/],
    [["--seeds", "1.5"], /--seeds/],
    [["--data-seed", "-1"], /--data-seed/],
    [["--workers", "0"], /--workers/],
    [["--workers", "two"], /--workers/],
    [["--frobnicate"], /--frobnicate/],
    [["--data", "/nonexistent/folder", "--dataset-only"], /--data/],
  ])("exits 2 naming the option for %j", (args, re) => {
    const r = lab(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(re);
    expect(r.out).toBe("");
  });

  it("--dataset-only prints the dataset without training", () => {
    const r = lab([
      "--dataset-only",
      "--json",
      "--train-images",
      "20",
      "--test-images",
      "10",
      "--seed",
      "3",
    ]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as Record<string, unknown>;
    expect(d).toMatchObject({ kind: "procedural", trainImages: 20, testImages: 10, seed: 3 });
    expect(d.classes).toHaveLength(10);
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(
      lab([
        "--dataset-only",
        "--json",
        "--train-images",
        "20",
        "--test-images",
        "10",
        "--seed",
        "3",
      ]).out,
    ).toBe(r.out);
  });

  it("--data-seed draws the dataset apart from the runs' seeds", () => {
    const sizes = ["--dataset-only", "--json", "--train-images", "20", "--test-images", "10"];
    const first = JSON.parse(lab([...sizes, "--seed", "1"]).out) as Record<string, unknown>;
    const later = JSON.parse(lab([...sizes, "--seed", "4", "--data-seed", "1"]).out) as Record<
      string,
      unknown
    >;
    const other = JSON.parse(lab([...sizes, "--seed", "4"]).out) as Record<string, unknown>;
    expect(later).toEqual(first);
    expect(other.seed).toBe(4);
    expect(other.sha256).not.toBe(first.sha256);
  });

  it("trains a tiny experiment, prints the issue's JSON shape and saves loadable models", () => {
    const dir = mkdtempSync(join(tmpdir(), "lab-cli-"));
    const r = lab([...TINY, "--strategies", "base,resolution", "--json", "--save", dir]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      model: string;
      dataset: Record<string, unknown>;
      backend: string;
      base: Record<string, number>;
      runs: Record<string, unknown>[];
      summary: Record<string, unknown>[];
    };
    expect(Object.keys(j)).toEqual(["model", "dataset", "backend", "base", "runs", "summary"]);
    expect(j.model).toBe("efficientnet");
    expect(j.backend).toBe("wasm");
    expect(Object.keys(j.dataset)).toEqual([
      "kind",
      "classes",
      "trainImages",
      "testImages",
      "seed",
      "sha256",
    ]);
    expect(Object.keys(j.base)).toEqual([
      "width",
      "depth",
      "resolution",
      "macs",
      "trainableParams",
    ]);
    expect(j.runs).toHaveLength(2);
    expect(Object.keys(j.runs[0]!)).toEqual([
      "strategy",
      "seed",
      "width",
      "depth",
      "resolution",
      "macs",
      "trainableParams",
      "epochs",
      "trainMs",
      "curve",
      "testAccuracy",
      "cam",
    ]);
    expect(j.runs[1]).toMatchObject({ strategy: "resolution", width: 0.1, depth: 0.1 });
    expect(j.runs[1]!.resolution as number).toBeGreaterThan(32);
    expect(j.summary.map((s) => Object.keys(s))[0]).toEqual([
      "strategy",
      "macs",
      "testAccuracyMean",
      "testAccuracyStd",
      "n",
    ]);
    expect(JSON.parse(readFileSync(join(dir, "results.json"), "utf8"))).toEqual(j);
    const model = JSON.parse(readFileSync(join(dir, "base-s1", "model.json"), "utf8")) as {
      userDefinedMetadata: { labels: string[] };
      weightsManifest: { paths: string[] }[];
    };
    expect(model.userDefinedMetadata.labels).toEqual(j.dataset.classes);
    expect(existsSync(join(dir, "base-s1", model.weightsManifest[0]!.paths[0]!))).toBe(true);
  });

  it("--workers 2 trains the runs on two threads at once, with the same results run by run", () => {
    const tiny = [...TINY, "--strategies", "base,width,resolution", "--json"];
    const dir = mkdtempSync(join(tmpdir(), "lab-cli-workers-"));
    const two = lab([...tiny, "--workers", "2", "--save", dir]);
    expect(two.err).toBe("");
    expect(two.code).toBe(0);
    const one = lab(tiny);
    type Runs = { runs: Record<string, unknown>[] };
    // Everything but the training time, which depends on the machine.
    const strip = (j: Runs) => j.runs.map(({ trainMs: _t, ...rest }) => rest);
    const a = JSON.parse(one.out) as Runs;
    const b = JSON.parse(two.out) as Runs;
    expect(b.runs.map((r) => r.strategy)).toEqual(["base", "width", "resolution"]);
    expect(strip(b)).toEqual(strip(a));
    expect(JSON.parse(readFileSync(join(dir, "results.json"), "utf8"))).toEqual(b);
    for (const run of ["base-s1", "width-s1", "resolution-s1"])
      expect(existsSync(join(dir, run, "model.json"))).toBe(true);
  });
});
