"use client";
/**
 * React access to the /cam settings store (lib/state/cam.ts), created from the link's query
 * and mirrored back into the URL (the explorer's useUrlSync).
 */
import { createContext, useContext, useState, type ReactNode } from "react";
import type { StoreApi } from "zustand/vanilla";
import { useStore } from "zustand";

import { type CamSettingsState, createCamStore } from "@/lib/state/cam";
import type { QueryInput } from "@/lib/state/props";

import { useUrlSync } from "../explorer/useUrlSync";

const Ctx = createContext<StoreApi<CamSettingsState> | null>(null);

const queryOf = (s: CamSettingsState) => s.query;

export function CamSettingsProvider({
  initialQuery,
  children,
}: {
  initialQuery: QueryInput;
  children: ReactNode;
}) {
  const [store] = useState(() => createCamStore(initialQuery));
  const [load] = useState(() => (q: string) => store.getState().load(q));
  useUrlSync(store, queryOf, load);
  return <Ctx.Provider value={store}>{children}</Ctx.Provider>;
}

export function useCamSettings<T>(select: (s: CamSettingsState) => T): T {
  const store = useContext(Ctx);
  if (!store) throw new Error("useCamSettings must be used inside <CamSettingsProvider>");
  return useStore(store, select);
}
