import { BASELINES } from "./arch/baselines";
import { buildNetwork } from "./arch/interpret";
import type { ModelId } from "./arch/types";
import { analyze, type Analysis } from "./cost/analyze";
import { resolveScaling, type Coefficients } from "./scaling/compound";
import { LIMITS } from "./scaling/limits";
import { checkResolution, ConfigError, type CalcRequest } from "./scaling/request";

export interface Calculation extends Analysis {
  readonly request: CalcRequest;
  readonly coefficients: Coefficients;
}

/** Request -> coefficients -> network spec -> costs. The one entry point for every view. */
export function calculate(req: CalcRequest): Calculation {
  const coefficients = resolveScaling(req.model, req.scaling);
  checkResolution(
    req.model,
    coefficients.resolution,
    req.scaling.kind === "compound" ? "phi" : "resolution",
  );
  // A compound phi can push a coefficient out of range even when phi itself is in range.
  for (const k of ["width", "depth"] as const) {
    const v = coefficients[k];
    const l = LIMITS[k];
    if (!(v >= l.min && v <= l.max)) {
      throw new ConfigError(
        req.scaling.kind === "compound" ? "phi" : k,
        `gives a ${k} coefficient of ${v.toPrecision(4)}; allowed from ${l.min} to ${l.max}`,
      );
    }
  }
  const spec = buildNetwork({
    model: req.model,
    width: coefficients.width,
    depth: coefficients.depth,
    resolution: coefficients.resolution,
    classes: req.classes,
    ...(coefficients.dropout !== undefined ? { dropout: coefficients.dropout } : {}),
  });
  return { ...analyze(spec), request: req, coefficients };
}

/** The baseline itself (width = depth = 1 at its own resolution). */
export function calculateBaseline(model: ModelId, classes = 1000): Calculation {
  const resolution = BASELINES[model].resolution;
  return calculate({
    model,
    classes,
    scaling: { kind: "explicit", width: 1, depth: 1, resolution },
  });
}
