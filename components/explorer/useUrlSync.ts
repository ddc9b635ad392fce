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

import { GLOBAL_KEYS, queryString } from "@/lib/state/props";

import { idleTimer } from "./idleTimer";

export function useUrlSync<S>(
  store: StoreApi<S>,
  queryOf: (s: S) => string,
  load: (query: string) => void,
  delayMs = 200,
  maxWaitMs = 1000,
  serverQuery?: string,
): void {
  useEffect(() => {
    // Next's searchParams drop a "__proto__" key; the address bar has the exact link, so
    // it is read once (with its notes) before the canonical query replaces it.
    const exact = queryString(window.location.search);
    if (serverQuery !== undefined && exact !== "" && exact !== serverQuery) load(exact);
    const write = (q: string): void => {
      const url = new URL(window.location.href);
      // Keys every page shares (the language) stay as the link gave them.
      const sp = new URLSearchParams(q);
      const here = new URLSearchParams(url.search);
      for (const k of GLOBAL_KEYS) {
        const v = here.get(k);
        if (v !== null && !sp.has(k)) sp.set(k, v);
      }
      const full = sp.toString();
      const next = full ? `?${full}` : "";
      if (url.search === next) return;
      window.history.replaceState(window.history.state, "", `${url.pathname}${next}${url.hash}`);
    };
    write(queryOf(store.getState()));
    let last = queryOf(store.getState());
    const flush = (): void => {
      pending.cancel();
      write(last);
    };
    const pending = idleTimer(flush, delayMs, maxWaitMs);
    const unsub = store.subscribe((s) => {
      const q = queryOf(s);
      if (q === last) return;
      last = q;
      pending.poke();
    });
    const onPop = (): void => {
      pending.cancel();
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
  }, [store, queryOf, load, delayMs, maxWaitMs, serverQuery]);
}
