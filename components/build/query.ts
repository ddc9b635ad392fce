/**
 * /build reads the explorer's query keys with the calculator's strict parser: a bad value
 * refuses the build (with the message), while unknown, repeated and empty keys get the
 * same notes as on every other page (lib/state/props.ts `scanQuery`).
 */
import { calculate, type Calculation } from "@/lib/calculator";
import { CountOverflowError } from "@/lib/cost/analyze";
import { ConfigError, parseRequest, type CalcRequest } from "@/lib/scaling/request";
import { EXPLORER_PROPS } from "@/lib/state/explorer";
import { scanQuery, type QueryInput, type StateNote } from "@/lib/state/props";

export type ParsedBuildQuery = { readonly notes: readonly StateNote[] } & (
  | {
      readonly ok: true;
      readonly request: CalcRequest;
      readonly calc: Calculation;
      readonly query: string;
    }
  | { readonly ok: false; readonly option: string; readonly message: string }
);

export function parseBuildQuery(q: QueryInput): ParsedBuildQuery {
  const { raw, notes } = scanQuery(EXPLORER_PROPS, q);
  try {
    const request = parseRequest(Object.fromEntries(raw));
    const calc = calculate(request);
    return { ok: true, request, calc, query: new URLSearchParams([...raw]).toString(), notes };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, option: e.option, message: e.message, notes };
    if (e instanceof CountOverflowError) {
      return { ok: false, option: "width", message: e.message, notes };
    }
    throw e;
  }
}
