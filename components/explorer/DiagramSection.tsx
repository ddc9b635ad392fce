"use client";
/** The figure-2 style diagram of the scaled network, with the baseline outline toggle. */
import { useEffect, useState, useDeferredValue } from "react";

import { ArchitectureDiagram } from "@/components/diagram/ArchitectureDiagram";

import { useExplorer } from "./store";

export function DiagramSection() {
  // Deferred: while a slider is dragged React may skip stale diagram renders.
  const stages = useDeferredValue(useExplorer((s) => s.calc.stages));
  const base = useExplorer((s) => s.baseline.stages);
  const name = useExplorer((s) => s.name);
  const baseName = useExplorer((s) => s.baseline.spec.name);
  const show = useExplorer((s) => s.showBaseline);
  const setShow = useExplorer((s) => s.setShowBaseline);
  const dragging = useDragging();
  return (
    <section
      aria-labelledby="diagram-h"
      className="space-y-2 rounded-lg border border-border bg-surface p-3"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="diagram-h" className="text-sm font-semibold">
          Architecture <span className="font-normal text-muted">(after paper figure 2)</span>
        </h2>
        <label className="flex items-center gap-2 text-xs">
          <input
            type="checkbox"
            checked={show}
            data-testid="toggle-baseline"
            onChange={(e) => setShow(e.currentTarget.checked)}
            className="accent-[var(--accent)]"
          />
          Overlay baseline ({baseName})
        </label>
      </div>
      <div className="overflow-x-auto">
        <ArchitectureDiagram
          stages={stages}
          baseline={base}
          showBaseline={show}
          label={name}
          baselineLabel={baseName}
          animate={!dragging}
          className="h-auto w-full min-w-[520px] text-foreground"
        />
      </div>
      <p className="text-xs text-muted">
        One column per stage; one slab per block. Slab height ∝ resolution, width ∝ √channels; under
        each stage: blocks, channels, resolution.
        {show ? " Dashed: the baseline." : ""}
      </p>
    </section>
  );
}

/** True while a pointer is held down on a range slider anywhere on the page. */
function useDragging(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const down = (e: PointerEvent): void => {
      if (e.target instanceof HTMLInputElement && e.target.type === "range") setDragging(true);
    };
    const up = (): void => setDragging(false);
    window.addEventListener("pointerdown", down, true);
    window.addEventListener("pointerup", up, true);
    window.addEventListener("pointercancel", up, true);
    return () => {
      window.removeEventListener("pointerdown", down, true);
      window.removeEventListener("pointerup", up, true);
      window.removeEventListener("pointercancel", up, true);
    };
  }, []);
  return dragging;
}
