import { describe, expect, it } from "vitest";
import { calculate } from "@/lib/calculator";
import { CountOverflowError } from "@/lib/cost/analyze";
import { buildNetwork } from "@/lib/arch/interpret";
import { analyze } from "@/lib/cost/analyze";
import { ConfigError, parseRequest } from "@/lib/scaling/request";
import { BASELINES } from "@/lib/arch/baselines";
import { MODEL_IDS } from "@/lib/arch/types";

function err(raw: Record<string, unknown>): ConfigError {
  try {
    calculate(parseRequest(raw));
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("parseRequest", () => {
  it("defaults to EfficientNet-B0 explicit 1/1/224, 1000 classes", () => {
    expect(parseRequest({})).toEqual({
      model: "efficientnet",
      classes: 1000,
      scaling: { kind: "explicit", width: 1, depth: 1, resolution: 224 },
    });
  });
  it("accepts numeric strings (CLI) and numbers (batch JSON)", () => {
    expect(parseRequest({ phi: "2", alpha: 1.3 }).scaling).toEqual({
      kind: "compound",
      phi: 2,
      alpha: 1.3,
      beta: 1.1,
      gamma: 1.15,
    });
  });
  it.each([
    [{ model: "vgg" }, "model", /allowed: efficientnet, mobilenetv1, mobilenetv2, resnet50/],
    [{ model: "resnet50", preset: "b1" }, "preset", /EfficientNet/],
    [{ preset: "b9" }, "preset", /allowed: b0, b1/],
    [{ phi: "NaN" }, "phi", /expected a number/],
    [{ phi: "" }, "phi", /expected a number/],
    [{ width: 0 }, "width", /out of range/],
    [{ width: -1 }, "width", /out of range/],
    [{ depth: "Infinity" }, "depth", /expected a number/],
    [{ resolution: 16 }, "resolution", /out of range/],
    [{ resolution: 224.5 }, "resolution", /integer/],
    [{ classes: 0 }, "classes", /out of range/],
    [{ classes: 2.5 }, "classes", /integer/],
    [{ preset: "b1", phi: 1 }, "preset", /conflicts with phi/],
    [{ phi: 1, width: 2 }, "width", /conflicts with phi/],
    [{ alpha: 1.3 }, "alpha", /need phi/],
    [{ alpha: 0.5, phi: 1 }, "alpha", /out of range/],
    [{ phi: -10, beta: 4 }, "phi", /width coefficient/],
    [{ phi: -10, gamma: 2 }, "phi", /smaller than/],
    [{ bogus: 1 }, "bogus", /unknown option/],
  ])("%j is refused naming %s", (raw, option, msg) => {
    const e = err(raw);
    expect(e.option).toBe(option);
    expect(e.message).toMatch(msg);
  });
  it("defaults the resolution to the baseline's own input size", () => {
    for (const model of MODEL_IDS) {
      const r = parseRequest({ model });
      expect(r.scaling).toMatchObject({
        kind: "explicit",
        resolution: BASELINES[model].resolution,
      });
    }
    expect(parseRequest({ model: "efficientnetv2s" }).scaling).toMatchObject({ resolution: 384 });
  });

  it("is case-insensitive for presets", () => {
    expect(calculate(parseRequest({ preset: "B2" })).spec.resolution).toBe(260);
  });
});

describe("exactness guard", () => {
  it("refuses counts past 2^53", () => {
    // Beyond the CLI limits on purpose: the interpreter itself must refuse, not round.
    const spec = buildNetwork({
      model: "resnet50",
      width: 64,
      depth: 4,
      resolution: 20000,
      classes: 1000,
    });
    expect(() => analyze(spec)).toThrow(CountOverflowError);
  });
  it("b8 and l2 presets compute", () => {
    const l2 = calculate(parseRequest({ preset: "l2" }));
    expect(l2.spec.resolution).toBe(800);
    expect(Number.isSafeInteger(l2.totals.macs)).toBe(true);
    expect(l2.totals.trainableParams).toBeGreaterThan(400e6);
  });
});
