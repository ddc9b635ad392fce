import { describe, expect, it } from "vitest";

import { scale } from "./run-cli";

import { compareStrategies, parseBudget } from "@/lib/scaling/compare";
import { parseGridSpec, runGrid } from "@/lib/scaling/grid";

describe("scale CLI --compare / --grid", () => {
  it("--compare --budget 2x --json prints the four solved configurations with accuracy", () => {
    const r = scale(["--compare", "--budget", "2x", "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      targetMacs: number;
      configs: { strategy: string; macs: number; accuracy: { kind: string } }[];
    };
    const c = compareStrategies("efficientnet", parseBudget("2x"));
    expect(j.targetMacs).toBe(c.targetMacs);
    expect(j.configs.map((x) => [x.strategy, x.macs])).toEqual(
      c.configs.map((x) => [x.strategy, x.macs]),
    );
    for (const x of j.configs)
      expect(["published", "estimate", "unsupported"]).toContain(x.accuracy.kind);
  });

  it("--grid --json lists every feasible triple with an explorer link", () => {
    const r = scale([
      "--grid",
      "--model",
      "mobilenetv2",
      "--alpha-range",
      "1:1.4:0.1",
      "--step",
      "0.05",
      "--tolerance",
      "0.08",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      feasible: number;
      rows: { isPaper: boolean; explorer: string }[];
    };
    const g = runGrid(
      parseGridSpec({ model: "mobilenetv2", alpha: "1:1.4:0.1", step: 0.05, tolerance: 0.08 }),
    );
    expect(j.feasible).toBe(g.feasible);
    expect(j.rows).toHaveLength(g.feasible);
    const paper = j.rows.find((x) => x.isPaper)!;
    expect(paper.explorer).toBe(
      "/?model=mobilenetv2&phi=1" /* canonical: the paper constants are implied */,
    );
  });

  it.each([
    [["--compare", "--budget", "2q"], /^scale: --budget: cannot read "2q"; allowed:/],
    [["--compare"], /^scale: --budget: is required with --compare; allowed:/],
    [
      ["--grid", "--tolerance", "-1"],
      /^scale: --tolerance: -1 is out of range; allowed from 0 to 10/,
    ],
    [["--grid", "--alpha-range", "1:9:0.1"], /^scale: --alpha-range: .*allowed "min:max:step"/],
    [["--budget", "2x"], /^scale: --budget needs --compare/],
  ])("%j fails with exit 2 and names the option", (args, msg) => {
    const r = scale(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(msg);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});
