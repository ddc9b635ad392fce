/**
 * `--latency-table` for the calculator CLI: paper table 4 on this machine. Builds and times
 * every baseline and EfficientNet preset (up to a MAC cap, cheapest first, within a time
 * budget) in tfjs on wasm or cpu, with the paper's published latencies beside them.
 * cli/scale.ts hands over when the flag is present; the work is lib/tfjs/latency.ts.
 */
import { formatCompact } from "../lib/format";
import { TABLE4, TABLE4_SETUP, TABLE4_SPEEDUPS } from "../lib/paper";
import { ConfigError } from "../lib/scaling/request";
import type { BackendName } from "../lib/tfjs/backends";
import { latencyOptions, type LatencyTable } from "../lib/tfjs/latency-table";
import { UsageError } from "./args";

export const LATENCY_VALUE_OPTIONS = ["time-budget", "runs", "warmup", "max-macs", "only"] as const;
export const LATENCY_FLAGS = ["latency-table"] as const;
const BACKENDS: readonly BackendName[] = ["wasm", "cpu"];

export const LATENCY_HELP = `
latency on this machine (paper table 4):
  --latency-table [--time-budget S] [--runs N] [--warmup N] [--max-macs B] [--only k1,k2]
                  [--backend wasm|cpu] [--json]
                                     build and time (batch 1) every baseline and EfficientNet
                                     preset up to B MACs (default 40, i.e. through B7),
                                     cheapest first, starting no new net after S seconds
                                     (default 60; the rest are listed as skipped); mean,
                                     median and min of N runs (default 5) after warm-up;
                                     the paper's table 4 beside them
`;

export function wantsLatency(flags: ReadonlySet<string>): boolean {
  return flags.has("latency-table");
}

type Values = Readonly<Record<string, string>>;

export async function runLatencyCommand(
  values: Values,
  flags: ReadonlySet<string>,
): Promise<string> {
  const allowed = new Set<string>([...LATENCY_VALUE_OPTIONS, "backend"]);
  const extra = Object.keys(values).find((k) => !allowed.has(k));
  if (extra) throw new UsageError(`--latency-table does not take --${extra}`);
  const extraFlag = [...flags].find((f) => f !== "latency-table" && f !== "json");
  if (extraFlag) throw new UsageError(`--latency-table does not take --${extraFlag}`);
  const backend = BACKENDS.find((b) => b === (values.backend ?? "wasm"));
  if (!backend) {
    throw new UsageError(
      `--backend: unknown backend ${JSON.stringify(String(values.backend).slice(0, 40))}; allowed in Node: ${BACKENDS.join(", ")}`,
    );
  }
  let opts;
  try {
    opts = latencyOptions({
      budgetSec: values["time-budget"],
      runs: values.runs,
      warmup: values.warmup,
      maxMacsB: values["max-macs"],
      only: values.only,
    });
  } catch (e) {
    // The lib names its keys after the page's fields; name the CLI's options instead.
    if (e instanceof ConfigError) {
      const option = { budgetSec: "time-budget", maxMacsB: "max-macs" }[e.option] ?? e.option;
      throw new UsageError(`--${option}: ${e.message.slice(e.option.length + 2)}`);
    }
    throw e;
  }
  const [tf, { selectBackend }, { LatencySweep }] = await Promise.all([
    import("@tensorflow/tfjs"),
    import("../lib/tfjs/backends"),
    import("../lib/tfjs/latency"),
  ]);
  tf.enableProdMode();
  await selectBackend({ prefer: backend });
  const progress = process.stderr.isTTY
    ? (p: { done: number; total: number; current: string }) =>
        process.stderr.write(`\r${p.done}/${p.total} ${p.current}…`.padEnd(60))
    : undefined;
  const table = await new LatencySweep(opts, progress ? { onProgress: progress } : {}).run();
  if (progress) process.stderr.write("\r".padEnd(61) + "\r");
  return flags.has("json") ? JSON.stringify(latencyJson(table)) + "\n" : latencyText(table);
}

export function latencyJson(table: LatencyTable) {
  return {
    ...table,
    paper: { setup: TABLE4_SETUP, rows: TABLE4, speedups: TABLE4_SPEEDUPS },
  };
}

function ms(v: number | undefined): string {
  return v === undefined ? "–" : v.toFixed(1);
}

export function latencyText(t: LatencyTable): string {
  const head = ["net", "res", "params", "MACs", "mean ms", "median ms", "min ms", "status"];
  const rows = t.rows.map((r) => [
    r.label,
    String(r.resolution),
    formatCompact(r.params),
    formatCompact(r.macs),
    ms(r.meanMs),
    ms(r.medianMs),
    ms(r.minMs),
    r.status === "timed" ? `${r.runs} runs` : `${r.status}${r.note ? `: ${r.note}` : ""}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!),
      )
      .join("  ")
      .trimEnd();
  const paper = TABLE4.map(
    (p) =>
      `  ${p.name}: ${p.top1}% top-1 @ ${p.latencySec} s (table ${p.source.table}, row ${p.source.row}, column group ${p.source.column})`,
  );
  return [
    `Latency on this machine (batch 1, tfjs ${t.backend}; ${(t.elapsedMs / 1000).toFixed(1)} s of a ${(t.budgetMs / 1000).toFixed(0)} s budget${t.complete ? "" : "; budget spent before every net was timed"})`,
    line(head),
    ...rows.map(line),
    "",
    `The paper's table 4 (${TABLE4_SETUP.cpu}, ${TABLE4_SETUP.cores} core, batch ${TABLE4_SETUP.batch}, ${TABLE4_SETUP.statistic} of ${TABLE4_SETUP.runs} runs):`,
    ...paper,
    "",
  ].join("\n");
}
