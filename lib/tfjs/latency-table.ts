/**
 * Paper table 4 on this device, the data side (no tfjs, so the page can use it): which nets
 * to time (every baseline of lib/arch, and EfficientNet's official presets up to a MAC cap),
 * the options and their checks, the row and table types, and the CSV.
 */
import { BASELINES } from "../arch/baselines";
import { MODEL_IDS, type ModelId } from "../arch/types";
import { calculate, calculateBaseline, type Calculation } from "../calculator";
import { toCsv } from "../csv";
import { presetsOf } from "../scaling/presets";
import { ConfigError, parseRequest, type CalcRequest } from "../scaling/request";

export interface LatencyCandidate {
  /** Stable id: the model id, or "model-preset". */
  readonly key: string;
  readonly label: string;
  readonly model: ModelId;
  readonly request: CalcRequest;
  readonly macs: number;
  readonly params: number;
  readonly resolution: number;
}

/** B7 (37 B MACs) is in; B8 and L2 are not timed by default (minutes each in a browser). */
export const DEFAULT_MAX_MACS = 40e9;

function candidate(key: string, label: string, c: Calculation): LatencyCandidate {
  return {
    key,
    label,
    model: c.request.model,
    request: c.request,
    macs: c.totals.macs,
    params: c.totals.trainableParams,
    resolution: c.spec.resolution,
  };
}

/**
 * Every net to time, cheapest first: a baseline's official presets where the request
 * parser accepts presets for it, else the baseline itself; nets over `maxMacs` are left out.
 */
export function latencyCandidates(maxMacs = DEFAULT_MAX_MACS): LatencyCandidate[] {
  const out: LatencyCandidate[] = [];
  for (const model of MODEL_IDS) {
    // A baseline with official presets (BaselineDef.presets) is timed as its presets.
    const presets = presetsOf(model).map((p) => {
      const req = parseRequest({ model, preset: p.id });
      return candidate(`${model}-${p.id}`, p.name, calculate(req));
    });
    if (presets.length) out.push(...presets);
    else out.push(candidate(model, BASELINES[model].name, calculateBaseline(model)));
  }
  return out.filter((c) => c.macs <= maxMacs).sort((a, b) => a.macs - b.macs);
}

export interface LatencyOptions {
  /** Start no new net after this many milliseconds (the running one finishes; the first always runs). */
  readonly budgetMs: number;
  /** Timed runs per net (the paper reports the mean of 20). */
  readonly runs: number;
  /** Untimed runs per net first. */
  readonly warmup: number;
  /** Leave out nets above this many MACs. */
  readonly maxMacs: number;
  /** Only these candidate keys (default: all). */
  readonly only?: readonly string[];
}

export const LATENCY_LIMITS = {
  budgetSec: { min: 1, max: 3600 },
  runs: { min: 1, max: 100 },
  warmup: { min: 0, max: 20 },
  maxMacsB: { min: 0.01, max: 1000 },
} as const;

export const LATENCY_DEFAULTS = { budgetSec: 60, runs: 5, warmup: 1, maxMacsB: 40 } as const;

function num(key: keyof typeof LATENCY_LIMITS, v: unknown, integer: boolean, unit: string): number {
  const l = LATENCY_LIMITS[key];
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < l.min || n > l.max) {
    const shown = typeof v === "string" ? JSON.stringify(v.slice(0, 40)) : String(v);
    throw new ConfigError(
      key,
      `expected ${integer ? "an integer" : "a number"} from ${l.min} to ${l.max}${unit}, got ${shown}`,
    );
  }
  return n;
}

/** Checks user values (seconds, counts, billions of MACs) into options; names the bad one. */
export function latencyOptions(raw: {
  budgetSec?: unknown;
  runs?: unknown;
  warmup?: unknown;
  maxMacsB?: unknown;
  only?: unknown;
}): LatencyOptions {
  const d = LATENCY_DEFAULTS;
  const budgetSec = num("budgetSec", raw.budgetSec ?? d.budgetSec, false, " s");
  const runs = num("runs", raw.runs ?? d.runs, true, "");
  const warmup = num("warmup", raw.warmup ?? d.warmup, true, "");
  const maxMacsB = num("maxMacsB", raw.maxMacsB ?? d.maxMacsB, false, " (billions)");
  let only: string[] | undefined;
  if (raw.only !== undefined) {
    const all = latencyCandidates(Infinity).map((c) => c.key);
    const list = Array.isArray(raw.only) ? raw.only : String(raw.only).split(",");
    only = list.map((k) => String(k).trim()).filter(Boolean);
    const bad = only.find((k) => !all.includes(k));
    if (bad !== undefined || only.length === 0) {
      throw new ConfigError(
        "only",
        `unknown net ${JSON.stringify((bad ?? "").slice(0, 40))}; allowed: ${all.join(", ")}`,
      );
    }
  }
  return {
    budgetMs: budgetSec * 1000,
    runs,
    warmup,
    maxMacs: maxMacsB * 1e9,
    ...(only ? { only } : {}),
  };
}

/** The nets a sweep with `opts` times, cheapest first. */
export function sweepCandidates(opts: LatencyOptions): LatencyCandidate[] {
  const all = latencyCandidates(opts.maxMacs);
  return opts.only ? all.filter((c) => opts.only!.includes(c.key)) : all;
}

export type LatencyStatus = "timed" | "skipped" | "failed";

export interface LatencyRow {
  readonly key: string;
  readonly label: string;
  readonly model: ModelId;
  readonly macs: number;
  readonly params: number;
  readonly resolution: number;
  readonly status: LatencyStatus;
  /** Set when timed. */
  readonly buildMs?: number;
  readonly meanMs?: number;
  readonly medianMs?: number;
  readonly minMs?: number;
  readonly runs?: number;
  /** Why skipped or failed. */
  readonly note?: string;
}

export interface LatencyTable {
  readonly backend: string;
  readonly budgetMs: number;
  readonly elapsedMs: number;
  /** False when the budget ran out before every net was timed. */
  readonly complete: boolean;
  readonly rows: readonly LatencyRow[];
}

export interface LatencyProgress {
  /** Nets finished (timed, skipped or failed). */
  readonly done: number;
  readonly total: number;
  /** The net being worked on, and what is being done to it. */
  readonly current: string;
  readonly step: "build" | "time" | "done";
  readonly elapsedMs: number;
  /** Rows so far, in candidate order. */
  readonly rows: readonly LatencyRow[];
}

export const LATENCY_CSV_HEADER = [
  "key",
  "net",
  "resolution",
  "params",
  "macs",
  "status",
  "mean_ms",
  "median_ms",
  "min_ms",
  "runs",
  "build_ms",
  "backend",
  "note",
] as const;

const fixed = (v: number | undefined): string => (v === undefined ? "" : v.toFixed(2));

export function latencyCsv(t: LatencyTable): string {
  return toCsv(
    LATENCY_CSV_HEADER,
    t.rows.map((r) => [
      r.key,
      r.label,
      r.resolution,
      r.params,
      r.macs,
      r.status,
      fixed(r.meanMs),
      fixed(r.medianMs),
      fixed(r.minMs),
      r.runs ?? "",
      fixed(r.buildMs),
      t.backend,
      r.note ?? "",
    ]),
  );
}
