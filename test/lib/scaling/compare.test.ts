import { describe, expect, it } from "vitest";

import { BASELINES } from "@/lib/arch/baselines";
import type { ModelId } from "@/lib/arch/types";
import { calculate } from "@/lib/calculator";
import { TABLE3, TABLE7, type ScaledResult } from "@/lib/paper";
import {
  compareStrategies,
  comparisonToJSON,
  FIGURE4_BASES,
  formatBudget,
  parseBudget,
  strategyCurve,
} from "@/lib/scaling/compare";
import { compoundCoefficients } from "@/lib/scaling/compound";
import { macsOf, solveBudget, type Strategy } from "@/lib/scaling/invert";
import { ConfigError } from "@/lib/scaling/request";
import { scaleResolution } from "@/lib/scaling/rounding";
import { SeparableCost } from "@/lib/scaling/separable";

describe("parseBudget", () => {
  it("reads multiples, MAC counts with suffixes and phi", () => {
    expect(parseBudget("2x")).toEqual({ kind: "multiple", factor: 2 });
    expect(parseBudget(" 4.5X ")).toEqual({ kind: "multiple", factor: 4.5 });
    expect(parseBudget("1.8e9")).toEqual({ kind: "macs", macs: 1.8e9 });
    expect(parseBudget("1.8B")).toEqual({ kind: "macs", macs: 1.8e9 });
    expect(parseBudget("800M")).toEqual({ kind: "macs", macs: 8e8 });
    expect(parseBudget("phi=1.5")).toEqual({ kind: "phi", phi: 1.5 });
    for (const b of ["2x", "phi=3", "123456789"]) expect(formatBudget(parseBudget(b))).toBe(b);
  });

  it.each(["", "x", "2y", "-2x", "0x", "5000x", "phi=", "phi=abc", "phi=99", "12", "1e20", "NaN"])(
    "rejects %j naming the budget option and the allowed forms",
    (raw) => {
      let err: unknown;
      try {
        parseBudget(raw);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).option).toBe("budget");
      expect((err as Error).message).toMatch(/allowed|phi must be/);
    },
  );
});

/**
 * Brute force: every configuration a strategy can reach, enumerated independently of the
 * solver. Depth: MACs only change where some ceil(n * d) steps, i.e. at d = k / n, so
 * evaluating every such d covers every depth configuration. Resolution: every integer.
 * Width and phi: a fine grid (each step of the width rounding is wider than it).
 */
function reachable(model: ModelId, s: Strategy, cost: SeparableCost): number[] {
  const res0 = BASELINES[model].resolution;
  const out: number[] = [];
  if (s === "depth") {
    for (const st of BASELINES[model].stages) {
      for (let k = 1; k <= st.repeats * 6; k++) out.push(cost.cost(1, k / st.repeats, res0).macs);
    }
  } else if (s === "resolution") {
    for (let r = 32; r <= 700; r++) out.push(cost.cost(1, 1, r).macs);
  } else if (s === "width") {
    for (let w = 0.05; w <= 3; w += 0.001) out.push(cost.cost(w, 1, res0).macs);
  } else {
    for (let phi = -2; phi <= 4; phi += 0.001) {
      const c = compoundCoefficients(model, phi);
      if (c.resolution < 32) continue;
      out.push(cost.cost(c.width, c.depth, c.resolution).macs);
    }
  }
  return out;
}

describe("compareStrategies meets the budget as closely as rounding allows", () => {
  for (const model of ["mobilenetv2", "efficientnet"] as const) {
    it(`${model}: no reachable configuration is closer to 2x or 3.3x than the solved one`, () => {
      const cost = new SeparableCost(model);
      const all = {} as Record<Strategy, number[]>;
      for (const s of ["depth", "width", "resolution", "compound"] as const)
        all[s] = reachable(model, s, cost);
      for (const budget of ["2x", "3.3x"]) {
        const c = compareStrategies(model, parseBudget(budget));
        expect(c.targetMacs).toBe(c.baseline.macs * parseFloat(budget));
        for (const cfg of c.configs) {
          const best = Math.min(...all[cfg.strategy].map((m) => Math.abs(m - c.targetMacs)));
          // The solved configuration is at least as close as every enumerated one...
          expect(Math.abs(cfg.macs - c.targetMacs)).toBeLessThanOrEqual(best);
          // ...and is itself reachable (its MACs are a real network's).
          expect(cfg.macs).toBe(macsOf(model, cfg.width, cfg.depth, cfg.resolution));
          expect(cfg.relativeError).toBeCloseTo((cfg.macs - c.targetMacs) / c.targetMacs, 12);
          expect(cfg.clamped).toBe(false);
          // Each column scales only its own dimension.
          if (cfg.strategy === "depth") expect([cfg.width, cfg.resolution]).toEqual([1, 224]);
          if (cfg.strategy === "width") expect([cfg.depth, cfg.resolution]).toEqual([1, 224]);
          if (cfg.strategy === "resolution") expect([cfg.width, cfg.depth]).toEqual([1, 1]);
        }
      }
    });
  }

  it("a phi budget keeps the compound network exact and matches the others to its MACs", () => {
    const c = compareStrategies("efficientnet", parseBudget("phi=2"));
    const compound = c.configs.find((x) => x.strategy === "compound")!;
    const k = compoundCoefficients("efficientnet", 2);
    expect(compound.coefficient).toBe(2);
    expect([compound.width, compound.depth, compound.resolution]).toEqual([
      k.width,
      k.depth,
      k.resolution,
    ]);
    expect(compound.relativeError).toBe(0);
    expect(c.targetMacs).toBe(macsOf("efficientnet", k.width, k.depth, k.resolution));
    for (const cfg of c.configs) expect(Math.abs(cfg.relativeError)).toBeLessThan(0.05);
  });

  it("reports params, activation memory and per-stage shapes of the real network", () => {
    const c = compareStrategies("resnet50", parseBudget("2x"), { classes: 10 });
    for (const cfg of c.configs) {
      const calc = calculate({
        model: "resnet50",
        classes: 10,
        scaling: {
          kind: "explicit",
          width: cfg.width,
          depth: cfg.depth,
          resolution: cfg.resolution,
        },
      });
      expect(cfg.trainableParams).toBe(calc.totals.trainableParams);
      expect(cfg.peakActivationBytes).toBe(calc.totals.peakActivationBytes);
      expect(cfg.stages.map((s) => s.repeats)).toEqual(calc.stages.map((s) => s.repeats));
    }
    const json = comparisonToJSON(c) as { configs: Record<string, unknown>[] };
    expect(json.configs).toHaveLength(4);
    expect(json.configs[0]).not.toHaveProperty("spec");
  });

  it("flags a budget the strategy cannot reach as clamped", () => {
    // Width is limited to 16x: 1000x the MACs of MobileNetV1 needs more.
    const c = compareStrategies("mobilenetv1", parseBudget("1000x"));
    expect(c.configs.find((x) => x.strategy === "width")!.clamped).toBe(true);
  });

  it("rejects bad alpha/beta/gamma/classes with the option named", () => {
    expect(() => compareStrategies("efficientnet", parseBudget("2x"), { alpha: 0.5 })).toThrow(
      /^alpha:/,
    );
    expect(() => compareStrategies("efficientnet", parseBudget("2x"), { classes: 0 })).toThrow(
      /^classes:/,
    );
  });
});

describe("curves (figures 3, 4, 8)", () => {
  it("MACs grow with every coefficient and match the real networks", () => {
    for (const s of ["depth", "width", "resolution", "compound"] as const) {
      const pts = strategyCurve("efficientnet", s);
      for (let i = 1; i < pts.length; i++)
        expect(pts[i]!.macs).toBeGreaterThanOrEqual(pts[i - 1]!.macs);
      const p = pts[3]!;
      expect(p.macs).toBe(macsOf("efficientnet", p.width, p.depth, p.resolution));
    }
  });

  it("figure 4: at equal width, a deeper / higher-resolution base costs more", () => {
    const [a, b, c, d] = FIGURE4_BASES.map(
      (base) => strategyCurve("efficientnet", "width", [1.5], base)[0]!,
    );
    expect(b!.resolution).toBe(scaleResolution(224, 1.3));
    expect(c!.depth).toBe(2);
    expect(d!.macs).toBeGreaterThan(Math.max(b!.macs, c!.macs));
    expect(Math.min(b!.macs, c!.macs)).toBeGreaterThan(a!.macs);
  });
});

// ---------------------------------------------------------------------------------------
// Published FLOPs: tables 3 and 7 (paper FLOPS = MACs, printed in billions).

function configOf(model: ModelId, c: NonNullable<ScaledResult["coefficients"]>) {
  return {
    width: c.width ?? 1,
    depth: c.depth ?? 1,
    resolution: scaleResolution(BASELINES[model].resolution, c.resolution ?? 1),
  };
}

function computedB(r: ScaledResult): number {
  const k = configOf(r.model, r.coefficients!);
  return macsOf(r.model, k.width, k.depth, k.resolution) / 1e9;
}

const rel = (a: number, b: number): number => Math.abs(a - b) / b;

describe("table 3 reproduces within 10%", () => {
  const isSwapped = (r: ScaledResult): boolean =>
    r.model === "resnet50" && (r.source.row === 11 || r.source.row === 12);
  // Rows 9 and 14 (MobileNetV2 and ResNet-50 compound) print no coefficients: nothing to
  // build, so nothing to reproduce. They are listed here so dropping them is a visible choice.
  const withoutCoefficients = TABLE3.filter((r) => r.coefficients === null).map(
    (r) => r.source.row,
  );
  it("only the two compound rows lack coefficients", () => {
    expect(withoutCoefficients).toEqual([9, 14]);
  });

  for (const r of TABLE3.filter((x) => x.coefficients !== null && !isSwapped(x))) {
    it(`row ${r.source.row}: ${r.label} (${r.flopsB}B)`, () => {
      expect(rel(computedB(r), r.flopsB)).toBeLessThanOrEqual(0.1);
    });
  }

  it("rows 11/12 (ResNet-50 d=4 16.2B, w=2 14.7B) reproduce only with their FLOPs swapped", () => {
    const d4 = TABLE3.find((x) => x.source.row === 11)!;
    const w2 = TABLE3.find((x) => x.source.row === 12)!;
    expect(computedB(d4)).toBeCloseTo(14.57, 1);
    expect(computedB(w2)).toBeCloseTo(16.12, 1);
    // As printed they miss by more than 10%...
    expect(rel(computedB(d4), d4.flopsB)).toBeGreaterThan(0.1);
    // ...swapped, both land within 1%.
    expect(rel(computedB(d4), w2.flopsB)).toBeLessThan(0.01);
    expect(rel(computedB(w2), d4.flopsB)).toBeLessThan(0.01);
  });
});

describe("table 7 (EfficientNet-B0 scaled, figure 7)", () => {
  const row = (n: number): ScaledResult => TABLE7.find((r) => r.source.row === n)!;
  const base = macsOf("efficientnet", 1, 1, 224) / 1e9;

  it("the baseline and the compound row (d=1.4, w=1.2, r=1.3) reproduce within 10%", () => {
    expect(rel(base, row(1).flopsB)).toBeLessThanOrEqual(0.1);
    expect(rel(computedB(row(5)), row(5).flopsB)).toBeLessThanOrEqual(0.1);
  });

  /**
   * Rows 2-4 (d=4 1.8B, w=2 1.8B, r=2 1.9B) do not reproduce as labelled: these rules give
   * 1.575B, 1.450B and 1.538B. For w=2 and r=2 no counting could: r=2 quadruples the output
   * pixels of every layer and w=2 at most doubles both channel counts of every convolution
   * (B0's channels are multiples of 8, so round_filters doubles them exactly), so both are
   * at most 4 x the 0.4B baseline = 1.6B, while the paper prints 4.5x and 4.75x. d=4 gives
   * 4.08x (repeated blocks cost a little more than a stage's first block), also short of 4.5x.
   * What does hold: the coefficient that reaches the printed FLOPs rounds to the printed
   * label (d=4.25 -> 4, w=2.22 -> 2, r=2.16 -> 2), i.e. the labels look like rounded
   * coefficients of models picked at ~1.8B on the figure 8 curves.
   */
  for (const [n, strategy, label] of [
    [2, "depth", 4],
    [3, "width", 2],
    [4, "resolution", 2],
  ] as const) {
    it(`row ${n} (${strategy} ${label}): as labelled it falls >10% short; printed ${row(n).flopsB}B needs ${strategy} ~${label} rounded`, () => {
      const r = row(n);
      const literal = computedB(r);
      expect(literal / base).toBeLessThanOrEqual(strategy === "depth" ? 4.1 : 4);
      expect(r.flopsB / row(1).flopsB).toBeGreaterThanOrEqual(4.5);
      expect(rel(literal, r.flopsB)).toBeGreaterThan(0.1); // documented, not reproducible
      const s = solveBudget("efficientnet", strategy, r.flopsB * 1e9);
      expect(Math.abs(s.relativeError)).toBeLessThan(0.02);
      expect(Math.round(s.coefficient)).toBe(label);
      expect(s.coefficient).toBeGreaterThan(label);
    });
  }
});

describe("a budget that is no number fails at once", () => {
  it.each([
    { kind: "macs", macs: Number.NaN },
    { kind: "macs", macs: Number.POSITIVE_INFINITY },
    { kind: "macs", macs: -5 },
    { kind: "multiple", factor: Number.NaN },
    { kind: "multiple", factor: 0 },
  ] as const)("%o", (budget) => {
    expect(() => compareStrategies("efficientnet", budget)).toThrow(/budget: .*positive finite/);
  });

  it("solveBudget refuses a NaN target", () => {
    expect(() => solveBudget("efficientnet", "depth", Number.NaN)).toThrow(RangeError);
  });
});
