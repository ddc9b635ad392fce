import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { MODEL_IDS } from "@/lib/arch/types";
import { calculate, calculateBaseline } from "@/lib/calculator";
import { hasPresets, PRESET_IDS } from "@/lib/scaling/presets";
import { ConfigError, parseRequest } from "@/lib/scaling/request";
import { selectBackend } from "@/lib/tfjs/backends";
import type { FromWorker } from "@/lib/tfjs/build-protocol";
import { BuildSession } from "@/lib/tfjs/build-session";
import {
  LATENCY_CSV_HEADER,
  latencyCandidates,
  latencyCsv,
  latencyOptions,
  LatencySweep,
  type LatencyProgress,
} from "@/lib/tfjs/latency";
import { TimingCancelledError } from "@/lib/tfjs/timing";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

describe("latency candidates (what table 4 on this device times)", () => {
  it("has every baseline, EfficientNet's presets up to the MAC cap, cheapest first", () => {
    const all = latencyCandidates();
    const models = new Set(all.map((c) => c.model));
    // Every baseline under the cap (EfficientNetV2-L at 480 px, 56 B MACs, is over it).
    for (const m of MODEL_IDS) {
      expect(models.has(m)).toBe(hasPresets(m) || calculateBaseline(m).totals.macs <= 40e9);
    }
    expect(latencyCandidates(100e9).map((c) => c.model)).toContain("efficientnetv2l");
    // Presets exactly where the request parser accepts them, each at its own resolution.
    for (const p of PRESET_IDS) {
      const req = parseRequest({ preset: p });
      const macs = calculate(req).totals.macs;
      const row = all.find((c) => c.key === `${req.model}-${p}`);
      if (macs <= 40e9) expect(row?.macs).toBe(macs);
      else expect(row).toBeUndefined();
    }
    const macs = all.map((c) => c.macs);
    expect(macs).toEqual([...macs].sort((a, b) => a - b));
    expect(latencyCandidates(1e9).every((c) => c.macs <= 1e9)).toBe(true);
  });

  it("checks options and names the bad one", () => {
    expect(latencyOptions({})).toMatchObject({ budgetMs: 60_000, runs: 5, warmup: 1 });
    expect(() => latencyOptions({ budgetSec: 0 })).toThrow(/budgetSec.*1 to 3600/);
    expect(() => latencyOptions({ runs: 2.5 })).toThrow(ConfigError);
    expect(() => latencyOptions({ maxMacsB: "x".repeat(10_000) })).toThrow(/maxMacsB/);
    expect(() => latencyOptions({ maxMacsB: "x".repeat(10_000) })).not.toThrow(/x{41}/);
    expect(() => latencyOptions({ only: "nope" })).toThrow(/only: unknown net "nope"/);
    expect(latencyOptions({ only: "mobilenetv2, efficientnet-b0" }).only).toEqual([
      "mobilenetv2",
      "efficientnet-b0",
    ]);
  });
});

describe("LatencySweep (wasm, Node)", () => {
  it("times the small nets, reports progress, writes CSV, leaks nothing", async () => {
    const before = tf.memory().numTensors;
    const seen: LatencyProgress[] = [];
    const opts = latencyOptions({ budgetSec: 120, runs: 2, warmup: 1, maxMacsB: 0.45 });
    const table = await new LatencySweep(opts, { onProgress: (p) => seen.push(p) }).run();
    expect(tf.memory().numTensors).toBe(before);
    expect(table.backend).toBe("wasm");
    expect(table.complete).toBe(true);
    expect(table.rows.map((r) => r.key)).toEqual(latencyCandidates(0.45e9).map((c) => c.key));
    expect(table.rows.length).toBeGreaterThanOrEqual(2);
    for (const r of table.rows) {
      expect(r.status).toBe("timed");
      expect(r.runs).toBe(2);
      expect(r.meanMs).toBeGreaterThan(0);
      expect(r.minMs).toBeLessThanOrEqual(r.medianMs!);
    }
    expect(seen.at(-1)?.done).toBe(table.rows.length);
    expect(seen.some((p) => p.step === "build")).toBe(true);
    const csv = latencyCsv(table).split("\r\n");
    expect(csv[0]).toBe(LATENCY_CSV_HEADER.join(","));
    expect(csv).toHaveLength(table.rows.length + 2); // header, rows, final empty
    expect(csv[1]).toContain(",timed,");
  });

  it("stops starting nets once the budget is spent (the rest are marked skipped)", async () => {
    let t = 0;
    // A clock that jumps 10 s per reading: the budget (1 s) is spent after the first net.
    const opts = latencyOptions({ budgetSec: 1, runs: 1, warmup: 0, maxMacsB: 0.45 });
    const table = await new LatencySweep(opts, { now: () => (t += 10_000) }).run();
    expect(table.rows[0]?.status).toBe("timed");
    expect(table.rows.slice(1).every((r) => r.status === "skipped")).toBe(true);
    expect(table.complete).toBe(false);
  });

  it("cancels through its signal without leaking", async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    const opts = latencyOptions({ runs: 50, maxMacsB: 0.45 });
    const run = new LatencySweep(opts, {
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.step === "build") ctl.abort();
      },
    }).run();
    await expect(run).rejects.toBeInstanceOf(TimingCancelledError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("runs in the build worker's session as a 'latency' job", async () => {
    const out: FromWorker[] = [];
    const s = new BuildSession((m) => out.push(m));
    const options = latencyOptions({ runs: 1, warmup: 0, only: "mobilenetv2" });
    await s.handle({ type: "latency", id: 7, prefer: "wasm", options });
    const done = out.at(-1);
    if (done?.type !== "latency-table") throw new Error(JSON.stringify(done));
    expect(done.table.rows).toHaveLength(1);
    expect(done.table.rows[0]).toMatchObject({ key: "mobilenetv2", status: "timed" });
    expect(out.some((m) => m.type === "latency-progress")).toBe(true);
  });
});
