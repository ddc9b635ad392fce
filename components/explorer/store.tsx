"use client";
/**
 * React access to the explorer's zustand store (lib/state/explorerStore.ts). One store per
 * mounted <ExplorerProvider>, created from the link's query, so server and client renders
 * start from the same state.
 *
 * Sections wrapped in <WhenVisible> read the store through a gate: while the section is on
 * screen (or near it) every change reaches it at once; while it is off screen it gets the
 * latest state only once changes pause (no pointer held, `idleMs` since the last change) or
 * when it scrolls into view. A slider drag then re-renders, lays out and paints only what
 * the user can see. Sections marked `duringDrag="pause"` (tables: text nobody reads while it
 * changes 60 times a second) also wait, while a pointer is held, for the drag to pause.
 */
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";

import {
  createExplorerStore,
  type ExplorerState,
  type ExplorerStore,
} from "@/lib/state/explorerStore";
import type { QueryInput } from "@/lib/state/props";

import { idleTimer } from "./idleTimer";

const Ctx = createContext<ExplorerStore | null>(null);

export function ExplorerProvider({
  initialQuery,
  children,
}: {
  initialQuery: QueryInput;
  children: ReactNode;
}) {
  const [store] = useState(() => createExplorerStore(initialQuery));
  return <Ctx.Provider value={store}>{children}</Ctx.Provider>;
}

export function useExplorerStore(): ExplorerStore {
  const s = useContext(Ctx);
  if (!s) throw new Error("useExplorer must be used inside <ExplorerProvider>");
  return s;
}

/** A read-only view of the store: what a section renders from. */
export interface StoreView {
  readonly subscribe: (onChange: () => void) => () => void;
  readonly getState: () => ExplorerState;
}

const GateCtx = createContext<StoreView | null>(null);

/** Quiet time after which a drag counts as paused and gated sections catch up. */
export const DRAG_PAUSE_MS = 150;

/** The store as the calling section sees it (gated inside <WhenVisible>). */
export function useExplorerView(): StoreView {
  const store = useExplorerStore();
  return useContext(GateCtx) ?? store;
}

/** Subscribes to one slice; re-renders only when that slice changes (Object.is). */
export function useExplorer<T>(selector: (s: ExplorerState) => T): T {
  const view = useExplorerView();
  const get = (): T => selector(view.getState());
  return useSyncExternalStore(view.subscribe, get, get);
}

/**
 * A gate between the store and a section: passes changes through while `visible`;
 * otherwise publishes the latest state once changes pause: `idleMs` after the last change
 * and no pointer held down (a slow drag on a slow machine must not publish between moves).
 */
export function createGate(
  store: ExplorerStore,
  idleMs = 200,
  /** While a pointer is held, publish only when changes pause, even on screen. */
  pauseWhileHeld = false,
): StoreView & {
  setVisible(visible: boolean): void;
  /** Starts following the store (and the pointer); returns the stop function. */
  connect(): () => void;
} {
  let state = store.getState();
  let visible = true;
  let held = false;
  const listeners = new Set<() => void>();
  const publish = (): void => {
    quiet.cancel();
    const next = store.getState();
    if (next === state) return;
    state = next;
    for (const l of listeners) l();
  };
  // On screen, a pause in the drag is enough; off screen, wait for the release too.
  const quiet = idleTimer(() => {
    if (!held || visible) publish();
  }, idleMs);
  const later = (): void => quiet.poke();
  return {
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    getState: () => state,
    setVisible(v) {
      visible = v;
      if (v) publish();
    },
    connect() {
      const unsub = store.subscribe(() =>
        visible && !(pauseWhileHeld && held) ? publish() : later(),
      );
      const down = (): void => {
        held = true;
      };
      const up = (): void => {
        held = false;
        if (store.getState() === state) return;
        if (visible) publish();
        else later();
      };
      window.addEventListener("pointerdown", down, true);
      window.addEventListener("pointerup", up, true);
      window.addEventListener("pointercancel", up, true);
      window.addEventListener("blur", up); // a release outside the window may never arrive
      publish(); // catch up with changes made before the effect ran
      return () => {
        unsub();
        quiet.cancel();
        window.removeEventListener("pointerdown", down, true);
        window.removeEventListener("pointerup", up, true);
        window.removeEventListener("pointercancel", up, true);
        window.removeEventListener("blur", up);
      };
    },
  };
}

/**
 * Renders `children` through a gate that follows the wrapper's visibility (with a margin
 * of 64 px, so a section is current as it scrolls in). Without
 * IntersectionObserver (jsdom, old browsers) the section is always live.
 */
export function WhenVisible({
  children,
  className,
  margin = "64px 0px",
  duringDrag = "live",
}: {
  children: ReactNode;
  className?: string;
  margin?: string;
  /** "pause": while a pointer is held, update only when the drag pauses (DRAG_PAUSE_MS). */
  duringDrag?: "live" | "pause";
}) {
  const store = useExplorerStore();
  const [gate] = useState(() => createGate(store, DRAG_PAUSE_MS, duringDrag === "pause"));
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver(
      (entries) => {
        const e = entries[entries.length - 1];
        if (e) gate.setVisible(e.isIntersecting);
      },
      { rootMargin: margin },
    );
    io.observe(el);
    return () => {
      io.disconnect();
      gate.setVisible(true);
    };
  }, [gate, margin]);
  useEffect(() => gate.connect(), [gate]);
  return (
    // Layout, style and paint containment: a section's per-move changes stay inside it
    // (about 2 ms less paint and layout per slider event, bench/explorer-browser.ts).
    <div ref={box} className={className ? `[contain:content] ${className}` : "[contain:content]"}>
      <GateCtx.Provider value={gate}>{children}</GateCtx.Provider>
    </div>
  );
}
