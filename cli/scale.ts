/**
 * The calculator CLI: `npm run -s scale -- [options]`. Thin: parses argv, calls lib/, prints.
 * Exit codes: 0 ok, 2 any failure (one line on stderr naming the option; no stack trace).
 */
import { createInterface } from "node:readline";
import { MODEL_IDS } from "../lib/arch/types";
import { calculate } from "../lib/calculator";
import { UsageError } from "./args";
import { batchLine, conventionJson, conventionText, oneLine, readArgv, requestOf } from "./batch";
import { formatBuildReport, parseBuildOptions, runBuild } from "./build";
import { toJson, toText } from "./report";
import { LATENCY_HELP, runLatencyCommand, wantsLatency } from "./latency";
import { COMPARE_HELP, runCompareCommand, wantsCompare } from "./compare";

/** The model ids, indented and wrapped for --help (read from the one list, never written out). */
function wrapIds(ids: readonly string[]): string {
  const lines: string[] = [];
  let line = "";
  for (const id of ids) {
    const next = line ? `${line}, ${id}` : id;
    if (next.length > 52 && line) {
      lines.push(line + ",");
      line = id;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.map((l) => " ".repeat(37) + l).join("\n");
}

const HELP = `Scaling Explorer calculator

usage: npm run -s scale -- [options]

  --model ID                         baseline (default efficientnet), one of:
${wrapIds(MODEL_IDS)}
  --preset b0..b8|l2 [--resolution R] an official preset of the baseline (EfficientNet's
                                     table), at its own resolution or at R px
  --phi N [--alpha A --beta B --gamma G]
                                     compound scaling (defaults 1.2 / 1.1 / 1.15)
  --width W --depth D --resolution R explicit coefficients (resolution in pixels; default
                                     the baseline's own input size)
  --classes N                        classifier size (default 1000)
  --convention paper|torchvision|keras|fvcore
                                     how parameters and operations are counted (default
                                     paper; the JSON's "convention" names it)
  --layers                           add the per-layer table
  --json                             one JSON object on stdout
  --batch                            read one JSON request per line on stdin, write one
                                     JSON result per line (keys: the option names)
  --build [--backend wasm|cpu] [--bench N] [--force]
                                     also build the network in TensorFlow.js (Node) and
                                     report tfjs: { params, buildMs, backend, latencyMs }
                                     (latency: median/p90 of N runs); --force builds
                                     above the memory budget

examples:
  npm run -s scale -- --preset b3 --json
  npm run -s scale -- --model resnet50 --phi 2
  echo '{"model":"resnet50","width":1.5,"depth":2,"resolution":320,"classes":10}' | npm run -s scale -- --batch
`;

async function runBatch(defaultLayers: boolean): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === "") continue;
    process.stdout.write(JSON.stringify(batchLine(line, lineNo, defaultLayers)) + "\n");
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = readArgv(argv);
  if (!args.flags.has("help") && wantsLatency(args.flags)) {
    process.stdout.write(await runLatencyCommand(args.values, args.flags));
    return 0;
  }
  if (!args.flags.has("help") && wantsCompare(args.values, args.flags)) {
    process.stdout.write(runCompareCommand(args.values, args.flags));
    return 0;
  }
  const build = parseBuildOptions(args.values, args.flags);
  if (args.flags.has("help")) {
    process.stdout.write(HELP + COMPARE_HELP + LATENCY_HELP);
    return 0;
  }
  const withLayers = args.flags.has("layers");
  if (args.flags.has("batch")) {
    if (build) throw new UsageError("--build works on one configuration; remove --batch");
    const extra = Object.keys(args.values)[0];
    if (extra) throw new UsageError(`--batch reads its options from stdin; remove --${extra}`);
    await runBatch(withLayers);
    return 0;
  }
  const calc = calculate(requestOf(args.values));
  const tfjs = build ? await runBuild(calc, build) : null;
  process.stdout.write(
    args.flags.has("json")
      ? JSON.stringify({
          ...toJson(calc, withLayers),
          convention: conventionJson(calc, args.values.convention),
          ...(tfjs ? { tfjs } : {}),
        }) + "\n"
      : toText(calc, withLayers) +
          conventionText(calc, args.values.convention) +
          (tfjs ? formatBuildReport(tfjs) : "") +
          "\n",
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Every failure: exit 2, one line, no stack trace.
    process.stderr.write(`scale: ${oneLine(e)} (run with --help for usage)\n`);
    process.exitCode = 2;
  },
);
