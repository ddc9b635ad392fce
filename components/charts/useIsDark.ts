"use client";
/** Whether <html> has the `dark` class (charts need concrete colours, not CSS variables). */
import { useSyncExternalStore } from "react";

function subscribe(cb: () => void): () => void {
  const o = new MutationObserver(cb);
  o.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => o.disconnect();
}

export function useIsDark(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
}

export interface ChartTheme {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly efficientnet: string;
  readonly others: string;
  readonly you: string;
}

export const CHART_THEMES: Readonly<Record<"light" | "dark", ChartTheme>> = {
  light: {
    background: "#ffffff",
    text: "#0f172a",
    muted: "#475569",
    grid: "#e2e8f0",
    efficientnet: "#dc2626",
    others: "#64748b",
    you: "#4f46e5",
  },
  dark: {
    background: "#111827",
    text: "#e2e8f0",
    muted: "#94a3b8",
    grid: "#1e293b",
    efficientnet: "#f87171",
    others: "#94a3b8",
    you: "#a5b4fc",
  },
};
