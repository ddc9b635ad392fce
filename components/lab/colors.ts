/** One colour per Lab strategy (the /compare colours, plus grey for the base). */
import { STRATEGY_COLOR } from "@/components/compare/StrategyColumns";
import type { LabStrategy } from "@/lib/lab/strategies";

export const LAB_COLOR: Readonly<Record<LabStrategy, string>> = {
  base: "#64748b",
  ...STRATEGY_COLOR,
};

export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}
