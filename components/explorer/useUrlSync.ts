"use client";
/**
 * Keeps the address bar's query equal to a store's canonical query (history.replaceState,
 * so dragging a slider does not flood the back button) and reloads the store on
 * back/forward. Generic: any page with a zustand store exposing a query string and a loader.
 *
 *   useUrlSync(store, (s) => s.query, (q) => store.getState().loadQuery(q));
 */
import { useEffect } from "react";
import type { StoreApi } from "zustand/vanilla";

export function useUrlSync<S>(
  store: StoreApi<S>,
  queryOf: (s: S) => string,
  load: (query: string) => void,
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
    const unsub = store.subscribe((s) => {
      const q = queryOf(s);
      if (q !== last) {
        last = q;
        write(q);
      }
    });
    const onPop = (): void => load(window.location.search);
    window.addEventListener("popstate", onPop);
    return () => {
      unsub();
      window.removeEventListener("popstate", onPop);
    };
  }, [store, queryOf, load]);
}
