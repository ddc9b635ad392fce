"use client";
/**
 * /compare: the paper's central claim at any budget. One baseline, one budget, four ways to
 * spend it (depth, width, resolution, compound), solved exactly by the calculator in a Web
 * Worker; then the grid search for α, β, γ.
 */
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useStore } from "zustand";

import { useUrlSync } from "@/components/explorer/useUrlSync";
import { useWorkerClient } from "@/components/ui/useWorkerClient";
import { failureText, isCancelled, type Job } from "@/components/ui/workerClient";
import type { CompareView as View } from "@/lib/estimate/compareView";
import { formatBillions, formatSig } from "@/lib/format";
import { MODEL_IDS } from "@/lib/arch/types";
import { BASELINES } from "@/lib/arch/baselines";
import { flopsBase } from "@/lib/scaling/compound";
import { explorerHref } from "@/lib/state/explorer";
import { queryString, type QueryInput } from "@/lib/state/props";

import { ErrorDetail, NoteText } from "@/components/i18n/MsgText";

import { createGridWorker, GRID_PROTOCOL } from "./client";
import { CompareCharts } from "./CompareCharts";
import { GridSection } from "./GridSection";
import { NumberField } from "./NumberField";
import { budgetOf, BUDGET_KINDS } from "./state";
import { createCompareStore, type CompareState } from "./store";
import { StrategyColumns } from "./StrategyColumns";

const queryOf = (s: CompareState) => s.query;
/** The fitted law, shown as a formula (the same in both languages). */
const FORMULA = "top-1 = 100 − f − (e₀ − f)·x^−k";
const K = "k";

export default function CompareView({ initialQuery }: { initialQuery: QueryInput }) {
  const tr = useTranslations("compare.view");
  const [store] = useState(() => createCompareStore(initialQuery));
  const values = useStore(store, (s) => s.values);
  const notes = useStore(store, (s) => s.notes);
  const [load] = useState(() => (q: string) => store.getState().loadQuery(q));
  const [serverQuery] = useState(() => queryString(initialQuery));
  useUrlSync(store, queryOf, load, undefined, undefined, serverQuery);

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
          setError(failureText(e, "comparison worker"));
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
        <h1 className="text-3xl font-bold tracking-tight">{tr("title")}</h1>
        <p className="max-w-prose text-muted">{tr("intro")}</p>
        <div
          className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-3"
          data-testid="budget-form"
        >
          <label className="flex flex-col text-xs text-muted">
            {tr("baseline")}
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
            <legend>{tr("budgetAs")}</legend>
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
                  {tr(`kind.${k}`)}
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
            {tr("multiplier", { value: formatSig(flopsBase(alpha, beta, gamma), 4) })}
            {c ? (
              <>
                {" "}
                {tr.rich("budget", {
                  b: (chunks) => <strong data-testid="budget-summary">{chunks}</strong>,
                  macs: formatBillions(c.targetMacs),
                  ratio: formatSig(c.targetMacs / c.baseline.macs, 4),
                  name: BASELINES[model].name,
                  base: formatBillions(c.baseline.macs),
                })}
              </>
            ) : null}{" "}
            <Link
              href={explorerHref(model, { kind: "compound", phi: 1, alpha, beta, gamma })}
              className="text-accent underline underline-offset-2"
            >
              {tr("openExplorer")}
            </Link>
          </p>
        </div>
        {notes.length ? (
          <ul
            className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm"
            data-testid="url-notes"
          >
            {notes.map((n, i) => (
              <li key={i}>
                {tr("linkPrefix")} <NoteText note={n} />
              </li>
            ))}
          </ul>
        ) : null}
        {error ? (
          <p
            role="alert"
            className="rounded-md border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-700 dark:text-red-300"
            data-testid="compare-error"
          >
            <ErrorDetail lead={tr("workerFailed")} detail={error} />
          </p>
        ) : null}
        <div aria-live="polite" className="text-xs text-muted" data-testid="compare-status">
          {busy ? tr("solving") : ""}
        </div>
        {/* The columns' h3s need an h2 above them (heading order). */}
        <h2 className="sr-only">{tr("fourNetworks")}</h2>
        {view ? (
          <div className={busy ? "opacity-60 transition-opacity" : "transition-opacity"}>
            <StrategyColumns view={view} />
          </div>
        ) : (
          <div className="h-96 animate-pulse rounded-lg border border-border bg-surface" />
        )}
        {view ? (
          <p className="max-w-prose text-xs text-muted">
            {tr.rich("accuracyNote", {
              formula: () => (
                <span className="font-mono" translate="no">
                  {FORMULA}
                </span>
              ),
              sym: (chunks) => <span translate="no">{chunks}</span>,
              k: (chunks) => (
                <>
                  <span translate="no">{K}</span>
                  <sub>{chunks}</sub>
                </>
              ),
              loo: (chunks) => <span data-testid="loo-mae">{chunks}</span>,
              n: view.fit.n,
              floor: view.fit.floor.toFixed(1),
              kd: view.fit.exponents.depth?.toFixed(3) ?? "",
              kw: view.fit.exponents.width?.toFixed(3) ?? "",
              kr: view.fit.exponents.resolution?.toFixed(3) ?? "",
              kc: view.fit.exponents.compound?.toFixed(3) ?? "",
              mae: view.fit.looMae.toFixed(2),
              max: view.fit.looMax.toFixed(2),
            })}
          </p>
        ) : null}
      </section>

      {view ? (
        <section aria-labelledby="curves-h" className="space-y-3">
          <h2 id="curves-h" className="text-xl font-semibold">
            {tr("curves")}
          </h2>
          <CompareCharts view={view} />
        </section>
      ) : null}

      <GridSection store={store} />
    </div>
  );
}
