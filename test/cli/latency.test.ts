import { describe, expect, it } from "vitest";

import { TABLE4 } from "@/lib/paper";
import { latencyCandidates, LATENCY_CSV_HEADER } from "@/lib/tfjs/latency-table";

import { scale } from "./run-cli";

describe("scale CLI --latency-table", () => {
  it("--json: the small nets timed on wasm, cheapest first, with the paper's table 4", () => {
    const r = scale(["--latency-table", "--max-macs", "0.45", "--runs", "2", "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      backend: string;
      complete: boolean;
      rows: { key: string; status: string; meanMs: number; macs: number; runs: number }[];
      paper: { rows: typeof TABLE4 };
    };
    expect(j.backend).toBe("wasm");
    expect(j.complete).toBe(true);
    expect(j.rows.map((x) => x.key)).toEqual(latencyCandidates(0.45e9).map((c) => c.key));
    for (const row of j.rows) {
      expect(row).toMatchObject({ status: "timed", runs: 2 });
      expect(row.meanMs).toBeGreaterThan(0);
    }
    expect(j.paper.rows).toEqual(TABLE4);
    // The CSV columns the page exports are all present in each JSON row or the table.
    expect(LATENCY_CSV_HEADER).toContain("mean_ms");
  });

  it("text output; --only picks nets", () => {
    const r = scale(["--latency-table", "--only", "mobilenetv2", "--runs", "1", "--warmup", "0"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Latency on this machine \(batch 1, tfjs wasm;/);
    expect(r.out).toMatch(/MobileNetV2 +224/);
    expect(r.out).toContain(
      "EfficientNet-B7: 84.4% top-1 @ 3.1 s (table 4, row 2, column group 2)",
    );
  });

  it.each([
    [["--time-budget", "0"], /--time-budget: expected a number from 1 to 3600 s, got "0"/],
    [["--runs", "x"], /--runs: expected an integer from 1 to 100, got "x"/],
    [["--only", "alexnet"], /--only: unknown net "alexnet"; allowed: .*efficientnet-b0/],
    [["--backend", "webgl"], /--backend: unknown backend "webgl"; allowed in Node: wasm, cpu/],
    [["--preset", "b3"], /--latency-table does not take --preset/],
    [["--layers"], /--latency-table does not take --layers/],
  ])("bad input %j exits 2 with one clear line", (args, message) => {
    const r = scale(["--latency-table", ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.out).toBe("");
  });
});
