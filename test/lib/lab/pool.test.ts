import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";

import { parseExperiment, planRuns } from "@/lib/lab/experiment";
import { LabPool, shardRuns, type LabPort } from "@/lib/lab/pool";
import type { FromLab, ToLab } from "@/lib/lab/protocol";
import type { ExperimentResult } from "@/lib/lab/results";
import { LabSession } from "@/lib/lab/session";
import type { BackendChoice } from "@/lib/tfjs/backend-info";
import { selectBackend } from "@/lib/tfjs/backends";

beforeAll(async () => {
  tf.enableProdMode();
  await selectBackend({ prefer: "wasm" });
});

/** Three tiny networks, a handful of 32 px images. */
const def = parseExperiment({
  baseWidth: 0.1,
  baseDepth: 0.1,
  baseResolution: 32,
  strategies: "base,width,resolution",
  epochs: 1,
  batch: 8,
  trainImages: 16,
  valImages: 8,
  testImages: 8,
});

describe("shardRuns", () => {
  const runs = [
    { id: "a", macs: 1 },
    { id: "b", macs: 5 },
    { id: "c", macs: 3 },
    { id: "d", macs: 3 },
    { id: "e", macs: 2 },
  ];
  it("gives every run to exactly one worker, longest first to the least loaded, plan order kept", () => {
    const g = shardRuns(runs, 2);
    expect(g).toEqual([
      ["b", "e"],
      ["a", "c", "d"],
    ]);
    expect(g.flat().sort()).toEqual(["a", "b", "c", "d", "e"]);
  });
  it("never makes more workers than runs, nor fewer than one", () => {
    expect(shardRuns(runs, 9)).toHaveLength(5);
    expect(shardRuns(runs, 1)).toEqual([["a", "b", "c", "d", "e"]]);
    expect(shardRuns(runs, 0)).toEqual([["a", "b", "c", "d", "e"]]);
  });
  it("splits the default experiment's five 2x runs into two loads within a base run", () => {
    const plan = planRuns(parseExperiment({}), 10);
    const g = shardRuns(plan.runs, 2);
    const load = g.map((ids) =>
      plan.runs.filter((r) => ids.includes(r.id)).reduce((s, r) => s + r.macs, 0),
    );
    expect(g.flat()).toHaveLength(5);
    expect(Math.abs(load[0]! - load[1]!)).toBeLessThanOrEqual(plan.base.macs);
  });
});

/**
 * Real LabSessions behind in-process ports. They share this process's one tfjs engine, so a
 * lock lets one start train at a time (a browser's workers each have their own); pause and
 * cancel pass at once, and a cancel for a start still waiting drops it, as a worker would.
 */
function harness(opts: { size: number; relabel?: BackendChoice["backend"] }) {
  const out: FromLab[] = [];
  const persisted: ExperimentResult[] = [];
  const made: number[] = [];
  let lock: Promise<void> = Promise.resolve();
  const pool = new LabPool(
    (index, deliver): LabPort => {
      made.push(index);
      const session = new LabSession(deliver, {
        selectBackend: async (prefer) => {
          const c = await selectBackend({ prefer });
          return opts.relabel ? { ...c, backend: opts.relabel } : c;
        },
      });
      const waiting = new Set<number>();
      return {
        post: (m: ToLab) => {
          if (m.type === "start") {
            waiting.add(m.id);
            lock = lock.then(async () => {
              if (!waiting.delete(m.id)) return deliver({ type: "cancelled", id: m.id });
              await session.handle(m);
            });
          } else if (m.type === "cancel" && waiting.delete(m.id)) {
            // Dropped: the queued start answers "cancelled" when its turn comes.
          } else void session.handle(m);
        },
        terminate: () => undefined,
      };
    },
    (m) => out.push(m),
    {
      size: opts.size,
      persist: async (r) => {
        persisted.push(r);
      },
    },
  );
  const settled = (id: number) =>
    new Promise<FromLab>((resolve) => {
      const poll = () => {
        const end = out.find(
          (m) => m.id === id && (m.type === "done" || m.type === "cancelled" || m.type === "error"),
        );
        if (end) resolve(end);
        else setTimeout(poll, 20);
      };
      poll();
    });
  return { pool, out, persisted, made, settled };
}

async function single(): Promise<ExperimentResult> {
  const out: FromLab[] = [];
  const s = new LabSession((m) => out.push(m), {
    selectBackend: (prefer) => selectBackend({ prefer }),
  });
  await s.handle({ type: "start", id: 1, experimentId: "one", def, prefer: "wasm" });
  const done = out.find((m) => m.type === "done");
  if (done?.type !== "done") throw new Error(JSON.stringify(out.at(-1)));
  return done.result;
}

describe("LabPool (several Lab workers as one)", () => {
  it("splits the runs over two workers and merges them into the one worker's result", async () => {
    const before = tf.memory().numTensors;
    const alone = await single();
    const h = harness({ size: 2 });
    h.pool.handle({ type: "start", id: 7, experimentId: "two", def, prefer: "wasm" });
    const end = await h.settled(7);
    if (end.type !== "done") throw new Error(JSON.stringify(end));
    expect(h.made).toEqual([0, 1]);
    const backends = h.out.filter((m) => m.type === "backend");
    expect(backends).toHaveLength(1);
    if (backends[0]?.type !== "backend") throw new Error("no backend");
    expect(backends[0].choice.detail).toMatch(/2 workers/);
    expect(end.result.backend.detail).toMatch(/2 workers/);
    // The backend's own words stay translatable; the count travels beside them.
    expect(backends[0].choice.workers).toBe(2);
    expect(backends[0].choice.detailMsg?.id).toBe("build.backend.detail.wasm");
    expect(end.result.backend.workers).toBe(2);
    expect(end.result.backend.detailMsg).toEqual(backends[0].choice.detailMsg);
    const events = h.out.flatMap((m) => (m.type === "event" ? [m.event] : []));
    expect(events.filter((e) => e.type === "plan")).toHaveLength(1);
    const starts = events.flatMap((e) => (e.type === "run-start" ? [e] : []));
    expect(starts.map((e) => e.index)).toEqual([0, 1, 2]);
    expect(starts.every((e) => e.total === 3)).toBe(true);
    const shares = events.flatMap((e) => (e.type === "batch" ? [e.experimentShare] : []));
    expect(shares.at(-1)).toBeCloseTo(1, 6);
    expect(shares.every((x, i) => i === 0 || x >= shares[i - 1]! - 1e-9)).toBe(true);
    // Same runs, same order, same numbers as one worker training them all.
    const r = end.result;
    expect(r.finished).toBe(true);
    expect(r.runs.map((x) => x.id)).toEqual(alone.runs.map((x) => x.id));
    for (let i = 0; i < r.runs.length; i++) {
      expect(r.runs[i]!.testAccuracy).toBe(alone.runs[i]!.testAccuracy);
      expect(r.runs[i]!.curve).toEqual(alone.runs[i]!.curve);
    }
    // Persisted after each run with every finished run so far, then the final result.
    expect(h.persisted.map((p) => p.runs.length)).toEqual([1, 2, 3, 3]);
    expect(h.persisted.at(-1)?.finished).toBe(true);
    expect(h.pool.busy).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("trains on one worker when the backend is a GPU's", async () => {
    const h = harness({ size: 4, relabel: "webgl" });
    h.pool.handle({ type: "start", id: 3, experimentId: "gpu", def, prefer: "wasm" });
    const end = await h.settled(3);
    if (end.type !== "done") throw new Error(JSON.stringify(end));
    expect(h.made).toEqual([0]);
    expect(end.result.runs).toHaveLength(3);
    expect(end.result.backend.detail).not.toMatch(/workers/);
    expect(end.result.backend.workers).toBeUndefined();
  });

  it("cancels every worker and says so once, with no tensor left", async () => {
    const before = tf.memory().numTensors;
    const h = harness({ size: 2 });
    const seen = { cancel: false };
    const origin = h.out.push.bind(h.out);
    h.out.push = (...ms: FromLab[]) => {
      const n = origin(...ms);
      for (const m of ms)
        if (!seen.cancel && m.type === "event" && m.event.type === "batch") {
          seen.cancel = true;
          h.pool.handle({ type: "cancel", id: 5 });
        }
      return n;
    };
    h.pool.handle({ type: "start", id: 5, experimentId: "stop", def, prefer: "wasm" });
    const end = await h.settled(5);
    expect(end.type).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 200));
    expect(h.out.filter((m) => m.type === "cancelled")).toHaveLength(1);
    expect(h.out.some((m) => m.type === "done")).toBe(false);
    expect(h.pool.busy).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("a worker's failure stops the others and is reported once", async () => {
    const h = harness({ size: 2 });
    // No image decoder in these sessions: a folder cannot be read, in every worker.
    h.pool.handle({
      type: "start",
      id: 9,
      experimentId: "bad",
      def,
      prefer: "wasm",
      folder: [{ path: "a/x.png", bytes: new Uint8Array([1]) }],
    });
    const end = await h.settled(9);
    if (end.type !== "error") throw new Error(JSON.stringify(end));
    expect(end.message).toMatch(/cannot decode images/);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.out.filter((m) => m.type === "error")).toHaveLength(1);
    expect(h.pool.busy).toBe(false);
  });

  it("refuses a second experiment while one runs, naming why", async () => {
    const h = harness({ size: 2 });
    h.pool.handle({ type: "start", id: 1, experimentId: "a", def, prefer: "wasm" });
    h.pool.handle({ type: "start", id: 2, experimentId: "b", def, prefer: "wasm" });
    expect(h.out.find((m) => m.id === 2)).toMatchObject({
      type: "error",
      message: expect.stringMatching(/already running/),
    });
    h.pool.handle({ type: "cancel", id: 1 });
    expect((await h.settled(1)).type).toBe("cancelled");
  });
});
