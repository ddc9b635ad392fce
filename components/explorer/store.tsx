"use client";
/**
 * React access to the explorer's zustand store (lib/state/explorerStore.ts). One store per
 * mounted <ExplorerProvider>, created from the link's query, so server and client renders
 * start from the same state.
 */
import { createContext, useContext, useState, type ReactNode } from "react";
import { useStore } from "zustand";

import {
  createExplorerStore,
  type ExplorerState,
  type ExplorerStore,
} from "@/lib/state/explorerStore";
import type { QueryInput } from "@/lib/state/props";

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

/** Subscribes to one slice; re-renders only when that slice changes (Object.is). */
export function useExplorer<T>(selector: (s: ExplorerState) => T): T {
  return useStore(useExplorerStore(), selector);
}
