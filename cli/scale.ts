/**
 * The calculator CLI: `npm run -s scale -- [options]`. Thin: parses argv, calls lib/, prints.
 * Exit codes: 0 ok, 2 bad input (message on stderr naming the option), 1 unexpected failure.
 */
import { createInterface } from "node:readline";
import { calculate } from "../lib/calculator";
import { CountOverflowError } from "../lib/cost/analyze";
import { ConfigError, parseRequest, REQUEST_KEYS, type RawRequest } from "../lib/scaling/request";
import { parseArgs, UsageError } from "./args";
import {
  BUILD_FLAGS,
  BUILD_VALUE_OPTIONS,
  BuildOptionError,
  formatBuildReport,
  parseBuildOptions,
  runBuild,
} from "./build";
import {
  LATENCY_FLAGS,
  LATENCY_HELP,
  LATENCY_VALUE_OPTIONS,
  runLatencyCommand,
  wantsLatency,
} from "./latency";
import { toJson, toText } from "./report";
import {
  COMPARE_FLAGS,
  COMPARE_HELP,
  COMPARE_VALUE_OPTIONS,
  runCompareCommand,
  wantsCompare,
} from "./compare";

const FLAGS = [
  "json",
  "layers",
  "batch",
  "help",
  ...BUILD_FLAGS,
  ...COMPARE_FLAGS,
  ...LATENCY_FLAGS,
] as const;

const HELP = `Scaling Explorer calculator

usage: npm run -s scale -- [options]

  --model efficientnet|mobilenetv1|mobilenetv2|resnet50   baseline (default efficientnet)
  --preset b0..b8|l2                 EfficientNet's official table (EfficientNet only)
  --phi N [--alpha A --beta B --gamma G]
                                     compound scaling (defaults 1.2 / 1.1 / 1.15)
  --width W --depth D --resolution R explicit coefficients (resolution in pixels)
  --classes N                        classifier size (default 1000)
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

/** Turns any error into the user-facing message, or rethrows a real bug. */
function userMessage(e: unknown): string {
  if (e instanceof ConfigError) return `--${e.message}`;
  if (e instanceof UsageError || e instanceof CountOverflowError || e instanceof BuildOptionError) {
    return e.message;
  }
  throw e;
}

async function runBatch(defaultLayers: boolean): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === "") continue;
    let out: Record<string, unknown>;
    try {
      let obj: unknown;
      try {
        obj = JSON.parse(line);
      } catch (e) {
        throw new UsageError(`line ${lineNo}: not valid JSON (${(e as Error).message})`);
      }
      if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
        throw new UsageError(`line ${lineNo}: expected a JSON object with option names as keys`);
      }
      const { layers, ...rest } = obj as Record<string, unknown>;
      if (layers !== undefined && typeof layers !== "boolean") {
        throw new ConfigError("layers", "expected true or false");
      }
      const calc = calculate(parseRequest(rest as RawRequest));
      out = toJson(calc, layers ?? defaultLayers);
    } catch (e) {
      out = { error: userMessage(e) };
    }
    process.stdout.write(JSON.stringify(out) + "\n");
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(
    argv,
    [...REQUEST_KEYS, ...BUILD_VALUE_OPTIONS, ...COMPARE_VALUE_OPTIONS, ...LATENCY_VALUE_OPTIONS],
    FLAGS,
  );
  if (!args.flags.has("help") && wantsLatency(args.flags)) {
    process.stdout.write(await runLatencyCommand(args.values, args.flags));
    return 0;
  }
  if (!args.flags.has("help") && wantsCompare(args.values, args.flags)) {
    process.stdout.write(runCompareCommand(args.values, args.flags));
    return 0;
  }
  const requestValues = Object.fromEntries(
    Object.entries(args.values).filter(
      ([k]) => !(BUILD_VALUE_OPTIONS as readonly string[]).includes(k),
    ),
  );
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
  const calc = calculate(parseRequest(requestValues));
  const tfjs = build ? await runBuild(calc, build) : null;
  process.stdout.write(
    args.flags.has("json")
      ? JSON.stringify({ ...toJson(calc, withLayers), ...(tfjs ? { tfjs } : {}) }) + "\n"
      : toText(calc, withLayers) + (tfjs ? formatBuildReport(tfjs) : "") + "\n",
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    let msg: string;
    try {
      msg = userMessage(e);
    } catch {
      process.stderr.write(
        `scale: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
      );
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`scale: ${msg}\nRun with --help for usage.\n`);
    process.exitCode = 2;
  },
);
