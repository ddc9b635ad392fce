import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { parseExperiment } from "@/lib/lab/experiment";
import type { FromLab } from "@/lib/lab/protocol";
import { resultToCsv, resultToJSON } from "@/lib/lab/results";
import { LabSession } from "@/lib/lab/session";
import { selectBackend } from "@/lib/tfjs/backends";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

/** The smallest real experiment: two tiny networks, a handful of 32 px images. */
const def = parseExperiment({
  baseWidth: 0.1,
  baseDepth: 0.1,
  baseResolution: 32,
  strategies: "base,width",
  epochs: 1,
  batch: 8,
  trainImages: 16,
  valImages: 8,
  testImages: 8,
});

function session() {
  const out: FromLab[] = [];
  const s = new LabSession((m) => out.push(m), {
    selectBackend: (prefer) => selectBackend({ prefer }),
  });
  return { s, out };
}

describe("LabSession (the Lab worker's logic)", () => {
  it("trains every run with progress and results, and leaks no tensors", async () => {
    const before = tf.memory().numTensors;
    const { s, out } = session();
    await s.handle({ type: "start", id: 1, experimentId: "t1", def, prefer: "wasm" });
    const done = out.find((m) => m.type === "done");
    if (done?.type !== "done") throw new Error(JSON.stringify(out.at(-1)));
    expect(out[0]).toMatchObject({ type: "backend", choice: { backend: "wasm" } });
    const events = out.flatMap((m) => (m.type === "event" ? [m.event] : []));
    expect(events[0]?.type).toBe("plan");
    const batches = events.filter((e) => e.type === "batch");
    expect(batches).toHaveLength(4);
    const last = batches.at(-1);
    if (last?.type !== "batch") throw new Error("no batch");
    expect(last.experimentShare).toBeCloseTo(1, 6);
    expect(last.etaMs).toBeCloseTo(0, 3);
    expect(events.filter((e) => e.type === "epoch")).toHaveLength(2);
    const r = done.result;
    expect(r.finished).toBe(true);
    expect(r.runs.map((x) => x.strategy)).toEqual(["base", "width"]);
    for (const run of r.runs) {
      expect(run.curve).toHaveLength(1);
      expect(run.testAccuracy).toBeGreaterThanOrEqual(0);
      // 32 px inputs give 1 x 1 maps, which cannot point anywhere: not scored.
      expect(run.cam).toBeNull();
      expect(run.camSamples).toHaveLength(4);
    }
    expect(r.camImages).toHaveLength(4);
    const json = resultToJSON(r) as { runs: unknown[]; summary: { strategy: string; n: number }[] };
    expect(json.summary.map((x) => x.strategy)).toEqual(["base", "width"]);
    expect(resultToCsv(r).trim().split("\n")).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("cancels between batches with every tensor freed", async () => {
    const before = tf.memory().numTensors;
    const out: FromLab[] = [];
    const s: LabSession = new LabSession(
      (m) => {
        out.push(m);
        if (m.type === "event" && m.event.type === "batch")
          void s.handle({ type: "cancel", id: 2 });
      },
      { selectBackend: (prefer) => selectBackend({ prefer }) },
    );
    await s.handle({ type: "start", id: 2, experimentId: "t2", def, prefer: "wasm" });
    expect(out.at(-1)).toEqual({ type: "cancelled", id: 2 });
    expect(out.filter((m) => m.type === "event" && m.event.type === "batch")).toHaveLength(1);
    expect(s.busy).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("pauses between batches until resumed, and refuses a second experiment meanwhile", async () => {
    const out: FromLab[] = [];
    let paused = false;
    const s: LabSession = new LabSession(
      (m) => {
        out.push(m);
        if (!paused && m.type === "event" && m.event.type === "batch") {
          paused = true;
          void s.handle({ type: "pause", id: 3 });
        }
      },
      { selectBackend: (prefer) => selectBackend({ prefer }) },
    );
    const job = s.handle({ type: "start", id: 3, experimentId: "t3", def, prefer: "wasm" });
    while (!out.some((m) => m.type === "paused")) await new Promise((r) => setTimeout(r, 20));
    const count = out.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(out.length).toBe(count);
    await s.handle({ type: "start", id: 4, experimentId: "t4", def, prefer: "wasm" });
    expect(out.at(-1)).toMatchObject({
      type: "error",
      id: 4,
      message: expect.stringMatching(/already running/),
    });
    await s.handle({ type: "resume", id: 3 });
    await job;
    expect(out.some((m) => m.type === "done")).toBe(true);
  });

  it("trains only the runs it is given (a pool worker's share); an unknown run is an error", async () => {
    const { s, out } = session();
    await s.handle({
      type: "start",
      id: 5,
      experimentId: "t5",
      def,
      prefer: "wasm",
      runIds: ["width-s1"],
    });
    const done = out.find((m) => m.type === "done");
    if (done?.type !== "done") throw new Error(JSON.stringify(out.at(-1)));
    expect(done.result.runs.map((r) => r.id)).toEqual(["width-s1"]);
    const plan = out.flatMap((m) =>
      m.type === "event" && m.event.type === "plan" ? [m.event] : [],
    );
    expect(plan[0]?.runs.map((r) => r.id)).toEqual(["base-s1", "width-s1"]);
    await s.handle({
      type: "start",
      id: 6,
      experimentId: "t6",
      def,
      prefer: "wasm",
      runIds: ["depth-s1"],
    });
    expect(out.at(-1)).toMatchObject({
      type: "error",
      id: 6,
      message: 'no run "depth-s1" in the plan',
    });
  });
});
