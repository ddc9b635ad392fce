// Runs in the "components" vitest project (jsdom); see vitest.config.ts.
/** Two runs training at once (the pool's two workers): one status line each, a run leaves when done. */
import { afterEach, describe, expect, test } from "vitest";

import { ProgressPanel } from "@/components/lab/ProgressPanel";
import { createLabStore } from "@/components/lab/store";
import type { ExperimentResult } from "@/lib/lab/results";
import { msg } from "@/lib/i18n/msg";
import { withWorkers } from "@/lib/lab/backend-detail";
import type { BackendChoice } from "@/lib/tfjs/backend-info";
import { labRun } from "@/test/lib/lab/run-fixture";
import { act, cleanup, render, screen } from "@/test/components/intl";

afterEach(cleanup);

const noop = () => {};

function batch(runId: string, step: number, loss: number, share: number, etaMs: number) {
  return {
    type: "batch" as const,
    runId,
    progress: {
      epoch: 1,
      batch: step,
      batchesPerEpoch: 50,
      step,
      totalSteps: 250,
      loss,
      learningRate: 0.02,
      elapsedMs: 1000,
    },
    etaMs,
    experimentShare: share,
  };
}

describe("ProgressPanel", () => {
  test("shows every run in training with its own step and loss, and the overall share", () => {
    const store = createLabStore("");
    store.getState().begin(1);
    store.getState().patch({ status: "running" });
    render(<ProgressPanel store={store} onPause={noop} onResume={noop} onCancel={noop} />);
    act(() => {
      const s = store.getState();
      s.onEvent({ type: "run-start", runId: "compound-s1", index: 0, total: 5 });
      s.onEvent({ type: "run-start", runId: "depth-s1", index: 1, total: 5 });
      s.onEvent(batch("compound-s1", 12, 2.25, 0.05, 90_000));
      s.onEvent(batch("depth-s1", 7, 2.3, 0.08, 80_000));
    });
    const status = () => screen.getByTestId("lab-status").textContent ?? "";
    expect(status()).toContain("Run 1 of 5 (compound-s1), epoch 1/5, step 12/250, loss 2.250");
    expect(status()).toContain("Run 2 of 5 (depth-s1), epoch 1/5, step 7/250, loss 2.300");
    expect(screen.getByTestId("lab-progress").textContent).toContain("8%");
    act(() => {
      const run = labRun("compound", 1, 0.25, null);
      const partial = { runs: [run] } as unknown as ExperimentResult;
      store.getState().onEvent({ type: "run-done", run, partial });
    });
    expect(status()).not.toContain("compound-s1");
    expect(status()).toContain("Run 2 of 5 (depth-s1)");
  });

  /** WASM as lib/tfjs/backends.ts states it, split over two workers by the pool. */
  const wasm: BackendChoice = {
    backend: "wasm",
    detail: "WASM, SIMD, 1 thread",
    detailMsg: msg("build.backend.detail.wasm", { simd: "yes", threads: 1 }),
    threads: 1,
    checks: [
      {
        name: "wasm",
        status: "active",
        reason:
          "runs XNNPACK kernels in WebAssembly (SIMD, 1 thread); single-threaded: one thread was asked for",
        msgs: [
          msg("build.backend.reason.wasmActive", { simd: "yes", threads: 1 }),
          msg("build.backend.reason.singleOne"),
        ],
      },
    ],
  };

  test.each([
    [
      "en",
      "Backend: WASM, SIMD, 1 thread; 2 workers, one run each at a time",
      "one thread was asked for",
    ],
    [
      "zh",
      "后端：WASM，SIMD，1 个线程；2 个 worker 同时训练，每个一次一个运行",
      "只要求了一个线程",
    ],
  ] as const)(
    "states the backend and the worker count in the reader's language (%s)",
    (locale, line, reason) => {
      const store = createLabStore("");
      store.getState().begin(1);
      store.getState().patch({ status: "running", backend: withWorkers(wasm, 2) });
      render(<ProgressPanel store={store} onPause={noop} onResume={noop} onCancel={noop} />, {
        locale,
      });
      const text = screen.getByTestId("lab-progress").textContent ?? "";
      expect(text).toContain(line);
      expect(text).toContain(reason);
    },
  );

  test("withWorkers states the count in English; one worker changes nothing", () => {
    expect(withWorkers(wasm, 2).detail).toBe(
      "WASM, SIMD, 1 thread; 2 workers, one run each at a time",
    );
    expect(withWorkers(wasm, 1)).toBe(wasm);
  });
});
