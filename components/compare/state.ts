/**
 * The /compare page's URL state: its own props table on the shared machinery of
 * lib/state/props.ts (parse with notes, serialize, never throw). The budget is a kind plus
 * one number per kind, so each stays a plain typed key:
 *   /compare?model=resnet50&budget=phi&phi=2
 *   /compare?budget=macs&macs=1.8e9&amin=1&amax=2&step=0.05&tol=0.1
 */
import { MODEL_IDS } from "@/lib/arch/types";
import { PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA } from "@/lib/scaling/compound";
import { BUDGET_MACS, BUDGET_MULTIPLE, type Budget } from "@/lib/scaling/compare";
import { DEFAULT_GRID, type GridSpec } from "@/lib/scaling/grid";
import { type Msg, msg } from "@/lib/i18n/msg";
import { LIMITS } from "@/lib/scaling/limits";
import {
  defaults,
  defineProps,
  enumProp,
  numberProp,
  parseQuery,
  serializeQuery,
  type QueryInput,
  type StateNote,
  type ValuesOf,
} from "@/lib/state/props";

export const BUDGET_KINDS = ["multiple", "macs", "phi"] as const;

export const COMPARE_PROPS = defineProps({
  model: enumProp(MODEL_IDS, "efficientnet", "Baseline network"),
  budget: enumProp(BUDGET_KINDS, "multiple", "Budget given as"),
  x: numberProp({ label: "× baseline MACs", ...BUDGET_MULTIPLE, default: 4, digits: 5 }),
  macs: numberProp({ label: "MACs", ...BUDGET_MACS, default: 1.8e9, digits: 6 }),
  phi: numberProp({ label: "φ", ...LIMITS.phi, default: 2, digits: 5 }),
  alpha: numberProp({ label: "α", ...LIMITS.alpha, default: PAPER_ALPHA, digits: 5 }),
  beta: numberProp({ label: "β", ...LIMITS.beta, default: PAPER_BETA, digits: 5 }),
  gamma: numberProp({ label: "γ", ...LIMITS.gamma, default: PAPER_GAMMA, digits: 5 }),
  classes: numberProp({ label: "Classes", ...LIMITS.classes, default: 1000, integer: true }),
  amin: numberProp({
    label: "α from",
    ...LIMITS.alpha,
    default: DEFAULT_GRID.alpha.min,
    digits: 5,
  }),
  amax: numberProp({ label: "α to", ...LIMITS.alpha, default: DEFAULT_GRID.alpha.max, digits: 5 }),
  bmin: numberProp({ label: "β from", ...LIMITS.beta, default: DEFAULT_GRID.beta.min, digits: 5 }),
  bmax: numberProp({ label: "β to", ...LIMITS.beta, default: DEFAULT_GRID.beta.max, digits: 5 }),
  gmin: numberProp({
    label: "γ from",
    ...LIMITS.gamma,
    default: DEFAULT_GRID.gamma.min,
    digits: 5,
  }),
  gmax: numberProp({ label: "γ to", ...LIMITS.gamma, default: DEFAULT_GRID.gamma.max, digits: 5 }),
  step: numberProp({
    label: "Step",
    min: 0.001,
    max: 1,
    default: DEFAULT_GRID.alpha.step,
    digits: 5,
  }),
  tol: numberProp({
    label: "Tolerance",
    min: 0,
    max: 10,
    default: DEFAULT_GRID.tolerance,
    digits: 5,
  }),
});

export type CompareValues = ValuesOf<typeof COMPARE_PROPS>;
export const COMPARE_DEFAULTS: CompareValues = defaults(COMPARE_PROPS);
export type CompareKey = keyof typeof COMPARE_PROPS & string;

export function parseCompareQuery(q: QueryInput): {
  values: CompareValues;
  notes: readonly StateNote[];
} {
  const { values, notes } = parseQuery(COMPARE_PROPS, q);
  return { values, notes };
}

/** The canonical query: only the active budget key, defaults omitted. */
export function compareQuery(v: CompareValues): string {
  const keys = Object.keys(COMPARE_PROPS).filter(
    (k) => !(["x", "macs", "phi"] as const).some((b) => b === k && b !== budgetKey(v.budget)),
  ) as CompareKey[];
  return serializeQuery(COMPARE_PROPS, v, { keys, omitDefaults: true });
}

function budgetKey(kind: CompareValues["budget"]): "x" | "macs" | "phi" {
  return kind === "multiple" ? "x" : kind;
}

export function budgetOf(v: CompareValues): Budget {
  switch (v.budget) {
    case "multiple":
      return { kind: "multiple", factor: v.x };
    case "macs":
      return { kind: "macs", macs: v.macs };
    case "phi":
      return { kind: "phi", phi: v.phi };
  }
}

/** Grid ranges from the state; a reversed range is swapped (with a note) rather than refused. */
export interface GridNote {
  readonly text: string;
  readonly msg: Msg;
}

export function gridSpecOf(v: CompareValues): { spec: GridSpec; notes: GridNote[] } {
  const notes: GridNote[] = [];
  const range = (name: string, a: number, b: number) => {
    if (a > b) {
      notes.push({
        text: `${name} range ${a}..${b} is reversed; using ${b}..${a}`,
        msg: msg("compare.fields.reversed", { name, from: String(a), to: String(b) }),
      });
    }
    return { min: Math.min(a, b), max: Math.max(a, b), step: v.step };
  };
  return {
    spec: {
      model: v.model,
      alpha: range("α", v.amin, v.amax),
      beta: range("β", v.bmin, v.bmax),
      gamma: range("γ", v.gmin, v.gmax),
      tolerance: v.tol,
      target: 2,
      classes: v.classes,
    },
    notes,
  };
}
