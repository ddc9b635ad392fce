import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";

/**
 * MobileNetV3 and EfficientNetV2 against torchvision's own definitions, computed by
 * scripts/reference/torchvision_counts.py (its output is committed beside this test).
 */
interface Case {
  model: string;
  width: number;
  depth: number;
  resolution: number;
  classes: number;
  trainableParams: number;
  nonTrainableParams: number;
  macs: number;
  sameAsCeil: boolean;
}
const ref = JSON.parse(
  readFileSync(resolve(__dirname, "../../reference/torchvision-v3-v2-counts.json"), "utf8"),
) as { cases: Case[]; padding: string };

describe("reference counts: MobileNetV3 and EfficientNetV2 (torchvision 0.14)", () => {
  it("covers all five nets, widths and depths off 1, odd resolutions, other class counts", () => {
    const models = new Set(ref.cases.map((c) => c.model));
    expect([...models].sort()).toEqual([
      "efficientnetv2l",
      "efficientnetv2m",
      "efficientnetv2s",
      "mobilenetv3large",
      "mobilenetv3small",
    ]);
    expect(ref.cases.some((c) => c.resolution % 2 === 1)).toBe(true);
    expect(ref.cases.some((c) => c.width < 1) && ref.cases.some((c) => c.width > 1)).toBe(true);
    expect(ref.cases.some((c) => c.depth < 1) && ref.cases.some((c) => c.depth > 1)).toBe(true);
    // torchvision's symmetric padding gives TF SAME's ceil(H / s) everywhere in these nets.
    expect(ref.cases.every((c) => c.sameAsCeil)).toBe(true);
  });

  it.each(
    ref.cases.map(
      (c) => [`${c.model} w${c.width} d${c.depth} r${c.resolution} k${c.classes}`, c] as const,
    ),
  )("%s matches to the unit", (_label, c) => {
    const calc = calculate(
      parseRequest({
        model: c.model,
        width: c.width,
        depth: c.depth,
        resolution: c.resolution,
        classes: c.classes,
      }),
    );
    expect(calc.totals.trainableParams).toBe(c.trainableParams);
    expect(calc.totals.nonTrainableParams).toBe(c.nonTrainableParams);
    expect(calc.totals.macs).toBe(c.macs);
  });

  it("torchvision's published parameter counts (weights metadata num_params)", () => {
    const published: [string, number][] = [
      ["mobilenetv3large", 5_483_032],
      ["mobilenetv3small", 2_542_856],
      ["efficientnetv2s", 21_458_488],
      ["efficientnetv2m", 54_139_356],
      ["efficientnetv2l", 118_515_272],
    ];
    for (const [model, n] of published) {
      expect(calculate(parseRequest({ model })).totals.trainableParams, model).toBe(n);
    }
  });
});
