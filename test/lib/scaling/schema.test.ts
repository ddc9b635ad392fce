/** Issue 12 §4 and §5: one schema for every scaling key; presets at any resolution. */
import { describe, expect, test } from "vitest";

import { BASELINES } from "@/lib/arch/baselines";
import { calculate } from "@/lib/calculator";
import { explorerHref as gridHref } from "@/lib/scaling/grid";
import { presetsOf } from "@/lib/scaling/presets";
import {
  ConfigError,
  MODES,
  parseRequest,
  REQUEST_KEYS,
  SCALE_DEFAULTS,
  SCALE_PROPS,
} from "@/lib/scaling/request";
import { EXPLORER_PROPS, explorerHref, parseExplorerQuery } from "@/lib/state/explorer";
import { createExplorerStore } from "@/lib/state/explorerStore";
import { defaults } from "@/lib/state/props";

describe("one schema", () => {
  test("the CLI/batch keys, the link keys and the defaults are one table", () => {
    expect(EXPLORER_PROPS).toBe(SCALE_PROPS);
    expect(REQUEST_KEYS).toEqual(Object.keys(SCALE_PROPS));
    expect(SCALE_DEFAULTS).toEqual(defaults(SCALE_PROPS));
    expect(MODES).toEqual(["preset", "compound", "explicit"]);
  });

  test("strict and lenient readings of one bad value: a ConfigError and a note", () => {
    expect(() => parseRequest({ phi: "0x2" })).toThrow(ConfigError);
    const r = parseExplorerQuery("phi=0x2");
    expect(r.notes[0]!.message).toMatch(/phi: "0x2" is not a number/);
  });

  test("one link builder: grid rows, compare and share links read back to the same state", () => {
    const href = explorerHref("mobilenetv2", {
      kind: "compound",
      phi: 1,
      alpha: 1.3,
      beta: 1.1,
      gamma: 1.1,
    });
    expect(href).toBe(gridHref("mobilenetv2", { alpha: 1.3, beta: 1.1, gamma: 1.1 }));
    const r = parseExplorerQuery(href.slice(1));
    expect(r.notes).toEqual([]);
    expect(r.params.values).toMatchObject({ model: "mobilenetv2", phi: 1, alpha: 1.3, gamma: 1.1 });
    expect(explorerHref("efficientnet", { kind: "preset", preset: "b2", resolution: 288 })).toBe(
      "/?model=efficientnet&preset=b2&resolution=288",
    );
  });
});

describe("presets at any resolution", () => {
  test("presets come from the baseline's data; baselines without any offer none", () => {
    for (const b of Object.values(BASELINES)) {
      expect(presetsOf(b.id).map((p) => p.id)).toEqual((b.presets ?? []).map((p) => p.id));
    }
    expect(presetsOf("efficientnet").find((p) => p.id === "b2")?.resolution).toBe(260);
  });

  test("--preset b2 --resolution 288: B2's coefficients at 288 px; default its own 260", () => {
    const at288 = calculate(parseRequest({ preset: "b2", resolution: "288" }));
    expect(at288.coefficients).toMatchObject({ width: 1.1, depth: 1.2, resolution: 288 });
    const own = calculate(parseRequest({ preset: "b2" }));
    expect(own.coefficients.resolution).toBe(260);
    const explicit = calculate(parseRequest({ width: 1.1, depth: 1.2, resolution: 288 }));
    expect(at288.totals.trainableParams).toBe(explicit.totals.trainableParams);
    expect(at288.totals.macs).toBe(explicit.totals.macs);
    expect(at288.coefficients.dropout).toBe(0.3);
  });

  test.each([
    [{ preset: "b2", width: 1.5 }, /conflicts with width/],
    [{ preset: "b2", depth: 2 }, /conflicts with depth/],
    [{ preset: "b2", phi: 1 }, /conflicts with phi/],
    [{ preset: "b2", resolution: 16 }, /resolution/],
    [{ model: "resnet50", preset: "b2" }, /ResNet-50 has no official presets/],
  ])("%j fails clearly", (raw, msg) => {
    expect(() => calculate(parseRequest(raw))).toThrow(msg);
  });

  test("the explorer: a preset with its resolution overridden, in the link and the name", () => {
    const s = createExplorerStore("preset=b2&resolution=288");
    expect(s.getState().params.mode).toBe("preset");
    expect(s.getState().name).toBe("EfficientNet-B2 at 288 px");
    expect(s.getState().query).toBe("model=efficientnet&preset=b2&resolution=288");
    expect(s.getState().linkNotes).toEqual([]);
    s.getState().setValue("resolution", 300);
    expect(s.getState().params.mode).toBe("preset");
    expect(s.getState().query).toBe("model=efficientnet&preset=b2&resolution=300");
    s.getState().setPreset("b3"); // a new preset starts at its own resolution
    expect(s.getState().query).toBe("model=efficientnet&preset=b3");
    expect(s.getState().calc.coefficients.resolution).toBe(300);
    const w = createExplorerStore("preset=b2&width=2");
    expect(w.getState().linkNotes[0]!.message).toMatch(
      /width ignored: preset b2 fixes width and depth/,
    );
  });
});
