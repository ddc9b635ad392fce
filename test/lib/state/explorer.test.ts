import { describe, expect, test } from "vitest";

import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";
import {
  EXPLORER_PROPS,
  parseExplorerQuery,
  phiRange,
  scalingInsight,
  serializeExplorer,
  baselineOf,
} from "@/lib/state/explorer";
import { createExplorerStore } from "@/lib/state/explorerStore";

/** The calculator's answer for a query, via the CLI/batch parser (an independent path). */
function expected(query: string) {
  const raw = Object.fromEntries(new URLSearchParams(query));
  return calculate(parseRequest(raw)).totals;
}

describe("explorer links", () => {
  // One link per key (plus the keys it needs), each must round-trip exactly.
  const LINKS = [
    "model=mobilenetv1&phi=0",
    "model=efficientnet&preset=b5",
    "model=efficientnet&phi=2.5",
    "model=mobilenetv2&phi=1&alpha=1.3",
    "model=resnet50&phi=1&beta=1.05",
    "model=efficientnet&phi=1&gamma=1.2",
    "model=efficientnet&width=1.5&depth=1&resolution=224",
    "model=mobilenetv2&width=1&depth=2.25&resolution=224",
    "model=resnet50&width=1&depth=1&resolution=320",
    "model=efficientnet&preset=b2&classes=10",
    "model=resnet50&phi=1&convention=fvcore",
  ];
  test.each(LINKS)("%s round-trips and matches the calculator", (q) => {
    const r = parseExplorerQuery(q);
    expect(r.notes).toEqual([]);
    expect(serializeExplorer(r.params)).toBe(q);
    expect(r.calc.totals).toEqual(expected(q));
  });

  test("every key of the table is covered by a link above", () => {
    const used = new Set(LINKS.flatMap((q) => [...new URLSearchParams(q).keys()]));
    expect([...used].sort()).toEqual(Object.keys(EXPLORER_PROPS).sort());
  });

  test("the default view is the empty query (EfficientNet-B0)", () => {
    const r = parseExplorerQuery("");
    expect(r.params.mode).toBe("preset");
    expect(serializeExplorer(r.params)).toBe("");
    expect(serializeExplorer(r.params, { full: true })).toBe("model=efficientnet&preset=b0");
    expect(r.calc.totals.trainableParams).toBe(5288548);
  });

  test.each([
    [
      "model=vgg16",
      "model",
      /not one of efficientnet, mobilenetv1, mobilenetv2, resnet50/,
      "model=efficientnet&preset=b0",
    ],
    ["preset=b9", "preset", /not one of b0, b1/, "model=efficientnet&preset=b0"],
    ["phi=abc", "phi", /not a number; using the default 1/, "model=efficientnet&phi=1"],
    ["phi=99", "phi", /out of range \(-10 to 20\)/, null],
    [
      "phi=1&alpha=0.5",
      "alpha",
      /out of range \(1 to 4\); using 1/,
      "model=efficientnet&phi=1&alpha=1",
    ],
    ["phi=1&beta=9", "beta", /out of range/, "model=efficientnet&phi=1&beta=4"],
    ["phi=1&gamma=", "gamma", /empty/, "model=efficientnet&phi=1"],
    [
      "width=0",
      "width",
      /out of range \(0.05 to 16\); using 0.05/,
      "model=efficientnet&width=0.05&depth=1&resolution=224",
    ],
    ["depth=-1", "depth", /out of range/, "model=efficientnet&width=1&depth=0.05&resolution=224"],
    [
      "resolution=300.7",
      "resolution",
      /not a whole number; rounded to 301/,
      "model=efficientnet&width=1&depth=1&resolution=301",
    ],
    [
      "resolution=5",
      "resolution",
      /out of range \(32 to 4096\)/,
      "model=efficientnet&width=1&depth=1&resolution=32",
    ],
    ["classes=0", "classes", /out of range/, "model=efficientnet&preset=b0&classes=1"],
    ["model=resnet50&preset=b3", "preset", /has no official presets/, "model=resnet50&phi=0"],
    ["preset=b3&phi=2&width=3", "phi", /ignored: preset b3 fixes/, "model=efficientnet&preset=b3"],
    ["phi=2&width=3", "width", /ignored: compound scaling/, "model=efficientnet&phi=2"],
    ["beta=1.2", "phi", /phi missing/, "model=efficientnet&phi=1&beta=1.2"],
    ["color=red", "color", /unknown key "color"/, "model=efficientnet&preset=b0"],
  ])("%s is corrected with a note on %s", (q, key, message, canonical) => {
    const r = parseExplorerQuery(q);
    const note = r.notes.find((n) => n.key === key);
    expect(note?.message).toMatch(message);
    if (canonical) expect(serializeExplorer(r.params, { full: true })).toBe(canonical);
    // Whatever the link, the state calculates and re-reads without further notes.
    const again = parseExplorerQuery(serializeExplorer(r.params));
    expect(again.notes).toEqual([]);
    expect(again.calc.totals).toEqual(r.calc.totals);
  });

  test("phi is clamped to the range that keeps d, w and resolution legal", () => {
    const r = parseExplorerQuery("model=efficientnet&phi=-10&gamma=1.5");
    const range = phiRange("efficientnet", 1.2, 1.1, 1.5);
    expect(r.params.values.phi).toBe(range.min);
    expect(r.calc.coefficients.resolution).toBeGreaterThanOrEqual(32);
    expect(r.notes[0]!.message).toMatch(/would take depth, width or resolution out of range/);
  });

  test("configurations too large to count exactly are reduced, with the reason", () => {
    const r = parseExplorerQuery("model=resnet50&width=16&depth=32&resolution=4096");
    expect(r.notes.at(-1)!.message).toMatch(/past 2\^53/);
    expect(Number.isSafeInteger(r.calc.totals.flops)).toBe(true);
  });
});

describe("explorer store", () => {
  test("setValue recalculates synchronously and mirrors the query", () => {
    const s = createExplorerStore("?model=efficientnet&phi=1");
    s.getState().setValue("phi", "3.5");
    expect(s.getState().query).toBe("model=efficientnet&phi=3.5");
    expect(s.getState().calc.totals).toEqual(expected("model=efficientnet&phi=3.5"));
    expect(s.getState().inputNotes).toEqual([]);
  });

  test("typed bad input is corrected with a note", () => {
    const s = createExplorerStore("?phi=1");
    s.getState().setValue("alpha", "lots");
    expect(s.getState().params.values.alpha).toBe(1.2);
    expect(s.getState().inputNotes[0]!.message).toMatch(/not a number/);
    s.getState().setValue("phi", 1e6);
    expect(s.getState().params.values.phi).toBeLessThanOrEqual(20);
    expect(s.getState().inputNotes.length).toBeGreaterThan(0);
  });

  test("modes convert to the closest equivalent network", () => {
    const s = createExplorerStore("?preset=b4");
    const b4 = s.getState().calc.totals;
    s.getState().setMode("explicit");
    expect(s.getState().query).toBe("model=efficientnet&width=1.4&depth=1.8&resolution=380");
    // Same network except the classifier dropout (a preset sets it; no effect on counts).
    expect(s.getState().calc.totals).toEqual(b4);
    s.getState().setMode("compound");
    expect(s.getState().params.mode).toBe("compound");
    s.getState().setMode("preset");
    expect(s.getState().params.mode).toBe("preset");
  });

  test("changing baseline leaves preset mode for compound", () => {
    const s = createExplorerStore("?preset=b3");
    s.getState().setModel("mobilenetv2");
    expect(s.getState().query).toBe("model=mobilenetv2&phi=3");
    expect(s.getState().baseline).toBe(baselineOf("mobilenetv2", 1000));
    s.getState().setPreset("b1"); // not allowed for MobileNetV2
    expect(s.getState().inputNotes[0]!.message).toMatch(/has no official presets/);
    expect(s.getState().params.values.model).toBe("mobilenetv2");
  });

  test("resetConstants and resetAll", () => {
    const s = createExplorerStore("?phi=2&alpha=1.5&beta=1.3");
    s.getState().resetConstants();
    expect(s.getState().query).toBe("model=efficientnet&phi=2");
    s.getState().resetAll();
    expect(s.getState().query).toBe("");
  });

  test("loadQuery replaces the state and its link notes; dismissNotes clears them", () => {
    const s = createExplorerStore();
    s.getState().loadQuery("?model=resnet50&phi=zz");
    expect(s.getState().linkNotes).toHaveLength(1);
    s.getState().dismissNotes();
    expect(s.getState().linkNotes).toEqual([]);
  });

  test("an unchanged value does not notify subscribers", () => {
    const s = createExplorerStore("?phi=2");
    let calls = 0;
    s.subscribe(() => calls++);
    s.getState().setValue("phi", 2);
    expect(calls).toBe(0);
  });

  test("insight: constraint, predicted and real FLOPs multipliers", () => {
    const r = parseExplorerQuery("model=efficientnet&phi=3");
    const i = scalingInsight(r.params, r.calc, baselineOf("efficientnet", 1000));
    expect(i.flopsBase).toBeCloseTo(1.2 * 1.1 ** 2 * 1.15 ** 2, 12);
    expect(i.constraintError).toBeCloseTo(Math.abs(i.flopsBase - 2) / 2, 12);
    expect(i.predictedByConstraint).toBeCloseTo(i.flopsBase ** 3, 12);
    expect(i.actual).toBe(r.calc.totals.macs / baselineOf("efficientnet", 1000).totals.macs);
    expect(i.d).toBeCloseTo(1.2 ** 3, 12);
    expect(i.resolution).toBe(Math.round(224 * 1.15 ** 3));
  });
});
