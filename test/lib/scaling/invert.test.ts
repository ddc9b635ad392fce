import { describe, expect, it } from "vitest";
import type { ModelId } from "@/lib/arch/types";
import { macsOf, solveBudget, STRATEGIES, type Strategy } from "@/lib/scaling/invert";
import { compoundCoefficients } from "@/lib/scaling/compound";

const MODELS: ModelId[] = ["efficientnet", "mobilenetv1", "mobilenetv2", "resnet50"];

/** MACs of a strategy's configuration at coefficient c, computed without the solver. */
function macsAt(m: ModelId, s: Strategy, c: number): number {
  switch (s) {
    case "depth":
      return macsOf(m, 1, c, 224);
    case "width":
      return macsOf(m, c, 1, 224);
    case "resolution":
      return macsOf(m, 1, 1, c);
    case "compound": {
      const k = compoundCoefficients(m, c);
      return macsOf(m, k.width, k.depth, k.resolution);
    }
  }
}

/** Brute-force grids over a small range of each coefficient. */
const GRID: Record<Strategy, number[]> = {
  depth: Array.from({ length: 301 }, (_, i) => 1 + i * 0.01),
  width: Array.from({ length: 301 }, (_, i) => 1 + i * 0.005),
  resolution: Array.from({ length: 200 }, (_, i) => 224 + i),
  compound: Array.from({ length: 301 }, (_, i) => i * 0.01),
};

describe("solveBudget meets the budget as closely as rounding allows", () => {
  for (const m of MODELS) {
    for (const s of STRATEGIES) {
      it(`${m} / ${s}: no grid point is closer`, () => {
        const base = macsOf(m, 1, 1, 224);
        for (const mult of [1.37, 1.9, 2.6]) {
          const target = base * mult;
          const sol = solveBudget(m, s, target);
          expect(sol.macs).toBe(
            macsAt(m, s, s === "resolution" ? sol.resolution : sol.coefficient),
          );
          const best = Math.min(...GRID[s].map((c) => Math.abs(macsAt(m, s, c) - target)));
          // The solver searches the continuum; the grid can only be equal or worse.
          expect(Math.abs(sol.macs - target)).toBeLessThanOrEqual(best);
          expect(sol.clamped).toBe(false);
        }
      });
    }
  }

  it("reports clamping when the budget is out of reach", () => {
    const sol = solveBudget("efficientnet", "resolution", 1e15);
    expect(sol.clamped).toBe(true);
    // The smallest resolution with the same MACs as 4096 px (ceil(4095 / 32) = ceil(4096 / 32)).
    expect(macsOf("efficientnet", 1, 1, sol.resolution)).toBe(macsOf("efficientnet", 1, 1, 4096));
    expect(sol.resolution).toBeLessThanOrEqual(4096);
    const low = solveBudget("resnet50", "width", 1);
    expect(low.clamped).toBe(true);
  });

  it("an exactly reachable budget is hit exactly", () => {
    const target = macsOf("mobilenetv2", 1, 1, 300);
    const sol = solveBudget("mobilenetv2", "resolution", target);
    expect(sol.macs).toBe(target);
    // Reported at the smallest resolution giving that network: 299 px has the same shapes.
    expect(sol.resolution).toBe(299);
    expect(macsOf("mobilenetv2", 1, 1, 298)).toBeLessThan(target);
  });
});
