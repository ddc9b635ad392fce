"use client";
/** Training progress: run, epoch and batch, ETA, backend with reasons, pause/resume/cancel. */
import { useStore } from "zustand";

import { btn, Card, ProgressBar } from "@/components/build/ui";
import { BACKEND_LABELS } from "@/lib/tfjs/backend-info";

import { formatMs } from "./colors";
import type { LabStore } from "./store";

export function ProgressPanel({
  store,
  onPause,
  onResume,
  onCancel,
}: {
  store: LabStore;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}) {
  const status = useStore(store, (s) => s.status);
  const p = useStore(store, (s) => s.progress);
  const backend = useStore(store, (s) => s.backend);
  const error = useStore(store, (s) => s.error);
  if (status === "idle" && !error) return null;
  const live = status === "running" || status === "paused" || status === "starting";
  return (
    <Card
      title="Training"
      id="lab-progress"
      actions={
        live ? (
          <div className="flex gap-2">
            {status === "paused" ? (
              <button type="button" className={btn} onClick={onResume} data-testid="lab-resume">
                Resume
              </button>
            ) : (
              <button
                type="button"
                className={btn}
                onClick={onPause}
                disabled={status !== "running"}
                data-testid="lab-pause"
              >
                Pause
              </button>
            )}
            <button type="button" className={btn} onClick={onCancel} data-testid="lab-cancel">
              Cancel
            </button>
          </div>
        ) : null
      }
    >
      <p className="text-sm" data-testid="lab-status" role="status">
        {status === "starting" && "Starting the worker and the backend…"}
        {status === "running" &&
          p &&
          `Run ${p.runIndex + 1} of ${p.runTotal} (${p.runId}), epoch ${p.epoch}/${p.epochs}, step ${p.step}/${p.totalSteps}, loss ${Number.isFinite(p.loss) ? p.loss.toFixed(3) : "–"}`}
        {status === "running" && !p && "Rendering the dataset…"}
        {status === "paused" && "Paused between two batches."}
        {status === "done" && "Finished. The results are saved in this browser."}
        {status === "cancelled" && "Cancelled. Runs finished before the cancel are kept below."}
        {status === "error" && (
          <span className="text-red-600 dark:text-red-400">Error: {error}</span>
        )}
      </p>
      {p && live && (
        <div className="mt-2 space-y-1">
          <ProgressBar value={p.share} max={1} label="experiment progress" />
          <p className="text-xs text-muted">
            {Math.round(p.share * 100)}% of the training work
            {p.etaMs !== null ? `, about ${formatMs(p.etaMs)} left` : ""}
          </p>
        </div>
      )}
      {backend && (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer">
            Backend: <strong>{backend.detail}</strong>
          </summary>
          <ul className="mt-1 space-y-0.5">
            {backend.checks.map((c) => (
              <li key={c.name}>
                <strong>{BACKEND_LABELS[c.name]}</strong> ({c.status}): {c.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}
