/**
 * `--compare` (four scaling strategies at one budget) and `--grid` (the alpha/beta/gamma
 * grid search of the paper's step 1) for the calculator CLI. cli/scale.ts hands over when
 * either flag is present; everything is computed by lib/.
 */
import { BASELINES } from "../lib/arch/baselines";
import { accuracyOfConfig, type ConfigAccuracy } from "../lib/estimate";
import {
  compareStrategies,
  comparisonToJSON,
  parseBudget,
  type Comparison,
} from "../lib/scaling/compare";
import {
  explorerHref,
  GRID_SORT_KEYS,
  parseGridSpec,
  runGrid,
  sortGridRows,
  type GridResult,
  type GridSortKey,
} from "../lib/scaling/grid";
import { ConfigError, parseModel, parseNumber } from "../lib/scaling/request";
import { describeInput, isDecimal } from "../lib/state/props";
import { UsageError } from "./args";

export const COMPARE_VALUE_OPTIONS = [
  "budget",
  "alpha-range",
  "beta-range",
  "gamma-range",
  "step",
  "tolerance",
  "target",
  "sort",
  "limit",
] as const;
export const COMPARE_FLAGS = ["compare", "grid", "descending"] as const;

export const COMPARE_HELP = `
strategy comparison and grid search:
  --compare --budget 2x|<MACs>|phi=<n> [--model M] [--alpha A --beta B --gamma G] [--classes N] [--json]
                                     depth-only, width-only, resolution-only and compound
                                     networks at one budget: a multiple of the baseline's
                                     MACs (2x), a MAC count (1.8e9, 1.8B, 800M) or the cost
                                     of compound scaling at phi; with published top-1 where
                                     the paper has the network, else a labelled estimate
  --grid [--model M] [--alpha-range min:max:step] [--beta-range ...] [--gamma-range ...]
         [--step S] [--tolerance T] [--target 2] [--sort multiplier|params|product|alpha|beta|gamma|resolution]
         [--descending] [--limit N] [--json]
                                     alpha, beta, gamma with |alpha*beta^2*gamma^2 - target|
                                     <= T (default 1:2, 1:1.5, 1:1.5 step 0.05, T 0.1) and
                                     each triple's real phi = 1 network
`;

type Values = Readonly<Record<string, string>>;

/** Options each mode accepts (besides its flag and --json). */
const COMPARE_KEYS = ["budget", "model", "alpha", "beta", "gamma", "classes"];
const GRID_KEYS = ["model", "classes", ...COMPARE_VALUE_OPTIONS.filter((o) => o !== "budget")];

function onlyKeys(values: Values, allowed: readonly string[], mode: string): void {
  for (const k of Object.keys(values)) {
    if (!allowed.includes(k)) {
      const hint =
        mode === "--compare" && ["phi", "preset", "width", "depth", "resolution"].includes(k)
          ? "; give the budget with --budget (e.g. --budget phi=2)"
          : "";
      throw new UsageError(
        `--${k} does not apply to ${mode}; allowed: ${allowed.map((o) => `--${o}`).join(", ")}${hint}`,
      );
    }
  }
}

/** True when argv asks for one of these modes. Throws for options that need a mode. */
export function wantsCompare(values: Values, flags: ReadonlySet<string>): boolean {
  const compare = flags.has("compare");
  const grid = flags.has("grid");
  if (compare && grid) throw new UsageError("--compare and --grid are separate reports; give one");
  if (!compare && !grid) {
    const stray =
      COMPARE_VALUE_OPTIONS.find((o) => o in values) ??
      (flags.has("descending") ? "descending" : null);
    if (stray)
      throw new UsageError(`--${stray} needs --${stray === "budget" ? "compare" : "grid"}`);
  }
  return compare || grid;
}

function accuracyText(a: ConfigAccuracy): string {
  switch (a.kind) {
    case "published":
      return `${a.top1.toFixed(1)}% (published, table ${a.source.table} row ${a.source.row})`;
    case "estimate":
      return `~${a.top1.toFixed(1)}% (estimate, LOO error ±${a.looMae.toFixed(2)} pp over ${a.looN} points)`;
    case "unsupported":
      return `no estimate: ${a.reason}`;
  }
}

function accuracies(c: Comparison): ConfigAccuracy[] {
  return c.configs.map((cfg) =>
    accuracyOfConfig(c.model, cfg.strategy, cfg, { alpha: c.alpha, beta: c.beta, gamma: c.gamma }),
  );
}

const sig = (n: number, d = 4): string => String(Number(n.toPrecision(d)));
const int = (n: number): string => n.toLocaleString("en-US");
const pct = (x: number): string => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(2)}%`;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => c.padEnd(w[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(head), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n");
}

export function compareReport(values: Values, json: boolean): string {
  onlyKeys(values, COMPARE_KEYS, "--compare");
  if (values.budget === undefined) {
    throw new ConfigError(
      "budget",
      'is required with --compare; allowed: "2x", a MAC count like "1.8e9", or "phi=<n>"',
    );
  }
  const model = values.model === undefined ? "efficientnet" : parseModel(values.model);
  const num = (k: "alpha" | "beta" | "gamma" | "classes"): number | undefined =>
    values[k] === undefined ? undefined : parseNumber(k, values[k], k === "classes");
  const c = compareStrategies(model, parseBudget(values.budget), {
    alpha: num("alpha"),
    beta: num("beta"),
    gamma: num("gamma"),
    classes: num("classes"),
  });
  const acc = accuracies(c);
  if (json) {
    const j = comparisonToJSON(c) as { configs: Record<string, unknown>[] };
    return (
      JSON.stringify({ ...j, configs: j.configs.map((x, i) => ({ ...x, accuracy: acc[i] })) }) +
      "\n"
    );
  }
  const out = [
    `${BASELINES[model].name}: budget ${values.budget} = ${int(c.targetMacs)} MACs (${sig(c.targetMacs / 1e9)}B, ${sig(c.targetMacs / c.baseline.macs)}x the baseline's ${sig(c.baseline.macs / 1e9)}B)`,
    `compound constants alpha ${c.alpha}, beta ${c.beta}, gamma ${c.gamma}`,
    "",
    table(
      [
        "strategy",
        "coefficient",
        "w",
        "d",
        "res",
        "MACs",
        "vs budget",
        "params",
        "peak act.",
        "top-1",
      ],
      c.configs.map((cfg, i) => [
        cfg.strategy,
        `${cfg.strategy === "compound" ? "phi" : cfg.strategy[0]}=${sig(cfg.coefficient)}`,
        sig(cfg.width),
        sig(cfg.depth),
        String(cfg.resolution),
        `${sig(cfg.macs / 1e9)}B`,
        pct(cfg.relativeError) + (cfg.clamped ? " (limit)" : ""),
        `${sig(cfg.trainableParams / 1e6, 3)}M`,
        `${sig(cfg.peakActivationBytes / 2 ** 20, 3)} MiB`,
        accuracyText(acc[i]!),
      ]),
    ),
    "",
    "vs budget: how close rounding (channels to multiples of 8, whole blocks, whole pixels) let the strategy get.",
    "Estimates: saturating power law in FLOPs per strategy fitted to tables 2, 3 and 7 (lib/estimate/fit.ts).",
  ];
  return out.join("\n") + "\n";
}

function gridJson(g: GridResult, rows: GridResult["rows"]): string {
  return (
    JSON.stringify({
      model: g.spec.model,
      spec: g.spec,
      total: g.total,
      feasible: g.feasible,
      networks: g.networks,
      baselineMacs: g.baselineMacs,
      baselineParams: g.baselineParams,
      paper: g.paper,
      rows: rows.map((r) => ({ ...r, explorer: explorerHref(g.spec.model, r) })),
    }) + "\n"
  );
}

export function gridReport(values: Values, flags: ReadonlySet<string>, json: boolean): string {
  onlyKeys(values, GRID_KEYS, "--grid");
  const spec = parseGridSpec({
    model: values.model,
    alpha: values["alpha-range"],
    beta: values["beta-range"],
    gamma: values["gamma-range"],
    step: values.step,
    tolerance: values.tolerance,
    target: values.target,
    classes: values.classes,
  });
  let sort: GridSortKey = "product";
  if (values.sort !== undefined) {
    if (!(GRID_SORT_KEYS as readonly string[]).includes(values.sort)) {
      throw new ConfigError(
        "sort",
        `unknown key ${describeInput(values.sort)}; allowed: ${GRID_SORT_KEYS.join(", ")}`,
      );
    }
    sort = values.sort as GridSortKey;
  }
  let limit = json ? Infinity : 25;
  if (values.limit !== undefined) {
    const n = isDecimal(values.limit.trim()) ? Number(values.limit) : NaN;
    if (!Number.isInteger(n) || n < 1)
      throw new ConfigError(
        "limit",
        `expected a whole number >= 1, got ${describeInput(values.limit)}`,
      );
    limit = n;
  }
  const g = runGrid(spec);
  const sorted =
    sort === "product" && !flags.has("descending")
      ? [...g.rows].sort(
          (a, b) => Math.abs(a.product - spec.target) - Math.abs(b.product - spec.target),
        )
      : sortGridRows(g.rows, sort, flags.has("descending"));
  const rows = sorted.slice(0, limit);
  if (json) return gridJson(g, rows);
  const r = (a: { min: number; max: number; step: number }): string =>
    `${a.min}..${a.max} step ${a.step}`;
  const out = [
    `${BASELINES[spec.model].name}: alpha ${r(spec.alpha)}, beta ${r(spec.beta)}, gamma ${r(spec.gamma)}; |alpha*beta^2*gamma^2 - ${spec.target}| <= ${spec.tolerance}`,
    `${int(g.total)} triples, ${int(g.feasible)} feasible, ${int(g.networks)} distinct phi = 1 networks; paper's (1.2, 1.1, 1.15): ${g.paper.feasible ? "feasible" : g.paper.onGrid ? "on the grid but outside the tolerance" : "not on the grid"}`,
    "",
    table(
      ["", "alpha", "beta", "gamma", "a*b^2*g^2", "real MACs x", "params", "res", "explorer"],
      rows.map((x) => [
        x.isPaper ? "*" : "",
        String(x.alpha),
        String(x.beta),
        String(x.gamma),
        x.product.toFixed(4),
        x.multiplier.toFixed(3),
        `${sig(x.params / 1e6, 3)}M`,
        String(x.resolution),
        explorerHref(spec.model, x),
      ]),
    ),
  ];
  if (sorted.length > rows.length)
    out.push(`(${int(sorted.length - rows.length)} more rows; --limit N or --json for all)`);
  out.push(
    "* = the paper's triple. real MACs x: the phi = 1 network's MACs over the baseline's, after rounding.",
  );
  return out.join("\n") + "\n";
}

/** Runs --compare or --grid; returns stdout text (errors are thrown as ConfigError/UsageError). */
export function runCompareCommand(values: Values, flags: ReadonlySet<string>): string {
  const json = flags.has("json");
  const rest = [...flags].filter((f) => !["compare", "grid", "json", "descending"].includes(f));
  if (rest.length) throw new UsageError(`--${rest[0]} does not apply to --compare / --grid`);
  if (flags.has("descending") && !flags.has("grid"))
    throw new UsageError("--descending needs --grid");
  return flags.has("compare") ? compareReport(values, json) : gridReport(values, flags, json);
}
