"use client";
/**
 * Figures 5 and 1 with the user's network marked. Redrawing a chart costs far more than the
 * calculation, so during a drag the marker follows at most every THROTTLE_MS (trailing).
 */
import { useEffect, useMemo, useRef, useState } from "react";

import { LazyAccuracyChart } from "@/components/charts/LazyAccuracyChart";
import type { CurrentMarker } from "@/components/charts/AccuracyChart";
import { TABLE2 } from "@/lib/paper";

import { useExplorer } from "./store";

export function ChartsSection() {
  const macs = useExplorer((s) => s.calc.totals.macs);
  const params = useExplorer((s) => s.calc.totals.trainableParams);
  const name = useExplorer((s) => s.name);
  const mode = useExplorer((s) => s.params.mode);
  const preset = useExplorer((s) => s.params.values.preset);
  const classes = useExplorer((s) => s.params.values.classes);
  const marker = useMemo<CurrentMarker>(() => {
    const published = mode === "preset" && classes === 1000 ? TABLE2.find((m) => m.efficientnet === preset) : undefined;
    return { flopsB: macs / 1e9, paramsM: params / 1e6, label: name, top1: published?.top1 ?? null };
  }, [macs, params, name, mode, preset, classes]);
  const current = useThrottled(marker, THROTTLE_MS);
  return (
    <section aria-labelledby="charts-h" className="space-y-2">
      <h2 id="charts-h" className="text-lg font-semibold">
        Where it sits among published models{" "}
        <span className="text-sm font-normal text-muted">(paper table 2)</span>
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <LazyAccuracyChart metric="flops" current={current} />
        <LazyAccuracyChart metric="params" current={current} />
      </div>
      <p className="text-xs text-muted">
        Your network is marked at its calculated FLOPS (multiply-adds, as the paper counts them)
        and trainable parameters; its accuracy is unknown until trained, so it is a line, not a
        point{mode === "preset" ? " (the star is the preset's published accuracy)" : ""}.
      </p>
    </section>
  );
}

const THROTTLE_MS = 120;

/** `value`, updated at most every `ms` (the latest value always lands). */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - Date.now();
    const t = window.setTimeout(
      () => {
        last.current = Date.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return shown;
}
