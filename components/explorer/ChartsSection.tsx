"use client";
/**
 * Figures 5 and 1 with the user's network marked. The charts read the marker through a
 * subscription (MarkerSource), so a slider move re-renders only the marker, never the
 * charts themselves: a recharts redraw costs far more than the calculation.
 */
import { useTranslations } from "next-intl";
import { useMemo } from "react";

import type { CurrentMarker, MarkerSource } from "@/components/charts/AccuracyChart";
import { LazyAccuracyChart } from "@/components/charts/LazyAccuracyChart";
import { TABLE2 } from "@/lib/paper";
import type { ExplorerState } from "@/lib/state/explorerStore";

import { useExplorer, useExplorerView, type StoreView } from "./store";

function publishedTop1(s: ExplorerState): number | null {
  if (s.params.mode !== "preset" || s.params.values.classes !== 1000) return null;
  return TABLE2.find((m) => m.efficientnet === s.params.values.preset)?.top1 ?? null;
}

/** A cached marker view of the explorer store (same object until a marker field changes). */
export function markerSource(store: StoreView): MarkerSource {
  let last: CurrentMarker | null = null;
  return {
    subscribe: (cb) => store.subscribe(cb),
    get: () => {
      const s = store.getState();
      const flopsB = s.calc.totals.macs / 1e9;
      const paramsM = s.calc.totals.trainableParams / 1e6;
      const top1 = publishedTop1(s);
      if (
        !last ||
        last.flopsB !== flopsB ||
        last.paramsM !== paramsM ||
        last.label !== s.name ||
        last.top1 !== top1
      ) {
        last = { flopsB, paramsM, label: s.name, top1 };
      }
      return last;
    },
  };
}

export function ChartsSection() {
  const view = useExplorerView();
  const source = useMemo(() => markerSource(view), [view]);
  const preset = useExplorer((s) => s.params.mode === "preset");
  const t = useTranslations("explorer.charts");
  return (
    <section aria-labelledby="charts-h" className="space-y-2">
      <h2 id="charts-h" className="text-lg font-semibold">
        {t("heading")} <span className="text-sm font-normal text-muted">{t("table")}</span>
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <LazyAccuracyChart metric="flops" marker={source} />
        <LazyAccuracyChart metric="params" marker={source} />
      </div>
      <p className="text-xs text-muted">{t(preset ? "captionPreset" : "caption")}</p>
    </section>
  );
}
