"use client";
/**
 * Keeps the address bar's query equal to a store's canonical query (history.replaceState,
 * so dragging a slider does not flood the back button) and reloads the store on
 * back/forward. Writes are debounced: `delayMs` after the last change, and at least every
 * `maxWaitMs` while changes keep coming. Each history call costs milliseconds of main-thread
 * time (the App Router patches replaceState and re-renders; Chrome rate-limits them), so a
 * slider drag writes about once a second instead of on every event.
 * Generic: any page with a zustand store exposing a query string and a loader.
 *
 *   useUrlSync(store, (s) => s.query, (q) => store.getState().loadQuery(q));
 */
import { useEffect } from "react";
import type { StoreApi } from "zustand/vanilla";

export function useUrlSync<S>(
  store: StoreApi<S>,
  queryOf: (s: S) => string,
  load: (query: string) => void,
  delayMs = 200,
  maxWaitMs = 1000,
): void {
  useEffect(() => {
    const write = (q: string): void => {
      const url = new URL(window.location.href);
      const next = q ? `?${q}` : "";
      if (url.search === next) return;
      window.history.replaceState(window.history.state, "", `${url.pathname}${next}${url.hash}`);
    };
    write(queryOf(store.getState()));
    let last = queryOf(store.getState());
    let timer: number | null = null;
    /** When the oldest unwritten change happened (null: nothing pending). */
    let pendingSince: number | null = null;
    let lastChange = 0;
    const flush = (): void => {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      pendingSince = null;
      write(last);
    };
    // One pending timer; a change only records its time (no clear/set per slider event).
    const arm = (ms: number): void => {
      timer = window.setTimeout(() => {
        timer = null;
        if (pendingSince === null) return;
        const due = Math.min(lastChange + delayMs, pendingSince + maxWaitMs);
        const left = due - Date.now();
        if (left > 0) arm(left);
        else flush();
      }, ms);
    };
    const unsub = store.subscribe((s) => {
      const q = queryOf(s);
      if (q === last) return;
      last = q;
      lastChange = Date.now();
      pendingSince ??= lastChange;
      if (timer === null) arm(delayMs);
    });
    const onPop = (): void => {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      pendingSince = null;
      load(window.location.search);
      last = queryOf(store.getState());
    };
    window.addEventListener("popstate", onPop);
    window.addEventListener("pagehide", flush);
    return () => {
      unsub();
      flush();
      window.removeEventListener("popstate", onPop);
      window.removeEventListener("pagehide", flush);
    };
  }, [store, queryOf, load, delayMs, maxWaitMs]);
}
