"use client";
/**
 * /compare: the paper's central claim at any budget. One baseline, one budget, four ways to
 * spend it (depth, width, resolution, compound), solved exactly by the calculator in a Web
 * Worker; then the grid search for α, β, γ.
 */
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useStore } from "zustand";

import { useUrlSync } from "@/components/explorer/useUrlSync";
import { useWorkerClient } from "@/components/ui/useWorkerClient";
import { isCancelled, WorkerCrashedError, type Job } from "@/components/ui/workerClient";
import type { CompareView as View } from "@/lib/estimate/compareView";
import { formatBillions, formatSig } from "@/lib/format";
import { MODEL_IDS } from "@/lib/arch/types";
import { BASELINES } from "@/lib/arch/baselines";
import { flopsBase } from "@/lib/scaling/compound";
import type { QueryInput } from "@/lib/state/props";

import { createGridWorker, GRID_PROTOCOL } from "./client";
import { CompareCharts } from "./CompareCharts";
import { GridSection } from "./GridSection";
import { NumberField } from "./NumberField";
import { budgetOf, BUDGET_KINDS } from "./state";
import { createCompareStore, type CompareState } from "./store";
import { StrategyColumns } from "./StrategyColumns";

const KIND_LABEL = { multiple: "× baseline MACs", macs: "MACs", phi: "φ (compound cost)" } as const;
const queryOf = (s: CompareState) => s.query;

export default function CompareView({ initialQuery }: { initialQuery: QueryInput }) {
  const [store] = useState(() => createCompareStore(initialQuery));
  const values = useStore(store, (s) => s.values);
  const notes = useStore(store, (s) => s.notes);
  const [load] = useState(() => (q: string) => store.getState().loadQuery(q));
  useUrlSync(store, queryOf, load);

  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);
  const client = useWorkerClient(createGridWorker, GRID_PROTOCOL);
  const job = useRef<Job<unknown> | null>(null);

  const { model, alpha, beta, gamma, classes } = values;
  const budget = budgetOf(values);
  const reqKey = JSON.stringify([model, budget, alpha, beta, gamma, classes]);
  useEffect(() => {
    const t = setTimeout(() => {
      // Newer wins: the previous comparison is dropped (the worker answers it, unheard).
      job.current?.cancel();
      const j = client.request({
        type: "compare",
        model,
        budget,
        options: { alpha, beta, gamma, classes },
      });
      job.current = j;
      setBusy(true);
      j.promise.then(
        (m) => {
          if (job.current !== j) return;
          setView(m.view);
          setError(null);
          setBusy(false);
        },
        (e: unknown) => {
          if (job.current !== j || isCancelled(e)) return;
          setError(
            e instanceof WorkerCrashedError
              ? `The comparison worker stopped: ${e.message}`
              : e instanceof Error
                ? e.message
                : String(e),
          );
          setBusy(false);
        },
      );
    }, 120);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reqKey]);

  const c = view?.comparison;
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">
          Compare scaling strategies at equal cost
        </h1>
        <p className="max-w-prose text-muted">
          The paper&apos;s central claim (section 3.3, figure 8): for the same extra FLOPS, growing
          depth, width and resolution together beats growing any one of them. Pick a baseline and a
          budget; each column is the network that spends it one way, solved exactly under the
          counting rules.
        </p>
        <div
          className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-3"
          data-testid="budget-form"
        >
          <label className="flex flex-col text-xs text-muted">
            Baseline
            <select
              value={model}
              data-testid="field-model"
              onChange={(e) => store.getState().set("model", e.currentTarget.value)}
              className="rounded-md border border-border bg-background px-2 py-1 text-sm text-foreground"
            >
              {MODEL_IDS.map((m) => (
                <option key={m} value={m}>
                  {BASELINES[m].name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="flex flex-col text-xs text-muted">
            <legend>Budget as</legend>
            <div className="flex gap-1" role="radiogroup">
              {BUDGET_KINDS.map((k) => (
                <label
                  key={k}
                  className={`cursor-pointer rounded-md border px-2 py-1 text-sm ${values.budget === k ? "border-accent bg-accent/10 text-foreground" : "border-border"}`}
                >
                  <input
                    type="radio"
                    name="budget-kind"
                    value={k}
                    checked={values.budget === k}
                    onChange={() => store.getState().set("budget", k)}
                    className="sr-only"
                    data-testid={`budget-${k}`}
                  />
                  {KIND_LABEL[k]}
                </label>
              ))}
            </div>
          </fieldset>
          <NumberField store={store} k={values.budget === "multiple" ? "x" : values.budget} />
          <NumberField store={store} k="alpha" width="w-20" />
          <NumberField store={store} k="beta" width="w-20" />
          <NumberField store={store} k="gamma" width="w-20" />
          <NumberField store={store} k="classes" width="w-20" />
          <p className="w-full text-xs text-muted">
            α·β²·γ² = {formatSig(flopsBase(alpha, beta, gamma), 4)} (the nominal FLOPS multiplier
            per unit of φ).
            {c ? (
              <>
                {" "}
                Budget:{" "}
                <strong data-testid="budget-summary">
                  {formatBillions(c.targetMacs)} MACs
                </strong> = {formatSig(c.targetMacs / c.baseline.macs, 4)}× {BASELINES[model].name}
                &apos;s {formatBillions(c.baseline.macs)}.
              </>
            ) : null}{" "}
            <Link
              href={`/?model=${model}&phi=1&alpha=${alpha}&beta=${beta}&gamma=${gamma}`}
              className="text-accent hover:underline"
            >
              Open in the explorer
            </Link>
          </p>
        </div>
        {notes.length ? (
          <ul
            className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm"
            data-testid="url-notes"
          >
            {notes.map((n, i) => (
              <li key={i}>Link: {n.message}</li>
            ))}
          </ul>
        ) : null}
        {error ? (
          <p
            role="alert"
            className="rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300"
            data-testid="compare-error"
          >
            {error}
          </p>
        ) : null}
        <div aria-live="polite" className="text-xs text-muted" data-testid="compare-status">
          {busy ? "Solving the four configurations…" : view ? "" : ""}
        </div>
        {view ? (
          <div className={busy ? "opacity-60 transition-opacity" : "transition-opacity"}>
            <StrategyColumns view={view} />
          </div>
        ) : (
          <div className="h-96 animate-pulse rounded-lg border border-border bg-surface" />
        )}
        {view ? (
          <p className="max-w-prose text-xs text-muted">
            Accuracy: published top-1 where the paper trained this exact network (same rounded
            channels, blocks and input size); otherwise an estimate from a saturating power law in
            FLOPs per strategy, <span className="font-mono">top-1 = 100 − f − (e₀ − f)·x^−k</span>,
            fitted to the {view.fit.n} published points of tables 2, 3 and 7 (f ={" "}
            {view.fit.floor.toFixed(1)}%, k<sub>depth</sub> = {view.fit.exponents.depth?.toFixed(3)}
            , k<sub>width</sub> = {view.fit.exponents.width?.toFixed(3)}, k<sub>res</sub> ={" "}
            {view.fit.exponents.resolution?.toFixed(3)}, k<sub>compound</sub> ={" "}
            {view.fit.exponents.compound?.toFixed(3)}). Leave-one-out error over all points: mean{" "}
            <span data-testid="loo-mae">{view.fit.looMae.toFixed(2)}</span> pp, worst{" "}
            {view.fit.looMax.toFixed(2)} pp. No estimate is given outside the range the published
            points of that baseline and strategy cover. The ResNet-50 d=4 / w=2 FLOPS of table 3 are
            read swapped (they look swapped in the paper).
          </p>
        ) : null}
      </section>

      {view ? (
        <section aria-labelledby="curves-h" className="space-y-3">
          <h2 id="curves-h" className="text-xl font-semibold">
            Curves
          </h2>
          <CompareCharts view={view} />
        </section>
      ) : null}

      <GridSection store={store} />
    </div>
  );
}
