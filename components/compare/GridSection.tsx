"use client";
/**
 * The paper's step 1: a grid over α, β, γ with α·β²·γ² within a tolerance of 2, each triple's
 * φ = 1 network built for real (in a Web Worker, chunked, with progress and Cancel).
 */
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";

import { useWorkerClient } from "@/components/ui/useWorkerClient";
import { isCancelled, WorkerCrashedError, type Job } from "@/components/ui/workerClient";
import { formatCompact, formatInt } from "@/lib/format";
import {
  explorerHref,
  gridSize,
  MAX_GRID_TRIPLES,
  sortGridRows,
  type GridProgress,
  type GridResult,
  type GridSortKey,
} from "@/lib/scaling/grid";

import { createGridWorker, GRID_PROTOCOL } from "./client";
import { NumberField } from "./NumberField";
import { gridSpecOf } from "./state";
import type { CompareStore } from "./store";
import { GridSurface } from "./GridSurface";

const PAGE = 50;
const COLS: { key: GridSortKey; label: string; title: string }[] = [
  { key: "alpha", label: "α", title: "depth base" },
  { key: "beta", label: "β", title: "width base" },
  { key: "gamma", label: "γ", title: "resolution base" },
  { key: "product", label: "α·β²·γ²", title: "nominal FLOPs multiplier per unit of φ" },
  {
    key: "multiplier",
    label: "real MACs ×",
    title: "the φ = 1 network's MACs over the baseline's, after rounding",
  },
  { key: "params", label: "params", title: "trainable parameters of the φ = 1 network" },
  { key: "resolution", label: "res", title: "input resolution round(224·γ)" },
];

export function GridSection({ store }: { store: CompareStore }) {
  const v = useStore(store, (s) => s.values);
  const { spec, notes } = useMemo(() => gridSpecOf(v), [v]);
  const size = gridSize(spec);
  const [progress, setProgress] = useState<GridProgress | null>(null);
  const [result, setResult] = useState<(GridResult & { ms: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const [sort, setSort] = useState<{ key: GridSortKey; desc: boolean }>({
    key: "product",
    desc: false,
  });
  const [page, setPage] = useState(0);
  const client = useWorkerClient(createGridWorker, GRID_PROTOCOL);
  const job = useRef<Job<unknown> | null>(null);

  const run = () => {
    if (size > MAX_GRID_TRIPLES) {
      setError(
        `The grid has ${formatInt(size)} triples; at most ${formatInt(MAX_GRID_TRIPLES)}. Use a larger step or smaller ranges.`,
      );
      return;
    }
    job.current?.cancel();
    setError(null);
    setRunning(true);
    setProgress(null);
    setResult(null);
    setCancelled(false);
    setPage(0);
    const j = client.request(
      { type: "grid", spec },
      {
        onProgress: (m) => {
          if (m.type === "progress" && job.current === j) setProgress(m.progress);
        },
      },
    );
    job.current = j;
    j.promise.then(
      (m) => {
        if (job.current !== j) return;
        setResult({ ...m.result, ms: m.ms });
        setProgress(m.result);
        setRunning(false);
      },
      (e: unknown) => {
        if (job.current !== j || isCancelled(e)) return;
        setError(
          e instanceof WorkerCrashedError
            ? `The grid worker stopped: ${e.message}`
            : e instanceof Error
              ? e.message
              : String(e),
        );
        setRunning(false);
      },
    );
  };
  // Cancel takes effect at once: the job is settled here, so a result the worker was already
  // posting is ignored, and the worker stops at its next chunk boundary.
  const cancel = () => {
    job.current?.cancel();
    setRunning(false);
    setCancelled(true);
  };

  // Re-run when the grid changes (debounced), and once on load.
  const specKey = JSON.stringify(spec);
  useEffect(() => {
    const t = setTimeout(run, 250);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [specKey]);

  const rows = useMemo(() => {
    if (!result) return [];
    if (sort.key === "product" && !sort.desc) {
      return [...result.rows].sort((a, b) => Math.abs(a.product - 2) - Math.abs(b.product - 2));
    }
    return sortGridRows(result.rows, sort.key, sort.desc);
  }, [result, sort]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(page * PAGE, page * PAGE + PAGE);
  const paperIndex = rows.findIndex((r) => r.isPaper);

  return (
    <section aria-labelledby="grid-h" className="space-y-3" data-testid="grid-section">
      <div>
        <h2 id="grid-h" className="text-xl font-semibold">
          Grid search for α, β, γ (the paper&apos;s step 1)
        </h2>
        <p className="max-w-prose text-sm text-muted">
          Fix φ = 1 and keep every triple with |α·β²·γ² − 2| ≤ tolerance. Each row is the real φ = 1
          network (d = α, w = β, resolution = round({224}·γ)) of the chosen baseline; rounding to
          whole blocks, multiples of 8 channels and whole pixels moves its MACs off the nominal 2×.
          The paper&apos;s search picked (1.2, 1.1, 1.15) by accuracy, which needs training; here
          you see the cost side of that choice.
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-3">
        {(
          [
            ["amin", "amax"],
            ["bmin", "bmax"],
            ["gmin", "gmax"],
          ] as const
        ).map(([a, b]) => (
          <div key={a} className="flex items-end gap-1">
            <NumberField store={store} k={a} width="w-20" />
            <NumberField store={store} k={b} width="w-20" />
          </div>
        ))}
        <NumberField store={store} k="step" width="w-20" />
        <NumberField store={store} k="tol" width="w-20" />
        <div className="flex items-center gap-2">
          {running ? (
            <button
              type="button"
              onClick={cancel}
              className="rounded-md border border-border px-3 py-1.5 text-sm"
              data-testid="grid-cancel"
            >
              Cancel
            </button>
          ) : (
            <button
              type="button"
              onClick={run}
              className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white dark:text-slate-900"
              data-testid="grid-run"
            >
              Run
            </button>
          )}
        </div>
        <p className="w-full text-xs text-muted">
          {formatInt(size)} triples on the grid
          {size > MAX_GRID_TRIPLES ? ` (over the ${formatInt(MAX_GRID_TRIPLES)} limit)` : ""}.
          {notes.map((n) => ` ${n}.`)}
        </p>
      </div>
      {progress && (running || !result) ? (
        <div className="space-y-1" data-testid="grid-progress">
          <div className="h-2 w-full overflow-hidden rounded bg-border">
            <div
              className="h-2 bg-accent transition-[width]"
              style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }}
            />
          </div>
          <p className="text-xs text-muted">
            {formatInt(progress.done)} / {formatInt(progress.total)} triples ·{" "}
            {formatInt(progress.feasible)} feasible · {formatInt(progress.networks)} distinct
            networks · {formatInt(progress.builds)} built
            {cancelled ? " · cancelled" : ""}
          </p>
        </div>
      ) : null}
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300"
        >
          {error}
        </p>
      ) : null}
      {result ? (
        <>
          <p className="text-sm" data-testid="grid-summary">
            {formatInt(result.total)} triples,{" "}
            <strong>{formatInt(result.feasible)} feasible</strong>, {formatInt(result.networks)}{" "}
            distinct φ = 1 networks ({formatInt(result.builds)} networks built,{" "}
            {Math.round(result.ms)} ms). Paper&apos;s triple:{" "}
            {result.paper.feasible
              ? `feasible (row ${paperIndex + 1} in this order)`
              : result.paper.onGrid
                ? "on the grid but outside the tolerance (its product is 1.92; use a tolerance ≥ 0.08)"
                : "not on this grid"}
            .
          </p>
          <GridSurface rows={result.rows} />
          <div className="overflow-x-auto rounded-lg border border-border bg-surface">
            <table className="w-full text-sm tabular-nums" data-testid="grid-table">
              <thead className="border-b border-border text-xs text-muted">
                <tr>
                  {COLS.map((c) => (
                    <th
                      key={c.key}
                      className="px-2 py-1.5 text-right font-medium"
                      aria-sort={
                        sort.key === c.key ? (sort.desc ? "descending" : "ascending") : "none"
                      }
                    >
                      <button
                        type="button"
                        title={`${c.title}; click to sort`}
                        data-testid={`sort-${c.key}`}
                        onClick={() => {
                          setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : false }));
                          setPage(0);
                        }}
                        className="hover:text-foreground"
                      >
                        {c.label}
                        {sort.key === c.key ? (sort.desc ? " ▼" : " ▲") : ""}
                      </button>
                    </th>
                  ))}
                  <th className="px-2 py-1.5 text-left font-medium">explorer</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => {
                  const href = explorerHref(spec.model, r);
                  return (
                    <tr
                      key={`${r.alpha}-${r.beta}-${r.gamma}`}
                      data-paper={r.isPaper ? "true" : undefined}
                      className={`border-b border-border/60 ${r.isPaper ? "bg-accent/15 font-semibold" : "hover:bg-border/40"}`}
                    >
                      <td className="px-2 py-1 text-right">{r.alpha}</td>
                      <td className="px-2 py-1 text-right">{r.beta}</td>
                      <td className="px-2 py-1 text-right">{r.gamma}</td>
                      <td className="px-2 py-1 text-right">{r.product.toFixed(4)}</td>
                      <td className="px-2 py-1 text-right">{r.multiplier.toFixed(3)}×</td>
                      <td className="px-2 py-1 text-right">{formatCompact(r.params)}</td>
                      <td className="px-2 py-1 text-right">{r.resolution}</td>
                      <td className="px-2 py-1">
                        <Link
                          href={href}
                          className="text-accent underline-offset-2 hover:underline"
                          data-testid="open-explorer"
                        >
                          open{r.isPaper ? " (paper)" : ""} →
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="flex items-center gap-2 text-sm">
            <button
              type="button"
              disabled={page === 0}
              onClick={() => setPage((p) => p - 1)}
              className="rounded border border-border px-2 py-1 disabled:opacity-40"
            >
              ‹ prev
            </button>
            <span className="text-muted">
              page {page + 1} of {pages} ({formatInt(rows.length)} rows)
            </span>
            <button
              type="button"
              disabled={page >= pages - 1}
              onClick={() => setPage((p) => p + 1)}
              className="rounded border border-border px-2 py-1 disabled:opacity-40"
            >
              next ›
            </button>
            {paperIndex >= 0 ? (
              <button
                type="button"
                onClick={() => setPage(Math.floor(paperIndex / PAGE))}
                className="ml-2 text-accent underline-offset-2 hover:underline"
                data-testid="goto-paper"
              >
                go to the paper&apos;s triple
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
