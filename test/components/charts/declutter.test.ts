import { describe, expect, test } from "vitest";

import { visibleLabels, type LabelBox } from "@/components/charts/declutter";

const box = (priority: number, x: number, y: number, width = 40, height = 10): LabelBox => ({
  priority,
  x,
  y,
  width,
  height,
});

describe("visibleLabels", () => {
  test("keeps labels that do not touch, whatever their priority", () => {
    expect(visibleLabels([box(5, 0, 0), box(1, 100, 0), box(3, 0, 50)])).toEqual([
      true,
      true,
      true,
    ]);
  });

  test("of two overlapping labels, the lower priority number wins, in any input order", () => {
    expect(visibleLabels([box(101, 0, 0), box(0, 20, 5)])).toEqual([false, true]);
    expect(visibleLabels([box(0, 20, 5), box(101, 0, 0)])).toEqual([true, false]);
  });

  test("a hidden label does not hide others: only kept labels block", () => {
    // a (kept) hides b; b would have hidden c, but b is not shown, so c stays.
    const a = box(0, 0, 0);
    const b = box(1, 30, 0);
    const c = box(2, 60, 0);
    expect(visibleLabels([a, b, c])).toEqual([true, false, true]);
  });

  test("boxes closer than the padding count as overlapping", () => {
    expect(visibleLabels([box(0, 0, 0), box(1, 40.5, 0)], 1)).toEqual([true, false]);
    expect(visibleLabels([box(0, 0, 0), box(1, 42, 0)], 1)).toEqual([true, true]);
  });

  test("boxes of one group (a label and its own point) do not block each other", () => {
    const point = { ...box(-1, 10, 0, 4, 4), group: "ResNet-50" };
    const own = { ...box(100, 0, 2), group: "ResNet-50" };
    const other = { ...box(101, 0, 2, 40, 10), group: "DenseNet-169" };
    expect(visibleLabels([point, own])).toEqual([true, true]);
    expect(visibleLabels([point, other])).toEqual([true, false]);
  });
});
