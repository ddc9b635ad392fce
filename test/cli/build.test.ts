import { describe, expect, it } from "vitest";

import { scale } from "./run-cli";

import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";

describe("scale CLI --build", () => {
  it("adds tfjs { params, buildMs, backend, latencyMs } with --bench", () => {
    const args = [
      "--model",
      "mobilenetv2",
      "--width",
      "0.35",
      "--resolution",
      "97",
      "--classes",
      "10",
    ];
    const r = scale([...args, "--build", "--bench", "3", "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { totalParams: number; tfjs: Record<string, unknown> };
    const calc = calculate(
      parseRequest({ model: "mobilenetv2", width: 0.35, resolution: 97, classes: 10 }),
    );
    expect(j.tfjs.params).toBe(calc.totals.trainableParams + calc.totals.nonTrainableParams);
    expect(j.tfjs.params).toBe(j.totalParams);
    expect(j.tfjs.paramsMatch).toBe(true);
    expect(j.tfjs.backend).toBe("wasm");
    expect(j.tfjs.buildMs).toBeGreaterThan(0);
    const lat = j.tfjs.latencyMs as { median: number; p90: number };
    expect(lat.median).toBeGreaterThan(0);
    expect(lat.p90).toBeGreaterThanOrEqual(lat.median);
  });

  it("--backend cpu without --bench has no latency; text output has a tfjs section", () => {
    const r = scale([
      "--model",
      "resnet50",
      "--width",
      "0.25",
      "--depth",
      "0.5",
      "--resolution",
      "64",
      "--build",
      "--backend",
      "cpu",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { tfjs: Record<string, unknown> };
    expect(j.tfjs.backend).toBe("cpu");
    expect(j.tfjs.latencyMs).toBeUndefined();
    const t = scale(["--width", "0.25", "--depth", "0.3", "--resolution", "32", "--build"]);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/TensorFlow\.js build[\s\S]*matches the calculator/);
  });

  it("bad build options: exit 2, message names the option", () => {
    const cases: [string[], RegExp][] = [
      [
        ["--build", "--backend", "webgl"],
        /--backend: unknown backend "webgl"; allowed in Node: wasm, cpu/,
      ],
      [["--build", "--bench", "0"], /--bench: expected a number of runs from 1 to 1000/],
      [["--bench", "5"], /--bench needs --build/],
      [["--preset", "l2", "--build"], /--build: this network needs about .* add --force/],
    ];
    for (const [args, msg] of cases) {
      const r = scale(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/);
      expect(r.out).toBe("");
    }
  });
});
