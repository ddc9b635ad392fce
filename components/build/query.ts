/**
 * /build reads the explorer's query keys (model, preset, phi, alpha, beta, gamma, width,
 * depth, resolution, classes) with the calculator's own parser; other keys (view state of
 * other pages) are ignored rather than refused.
 */
import { calculate, type Calculation } from "@/lib/calculator";
import { CountOverflowError } from "@/lib/cost/analyze";
import {
  ConfigError,
  parseRequest,
  REQUEST_KEYS,
  type CalcRequest,
  type RawRequest,
} from "@/lib/scaling/request";

export type QueryRecord = Readonly<Record<string, string | string[] | undefined>>;

export type ParsedBuildQuery =
  | {
      readonly ok: true;
      readonly request: CalcRequest;
      readonly calc: Calculation;
      readonly query: string;
    }
  | { readonly ok: false; readonly option: string; readonly message: string };

export function parseBuildQuery(q: QueryRecord): ParsedBuildQuery {
  const raw: Record<string, string> = {};
  for (const k of REQUEST_KEYS) {
    const v = q[k];
    const s = Array.isArray(v) ? v[0] : v;
    if (s !== undefined) raw[k] = s;
  }
  try {
    const request = parseRequest(raw as RawRequest);
    const calc = calculate(request);
    return { ok: true, request, calc, query: new URLSearchParams(raw).toString() };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, option: e.option, message: e.message };
    if (e instanceof CountOverflowError) return { ok: false, option: "width", message: e.message };
    throw e;
  }
}
