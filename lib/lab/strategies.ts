/**
 * The Lab's strategies: the unscaled base (the reference) plus the four of the budget solver
 * (lib/scaling/invert.ts). One entry per kind; pages, CLI and results read this table.
 */
import { STRATEGIES, type Strategy } from "../scaling/invert";

export const LAB_STRATEGIES = ["base", ...STRATEGIES] as const;
export type LabStrategy = (typeof LAB_STRATEGIES)[number];

export interface StrategyInfo {
  readonly label: string;
  /** What is scaled, in words for the page. */
  readonly scales: string;
}

export const STRATEGY_INFO: Readonly<Record<LabStrategy, StrategyInfo>> = {
  base: { label: "Base", scales: "nothing: the reference network" },
  depth: { label: "Depth", scales: "more blocks per stage" },
  width: { label: "Width", scales: "more channels per layer" },
  resolution: { label: "Resolution", scales: "larger input images" },
  compound: { label: "Compound", scales: "depth, width and resolution together (α, β, γ)" },
};

export function isLabStrategy(v: unknown): v is LabStrategy {
  return typeof v === "string" && (LAB_STRATEGIES as readonly string[]).includes(v);
}

/** The solver's strategy for a scaled run (null for the base). */
export function solverStrategy(s: LabStrategy): Strategy | null {
  return s === "base" ? null : s;
}
