/** The Lab's MACs axis: ticks that read differently, with room around the points. */
import { describe, expect, it } from "vitest";

import { linearTicks } from "@/components/charts/chartData";

const labels = (lo: number, hi: number) => {
  const t = linearTicks(lo, hi, 1e6);
  return { ...t, text: t.ticks.map((v) => (v / 1e6).toFixed(t.decimals)) };
};

describe("linearTicks", () => {
  it.each([
    [1.24e6, 1.24e6], // one run, or every point at one cost
    [1.24e6, 2.68e6], // the 2x experiment
    [1.24e6, 5.42e6], // 2x and 4x together
    [2.44e6, 2.52e6], // equal-cost strategies, close together
    [0, 0],
    [3e4, 3.1e4],
  ])("%d..%d: distinct labels on a 1-2-5 step, every point strictly inside", (lo, hi) => {
    const t = labels(lo, hi);
    expect(new Set(t.text).size).toBe(t.ticks.length);
    expect(t.ticks.length).toBeGreaterThanOrEqual(3);
    expect(t.ticks.length).toBeLessThanOrEqual(9);
    expect(t.domain[0]).toBeLessThan(lo);
    expect(t.domain[1]).toBeGreaterThan(hi);
    const step = t.ticks[1]! - t.ticks[0]!;
    const mant = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
    expect([1, 2, 5].some((m) => Math.abs(mant - m) < 1e-6)).toBe(true);
  });

  it("survives non-finite input with a usable axis", () => {
    const t = linearTicks(NaN, Infinity);
    expect(t.ticks.every(Number.isFinite)).toBe(true);
    expect(t.domain[0]).toBeLessThan(t.domain[1]);
  });
});
