"use client";
/**
 * The paper's step 1: a grid over α, β, γ with α·β²·γ² within a tolerance of 2, each triple's
 * φ = 1 network built for real (in a Web Worker, chunked, with progress and Cancel).
 */
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";

import { useWorkerClient } from "@/components/ui/useWorkerClient";
import { failureText, isCancelled, type Job } from "@/components/ui/workerClient";
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
import { ErrorDetail, MsgText } from "@/components/i18n/MsgText";

const PAGE = 50;
/** Columns: symbol columns show their symbol; the others a translated label (grid.col.*Label). */
const COLS: { key: GridSortKey; symbol?: string }[] = [
  { key: "alpha", symbol: "α" },
  { key: "beta", symbol: "β" },
  { key: "gamma", symbol: "γ" },
  { key: "product", symbol: "α·β²·γ²" },
  { key: "multiplier" },
  { key: "params" },
  { key: "resolution" },
];

type GridError = { readonly kind: "tooBig" } | { readonly kind: "failed"; readonly text: string };

export function GridSection({ store }: { store: CompareStore }) {
  const t = useTranslations("compare.grid");
  const v = useStore(store, (s) => s.values);
  const { spec, notes } = useMemo(() => gridSpecOf(v), [v]);
  const size = gridSize(spec);
  const [progress, setProgress] = useState<GridProgress | null>(null);
  const [result, setResult] = useState<(GridResult & { ms: number }) | null>(null);
  const [error, setError] = useState<GridError | null>(null);
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
      setError({ kind: "tooBig" });
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
        setError({ kind: "failed", text: failureText(e, "grid worker") });
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
          {t("title")}
        </h2>
        <p className="max-w-prose text-sm text-muted">{t("intro")}</p>
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
              {t("cancel")}
            </button>
          ) : (
            <button
              type="button"
              onClick={run}
              className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white dark:text-slate-900"
              data-testid="grid-run"
            >
              {t("run")}
            </button>
          )}
        </div>
        <p className="w-full text-xs text-muted">
          {t("size", {
            size: formatInt(size),
            over: size > MAX_GRID_TRIPLES ? "yes" : "no",
            limit: formatInt(MAX_GRID_TRIPLES),
          })}
          {notes.map((n, i) => (
            <span key={i}>
              {" "}
              <MsgText m={n.msg} english={n.text} />
              {t("end")}
            </span>
          ))}
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
            {t("progress", {
              done: formatInt(progress.done),
              total: formatInt(progress.total),
              feasible: formatInt(progress.feasible),
              networks: formatInt(progress.networks),
              builds: formatInt(progress.builds),
              cancelled: cancelled ? "yes" : "no",
            })}
          </p>
        </div>
      ) : null}
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300"
        >
          {error.kind === "tooBig" ? (
            t("tooBig", { size: formatInt(size), limit: formatInt(MAX_GRID_TRIPLES) })
          ) : (
            <ErrorDetail lead={t("workerFailed")} detail={error.text} />
          )}
        </p>
      ) : null}
      {result ? (
        <>
          <p className="text-sm" data-testid="grid-summary">
            {t.rich("summary", {
              b: (chunks) => <strong>{chunks}</strong>,
              total: formatInt(result.total),
              feasible: formatInt(result.feasible),
              networks: formatInt(result.networks),
              builds: formatInt(result.builds),
              ms: Math.round(result.ms),
              paper: result.paper.feasible
                ? t("paperFeasible", { row: paperIndex + 1 })
                : result.paper.onGrid
                  ? t("paperOutside")
                  : t("paperOff"),
            })}
          </p>
          <GridSurface rows={result.rows} />
          <div className="overflow-x-auto rounded-lg border border-border bg-surface" tabIndex={0}>
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
                        title={t("col.sortTitle", { title: t(`col.${c.key}`) })}
                        data-testid={`sort-${c.key}`}
                        onClick={() => {
                          setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : false }));
                          setPage(0);
                        }}
                        className="hover:text-foreground"
                      >
                        {c.symbol ?? t(`col.${c.key}Label` as "col.paramsLabel")}
                        {sort.key === c.key ? (sort.desc ? " ▼" : " ▲") : ""}
                      </button>
                    </th>
                  ))}
                  <th className="px-2 py-1.5 text-left font-medium">{t("explorer")}</th>
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
                          className="text-accent underline underline-offset-2"
                          data-testid="open-explorer"
                        >
                          {t("open", { paper: r.isPaper ? "yes" : "no" })}
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
              {t("prev")}
            </button>
            <span className="text-muted">
              {t("page", { page: page + 1, pages, rows: formatInt(rows.length) })}
            </span>
            <button
              type="button"
              disabled={page >= pages - 1}
              onClick={() => setPage((p) => p + 1)}
              className="rounded border border-border px-2 py-1 disabled:opacity-40"
            >
              {t("next")}
            </button>
            {paperIndex >= 0 ? (
              <button
                type="button"
                onClick={() => setPage(Math.floor(paperIndex / PAGE))}
                className="ml-2 text-accent underline underline-offset-2"
                data-testid="goto-paper"
              >
                {t("gotoPaper")}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
