/**
 * Failure text and `--batch` lines for the calculator CLI: every failure becomes one short
 * line (no stack trace), and a bad batch line becomes `{"error": ...}` without stopping the
 * batch, whatever the line holds (built-in names as keys, deep nesting, huge values).
 */
import { BASELINES } from "../lib/arch/baselines";
import { calculate, type Calculation } from "../lib/calculator";
import { CONVENTIONS, countTotals } from "../lib/cost/conventions";
import { CountOverflowError } from "../lib/cost/analyze";
import {
  ConfigError,
  parseRequest,
  REQUEST_KEYS,
  SCALE_DEFAULTS,
  strictValue,
  type CalcRequest,
  type RawRequest,
} from "../lib/scaling/request";
import { describeInput } from "../lib/state/props";
import { parseArgs, UsageError, type ParsedArgs } from "./args";
import { BUILD_FLAGS, BUILD_VALUE_OPTIONS, BuildOptionError } from "./build";
import { COMPARE_FLAGS, COMPARE_VALUE_OPTIONS } from "./compare";
import { LATENCY_FLAGS, LATENCY_VALUE_OPTIONS } from "./latency";
import { toJson } from "./report";

/** Turns any error into the user-facing message, or rethrows a real bug. */
export function userMessage(e: unknown): string {
  if (e instanceof ConfigError) return `--${e.message}`;
  if (e instanceof UsageError || e instanceof CountOverflowError || e instanceof BuildOptionError) {
    return e.message;
  }
  throw e;
}

/** One line for any failure: user errors as they are, anything else as "internal error". */
export function oneLine(e: unknown): string {
  let msg: string;
  try {
    msg = userMessage(e);
  } catch {
    const m = e instanceof Error ? e.message : "unknown failure";
    msg = `internal error: ${m}`;
  }
  const line = msg.replace(/\s*\n\s*/g, " ");
  return line.length > 300 ? `${line.slice(0, 300)}...` : line;
}

/** One request line to one result object; never throws. */
export function batchLine(line: string, lineNo: number, defaultLayers: boolean): object {
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
      throw new ConfigError("layers", `expected true or false, got ${describeInput(layers)}`);
    }
    const calc = calculate(parseRequest(rest as RawRequest));
    return {
      ...toJson(calc, layers ?? defaultLayers),
      convention: conventionJson(calc, rest.convention),
    };
  } catch (e) {
    return { error: oneLine(e) };
  }
}

const FLAGS = [
  "json",
  "layers",
  "batch",
  "help",
  ...BUILD_FLAGS,
  ...COMPARE_FLAGS,
  ...LATENCY_FLAGS,
] as const;

/** argv -> option values and flags (throws UsageError for unknown or repeated options). */
export function readArgv(argv: readonly string[]): ParsedArgs {
  return parseArgs(
    argv,
    [...REQUEST_KEYS, ...BUILD_VALUE_OPTIONS, ...COMPARE_VALUE_OPTIONS, ...LATENCY_VALUE_OPTIONS],
    FLAGS,
  );
}

/** The calculator request in argv's values (build options set aside); throws ConfigError. */
export function requestOf(values: Readonly<Record<string, string>>): CalcRequest {
  const raw: RawRequest = {};
  for (const k of REQUEST_KEYS) if (Object.hasOwn(values, k)) raw[k] = values[k];
  return parseRequest(raw);
}

/** The counts under the requested convention (default the paper's), for the JSON output. */
export function conventionJson(calc: Calculation, raw: unknown): Record<string, unknown> {
  const id =
    raw === undefined || raw === null ? SCALE_DEFAULTS.convention : strictValue("convention", raw);
  const c = CONVENTIONS[id];
  const t = countTotals(c, calc, BASELINES[calc.request.model]);
  return { id, label: c.label, params: t.params, ops: t.ops, opUnit: t.opUnit, source: c.tool };
}

/** One text line for a convention other than the paper's (the paper's text stays as it was). */
export function conventionText(calc: Calculation, raw: unknown): string {
  const j = conventionJson(calc, raw);
  if (j.id === SCALE_DEFAULTS.convention) return "";
  return `\ncounted as ${String(j.label)}: ${Number(j.params).toLocaleString("en-US")} parameters, ${Number(j.ops).toLocaleString("en-US")} ${String(j.opUnit)}`;
}
