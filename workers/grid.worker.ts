/// <reference lib="webworker" />
/**
 * The /compare page's worker: the strategy comparison (a few hundred network builds plus the
 * accuracy fit) and the alpha/beta/gamma grid search, off the main thread. The grid runs in
 * chunks of ~30 ms; between chunks it yields to the event loop so a "cancel" (or a newer
 * job) is seen, and it posts progress after each chunk.
 */
import { buildCompareView } from "../lib/estimate/compareView";
import type { Budget, CompareOptions } from "../lib/scaling/compare";
import { GridSearch, MAX_GRID_TRIPLES, gridSize, type GridSpec } from "../lib/scaling/grid";
import type { ModelId } from "../lib/arch/types";
import { ConfigError } from "../lib/scaling/request";

export type GridWorkerRequest =
  | { type: "compare"; id: number; model: ModelId; budget: Budget; options: CompareOptions }
  | { type: "grid"; id: number; spec: GridSpec }
  | { type: "cancel"; id: number };

export type GridWorkerResponse =
  | { type: "compare"; id: number; view: ReturnType<typeof buildCompareView> }
  | { type: "progress"; id: number; progress: ReturnType<GridSearch["progress"]> }
  | { type: "grid"; id: number; result: ReturnType<GridSearch["result"]>; ms: number }
  | { type: "cancelled"; id: number }
  | { type: "error"; id: number; message: string };

const ctx = self as unknown as DedicatedWorkerGlobalScope;
const cancelled = new Set<number>();
let currentGrid = 0;

function post(m: GridWorkerResponse): void {
  ctx.postMessage(m);
}

function messageOf(e: unknown): string {
  if (e instanceof ConfigError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

const yieldToEvents = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

async function runGridJob(id: number, spec: GridSpec): Promise<void> {
  currentGrid = id;
  const size = gridSize(spec);
  if (size > MAX_GRID_TRIPLES) {
    post({
      type: "error",
      id,
      message: `the grid has ${size} triples; at most ${MAX_GRID_TRIPLES}`,
    });
    return;
  }
  const t0 = performance.now();
  const s = new GridSearch(spec);
  let chunk = 2000;
  while (!s.finished) {
    if (cancelled.has(id) || currentGrid !== id) {
      cancelled.delete(id);
      post({ type: "cancelled", id });
      return;
    }
    const t = performance.now();
    const p = s.next(chunk);
    const dt = performance.now() - t;
    // Aim for ~30 ms per chunk whatever the share of feasible triples.
    chunk = Math.max(200, Math.min(200_000, Math.round((chunk * 30) / Math.max(1, dt))));
    post({ type: "progress", id, progress: p });
    await yieldToEvents();
  }
  post({ type: "grid", id, result: s.result(), ms: performance.now() - t0 });
}

ctx.onmessage = (ev: MessageEvent<GridWorkerRequest>) => {
  const m = ev.data;
  try {
    if (m.type === "cancel") {
      cancelled.add(m.id);
    } else if (m.type === "compare") {
      post({ type: "compare", id: m.id, view: buildCompareView(m.model, m.budget, m.options) });
    } else if (m.type === "grid") {
      runGridJob(m.id, m.spec).catch((e: unknown) =>
        post({ type: "error", id: m.id, message: messageOf(e) }),
      );
    }
  } catch (e) {
    post({ type: "error", id: m.id, message: messageOf(e) });
  }
};
