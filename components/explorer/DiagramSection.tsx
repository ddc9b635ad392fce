"use client";
/** The figure-2 style diagram of the scaled network, with the baseline outline toggle. */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type RefObject,
} from "react";
import { useTranslations } from "next-intl";

import { ArchitectureDiagram } from "@/components/diagram/ArchitectureDiagram";
import { DiagramCanvas } from "@/components/diagram/DiagramCanvas";

import { useDataTag } from "./rich";
import { DRAG_PAUSE_MS, useExplorer } from "./store";

export function DiagramSection() {
  const data = useDataTag();
  const stages = useExplorer((s) => s.calc.stages);
  const base = useExplorer((s) => s.baseline.stages);
  const name = useExplorer((s) => s.name);
  const baseName = useExplorer((s) => s.baseline.spec.name);
  const show = useExplorer((s) => s.showBaseline);
  const setShow = useExplorer((s) => s.setShowBaseline);
  // Stable, so a move (which re-renders this section) does not make React rewrite the
  // checkbox's attributes.
  const onToggle = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => setShow(e.currentTarget.checked),
    [setShow],
  );
  const box = useRef<HTMLDivElement>(null);
  const held = useHeldHeight(box);
  const now = useMemo(() => ({ stages, name }), [stages, name]);
  // While the drag moves, the SVG keeps the drawing from before the move (and is not
  // rendered again: same props) while the canvas over it follows every move.
  const settled = useSettledWhileHeld(now, held !== null);
  const moving = settled !== now;
  const style = useMemo(() => (held === null ? undefined : { height: held }), [held]);
  const t = useTranslations("explorer.diagram");
  return (
    <section
      aria-labelledby="diagram-h"
      className="space-y-2 rounded-lg border border-border bg-surface p-3"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="diagram-h" className="text-sm font-semibold">
          {t("heading")} <span className="font-normal text-muted">{t("after")}</span>
        </h2>
        <label className="flex items-center gap-2 text-xs">
          <input
            type="checkbox"
            checked={show}
            data-testid="toggle-baseline"
            onChange={onToggle}
            className="accent-[var(--accent)]"
          />
          {t.rich("overlay", { name: baseName, data })}
        </label>
      </div>
      <div className="overflow-x-auto" ref={box} tabIndex={0}>
        <div className="relative min-w-[520px] text-foreground">
          <ArchitectureDiagram
            stages={settled.stages}
            baseline={base}
            showBaseline={show}
            label={settled.name}
            baselineLabel={baseName}
            animate={held === null}
            labels={!moving}
            slabs={!moving}
            className="h-auto w-full"
            style={style}
          />
          {moving && <DiagramCanvas stages={stages} baseline={base} showBaseline={show} />}
        </div>
      </div>
      <p className="text-xs text-muted">{t(show ? "captionDashed" : "caption")}</p>
    </section>
  );
}

/**
 * While a pointer is held down on a range slider anywhere on the page: the diagram's height
 * when the drag began, else null. The drawing's aspect ratio changes with the network; held
 * at a fixed height (the SVG scales to fit), it does not push the rest of the page up and
 * down on every move, which would lay out and repaint everything below it per event.
 */
function useHeldHeight(box: RefObject<HTMLElement | null>): number | null {
  const [held, setHeld] = useState<number | null>(null);
  useEffect(() => {
    const down = (e: PointerEvent): void => {
      if (!(e.target instanceof HTMLInputElement && e.target.type === "range")) return;
      const svg = box.current?.querySelector("svg");
      if (svg) setHeld(svg.getBoundingClientRect().height);
    };
    const up = (): void => setHeld(null);
    window.addEventListener("pointerdown", down, true);
    window.addEventListener("pointerup", up, true);
    window.addEventListener("pointercancel", up, true);
    return () => {
      window.removeEventListener("pointerdown", down, true);
      window.removeEventListener("pointerup", up, true);
      window.removeEventListener("pointercancel", up, true);
    };
  }, [box]);
  return held;
}

/**
 * `value` when no pointer is held; while `held`, the value as it was when changes last
 * paused for DRAG_PAUSE_MS. A new object only when the drag starts moving and at each pause,
 * so whatever renders from it stays still between those.
 */
function useSettledWhileHeld<T>(value: T, held: boolean): T {
  const [settled, setSettled] = useState(value);
  // Not dragging: follow the value during render (React's "adjust state on a prop change").
  if (!held && settled !== value) setSettled(value);
  useEffect(() => {
    if (!held || value === settled) return;
    const t = setTimeout(() => setSettled(value), DRAG_PAUSE_MS);
    return () => clearTimeout(t);
  }, [value, held, settled]);
  return held ? settled : value;
}
