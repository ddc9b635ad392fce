/**
 * The Lab's strategies: the unscaled base (the reference), the four of the budget solver
 * (lib/scaling/invert.ts), and three ablations of compound scaling (compound with one
 * dimension held at the base). One entry per kind; pages, CLI, planner and results read
 * this table.
 */
import { PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA } from "../scaling/compound";
import { STRATEGIES, type Strategy } from "../scaling/invert";

export const LAB_STRATEGIES = [
  "base",
  ...STRATEGIES,
  "no-depth",
  "no-width",
  "no-resolution",
] as const;
export type LabStrategy = (typeof LAB_STRATEGIES)[number];

/** What an experiment trains unless told otherwise: the paper's comparison (figure 8). */
export const DEFAULT_STRATEGIES: readonly LabStrategy[] = ["base", ...STRATEGIES];

/** How the budget solver finds a strategy's network: its family and compound constants. */
export interface StrategySolve {
  readonly strategy: Strategy;
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}

export interface StrategyInfo {
  readonly label: string;
  /** What is scaled, in words for the page. */
  readonly scales: string;
  /** null for the base (not scaled). */
  readonly solve: StrategySolve | null;
}

const paper = { alpha: PAPER_ALPHA, beta: PAPER_BETA, gamma: PAPER_GAMMA };
/**
 * An ablation is compound scaling with one constant set to 1: that dimension stays at the
 * base, the other two grow in the paper's ratio until the budget is met.
 */
const without = (c: Partial<Omit<StrategySolve, "strategy">>): StrategySolve => ({
  strategy: "compound",
  ...paper,
  ...c,
});

export const STRATEGY_INFO: Readonly<Record<LabStrategy, StrategyInfo>> = {
  base: { label: "Base", scales: "nothing: the reference network", solve: null },
  depth: {
    label: "Depth",
    scales: "more blocks per stage",
    solve: { strategy: "depth", ...paper },
  },
  width: {
    label: "Width",
    scales: "more channels per layer",
    solve: { strategy: "width", ...paper },
  },
  resolution: {
    label: "Resolution",
    scales: "larger input images",
    solve: { strategy: "resolution", ...paper },
  },
  compound: {
    label: "Compound",
    scales: "depth, width and resolution together (α, β, γ)",
    solve: { strategy: "compound", ...paper },
  },
  "no-depth": {
    label: "Compound without depth",
    scales: "width and resolution together (β, γ); depth stays at the base",
    solve: without({ alpha: 1 }),
  },
  "no-width": {
    label: "Compound without width",
    scales: "depth and resolution together (α, γ); width stays at the base",
    solve: without({ beta: 1 }),
  },
  "no-resolution": {
    label: "Compound without resolution",
    scales: "depth and width together (α, β); resolution stays at the base",
    solve: without({ gamma: 1 }),
  },
};

export function isLabStrategy(v: unknown): v is LabStrategy {
  return typeof v === "string" && (LAB_STRATEGIES as readonly string[]).includes(v);
}
