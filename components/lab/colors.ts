/** One colour per Lab strategy (the /compare colours, plus grey for the base). */
import { STRATEGY_COLOR } from "@/components/compare/StrategyColumns";
import type { LabStrategy } from "@/lib/lab/strategies";

export const LAB_COLOR: Readonly<Record<LabStrategy, string>> = {
  base: "#64748b",
  ...STRATEGY_COLOR,
  // Ablations of compound: compound's hue, lighter or darker.
  "no-depth": "#f9a8d4",
  "no-width": "#be185d",
  "no-resolution": "#fb7185",
};

export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
