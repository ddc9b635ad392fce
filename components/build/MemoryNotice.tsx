"use client";
/** Memory the build will need (from the calculator) against this device's budget. */
import type { MemoryBudget, MemoryEstimate } from "@/lib/tfjs/memory-estimate";
import { formatBytes } from "@/lib/format";

import { btn, btnPrimary } from "./ui";

export function MemoryNotice({
  estimate,
  budget,
  over,
  confirming,
  onGo,
  onCancel,
}: {
  estimate: MemoryEstimate;
  budget: MemoryBudget;
  over: boolean;
  confirming: boolean;
  onGo: () => void;
  onCancel: () => void;
}) {
  const figures = (
    <>
      weights <strong>{formatBytes(estimate.weightBytes)}</strong> + folded copy for fast inference{" "}
      <strong>{formatBytes(estimate.fusedBytes)}</strong> + activations at batch {estimate.batch}{" "}
      <strong>{formatBytes(estimate.activationBytes)}</strong> ≈{" "}
      <strong>{formatBytes(estimate.totalBytes)}</strong>
    </>
  );
  if (!over) {
    return (
      <p className="text-xs text-muted" data-testid="memory-estimate" data-over="false">
        Memory estimate: {figures}; budget {formatBytes(budget.bytes)} ({budget.source}).
      </p>
    );
  }
  return (
    <div
      role="alert"
      data-testid="memory-estimate"
      data-over="true"
      className="rounded-lg border border-amber-400/70 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-500/50 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="font-semibold">This network is heavy for this device.</p>
      <p className="mt-1">
        It needs about {figures}, above the budget of <strong>{formatBytes(budget.bytes)}</strong> (
        {budget.source}). Building may make the tab slow or run out of memory.
      </p>
      {confirming && (
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" className={btnPrimary} onClick={onGo} data-testid="memory-go">
            Build anyway
          </button>
          <button type="button" className={btn} onClick={onCancel} data-testid="memory-cancel">
            Don&apos;t build
          </button>
        </div>
      )}
    </div>
  );
}
