/**
 * The /lab page's URL state, a props table on lib/state/props.ts (typed, never throws, a note
 * for every correction), and its mapping to an ExperimentDef:
 *   /lab?model=efficientnet&width=0.25&depth=0.25&resolution=64&budget=2&epochs=6&seeds=1
 *   /lab?runs=base,compound   (strategies as a comma list; an unknown name is dropped with a note)
 */
import { MODEL_IDS } from "../arch/types";
import { msg } from "../i18n/msg";
import { BACKEND_NAMES } from "../tfjs/backend-info";
import { BUDGET_MACS } from "../scaling/compare";
import { LIMITS, minResolution } from "../scaling/limits";
import { ConfigError } from "../scaling/request";
import {
  defineProps,
  enumProp,
  numberProp,
  parseQuery,
  serializeQuery,
  toSearchParams,
  type QueryInput,
  type StateNote,
  type ValuesOf,
} from "../state/props";
import { LAB_DEFAULTS, LAB_LIMITS } from "./defaults";
import { parseExperiment, type ExperimentDef } from "./experiment";
import { DEFAULT_STRATEGIES, LAB_STRATEGIES, type LabStrategy } from "./strategies";

export const LAB_PROPS = defineProps({
  model: enumProp(MODEL_IDS, "efficientnet", "Baseline network"),
  width: numberProp({
    label: "Base width w",
    min: LIMITS.width.min,
    max: LAB_LIMITS.baseWidthMax,
    default: LAB_DEFAULTS.baseWidth,
    digits: 5,
  }),
  depth: numberProp({
    label: "Base depth d",
    min: LIMITS.depth.min,
    max: LAB_LIMITS.baseDepthMax,
    default: LAB_DEFAULTS.baseDepth,
    digits: 5,
  }),
  resolution: numberProp({
    label: "Base resolution (px)",
    min: 32,
    max: LAB_LIMITS.baseResolutionMax,
    default: LAB_DEFAULTS.baseResolution,
    integer: true,
  }),
  budget: numberProp({
    label: "Budget (× base MACs)",
    min: 1,
    max: LAB_LIMITS.budgetFactorMax,
    default: LAB_DEFAULTS.budgetFactor,
    digits: 4,
  }),
  /** Absolute MAC budget; 0 = use the multiple. */
  macs: numberProp({
    label: "Budget (MACs, 0 = use the multiple)",
    min: 0,
    max: BUDGET_MACS.max,
    default: 0,
    digits: 6,
  }),
  epochs: numberProp({
    label: "Epochs",
    min: 1,
    max: LAB_LIMITS.epochsMax,
    default: LAB_DEFAULTS.epochs,
    integer: true,
  }),
  batch: numberProp({
    label: "Batch size",
    min: 1,
    max: LAB_LIMITS.batchMax,
    default: LAB_DEFAULTS.batch,
    integer: true,
  }),
  train: numberProp({
    label: "Training images",
    min: 2,
    max: LAB_LIMITS.imagesMax,
    default: LAB_DEFAULTS.trainImages,
    integer: true,
  }),
  test: numberProp({
    label: "Test images",
    min: 1,
    max: LAB_LIMITS.imagesMax,
    default: LAB_DEFAULTS.testImages,
    integer: true,
  }),
  seeds: numberProp({
    label: "Seeds per strategy",
    min: 1,
    max: LAB_LIMITS.seedsMax,
    default: 1,
    integer: true,
  }),
  seed: numberProp({
    label: "First seed",
    min: 0,
    max: 1_000_000,
    default: LAB_DEFAULTS.seed,
    integer: true,
  }),
  backend: enumProp(["auto", ...BACKEND_NAMES] as const, "auto", "Backend"),
  data: enumProp(["procedural", "folder"] as const, "procedural", "Dataset"),
});

export type LabValues = ValuesOf<typeof LAB_PROPS> & { readonly runs: readonly LabStrategy[] };

export const DEFAULT_RUNS: readonly LabStrategy[] = DEFAULT_STRATEGIES;

function parseRuns(raw: string | null): { runs: LabStrategy[]; notes: StateNote[] } {
  if (raw === null) return { runs: [...DEFAULT_RUNS], notes: [] };
  const notes: StateNote[] = [];
  const names = raw
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const runs = LAB_STRATEGIES.filter((s) => names.includes(s));
  const unknown = names.filter((n) => !(LAB_STRATEGIES as readonly string[]).includes(n));
  if (unknown.length) {
    notes.push({
      key: "runs",
      input: raw,
      message: `runs: unknown strateg${unknown.length === 1 ? "y" : "ies"} ${unknown.join(", ")} dropped; allowed: ${LAB_STRATEGIES.join(", ")}`,
      msgs: [
        msg(unknown.length === 1 ? "lab.notes.unknownRun" : "lab.notes.unknownRuns", {
          names: unknown.join(", "),
          allowed: LAB_STRATEGIES.join(", "),
        }),
      ],
    });
  }
  if (!runs.length) {
    notes.push({
      key: "runs",
      input: raw,
      message: `runs: no strategy left; using all (${DEFAULT_RUNS.join(", ")})`,
      msgs: [msg("lab.notes.noRuns", { all: DEFAULT_RUNS.join(", ") })],
    });
    return { runs: [...DEFAULT_RUNS], notes };
  }
  return { runs, notes };
}

/** Reads a /lab link; cross-key rules (the base must be a valid network) are corrected too. */
export function parseLabQuery(q: QueryInput): { values: LabValues; notes: StateNote[] } {
  const sp = toSearchParams(q);
  const runsRaw = sp.get("runs");
  sp.delete("runs");
  const p = parseQuery(LAB_PROPS, sp);
  const r = parseRuns(runsRaw);
  const notes = [...p.notes, ...r.notes];
  const values = { ...p.values, runs: r.runs };
  const minRes = minResolution(values.model);
  if (values.resolution < minRes) {
    notes.push({
      key: "resolution",
      input: String(values.resolution),
      message: `resolution: ${values.model} needs at least ${minRes} px; using ${minRes}`,
      msgs: [msg("lab.notes.minResolution", { model: values.model, min: minRes })],
    });
    values.resolution = minRes;
  }
  if (values.macs !== 0 && values.macs < BUDGET_MACS.min) {
    notes.push({
      key: "macs",
      input: String(values.macs),
      message: `macs: below ${BUDGET_MACS.min}; using the multiple instead`,
      msgs: [msg("lab.notes.macsTooLow", { min: BUDGET_MACS.min })],
    });
    values.macs = 0;
  }
  return { values, notes };
}

/** The canonical query: defaults omitted. */
export function labQuery(v: LabValues): string {
  const base = serializeQuery(LAB_PROPS, v, { omitDefaults: true });
  const all = v.runs.length === DEFAULT_RUNS.length;
  const runs = all ? "" : `runs=${v.runs.join(",")}`;
  return [base, runs].filter(Boolean).join("&");
}

/** The experiment a page state asks for (throws ConfigError when the combination is invalid). */
export function experimentOf(v: LabValues): ExperimentDef {
  return parseExperiment({
    model: v.model,
    baseWidth: v.width,
    baseDepth: v.depth,
    baseResolution: v.resolution,
    budget: v.macs > 0 ? { kind: "macs", macs: v.macs } : { kind: "multiple", factor: v.budget },
    strategies: v.runs,
    epochs: v.epochs,
    batch: v.batch,
    trainImages: v.train,
    testImages: v.test,
    valImages: Math.max(1, Math.min(LAB_DEFAULTS.valImages, v.test)),
    seeds: v.seeds,
    seed: v.seed,
  });
}

/** A /lab link (explorer and /compare use it). */
export function labHref(o: {
  model?: string;
  width?: number;
  depth?: number;
  resolution?: number;
  budget?: number;
  runs?: readonly LabStrategy[];
}): string {
  const sp = new URLSearchParams();
  if (o.model) sp.set("model", o.model);
  const sig = (x: number) => String(Number(x.toPrecision(5)));
  if (o.width !== undefined) sp.set("width", sig(o.width));
  if (o.depth !== undefined) sp.set("depth", sig(o.depth));
  if (o.resolution !== undefined) sp.set("resolution", String(o.resolution));
  if (o.budget !== undefined) sp.set("budget", sig(o.budget));
  if (o.runs) sp.set("runs", o.runs.join(","));
  const q = sp.toString();
  return q ? `/lab?${q}` : "/lab";
}

/** Links to the explorer and the builder with a run's configuration. */
export function runLinks(
  model: string,
  r: { width: number; depth: number; resolution: number },
  classes: number,
): { explorer: string; build: string } {
  const q = new URLSearchParams({
    model,
    width: String(Number(r.width.toPrecision(5))),
    depth: String(Number(r.depth.toPrecision(5))),
    resolution: String(r.resolution),
    classes: String(classes),
  }).toString();
  return { explorer: `/?${q}`, build: `/build?${q}` };
}

export { ConfigError };
