import { describe, expect, it } from "vitest";

import { scale } from "./run-cli";
import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";

describe("scale CLI", () => {
  it("--preset b3 --json prints one object with the required keys", () => {
    const r = scale(["--preset", "b3", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    for (const k of [
      "model",
      "width",
      "depth",
      "resolution",
      "classes",
      "trainableParams",
      "nonTrainableParams",
      "macs",
      "stages",
    ]) {
      expect(j).toHaveProperty(k);
    }
    expect(j.trainableParams).toBe(12233232);
    expect(j.macs).toBe(1827141392);
    expect(j.layers).toBeUndefined();
    expect((j.stages as unknown[]).length).toBe(9);
  });

  it("--layers adds the per-layer rows, summing to the totals", () => {
    const r = scale([
      "--model",
      "mobilenetv2",
      "--width",
      "0.75",
      "--resolution",
      "192",
      "--layers",
      "--json",
    ]);
    const j = JSON.parse(r.out) as { macs: number; layers: { macs: number; name: string }[] };
    expect(j.layers.reduce((s, l) => s + l.macs, 0)).toBe(j.macs);
    expect(j.layers[0]!.name).toBe("input");
  });

  it("compound scaling of another baseline, readable table by default", () => {
    const r = scale(["--model", "resnet50", "--phi", "1.5", "--alpha", "1.3"]);
    expect(r.code).toBe(0);
    const c = calculate(parseRequest({ model: "resnet50", phi: 1.5, alpha: 1.3 }));
    expect(r.out).toContain(c.totals.trainableParams.toLocaleString("en-US"));
    expect(r.out).toMatch(/stage\s+operator\s+resolution\s+channels\s+layers/);
  });

  it("--batch answers each line in order; bad lines yield an error and the rest go on", () => {
    const lines = [
      '{"model":"resnet50","width":1.5,"depth":2,"resolution":320,"classes":10}',
      "{not json",
      '{"preset":"b1","model":"mobilenetv2"}',
      "",
      '{"phi":-1}',
    ].join("\n");
    const r = scale(["--batch"], lines + "\n");
    expect(r.code).toBe(0);
    const out = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.length).toBe(4);
    expect(out[0]!.trainableParams).toBe(
      calculate(
        parseRequest({ model: "resnet50", width: 1.5, depth: 2, resolution: 320, classes: 10 }),
      ).totals.trainableParams,
    );
    expect(out[1]!.error).toMatch(/line 2: not valid JSON/);
    expect(out[2]!.error).toMatch(/preset/);
    expect(out[3]!.resolution).toBe(Math.round(224 / 1.15));
  });

  it.each([
    [
      ["--model", "vgg16"],
      /--model: unknown model "vgg16"; allowed: efficientnet, mobilenetv1, mobilenetv2, resnet50/,
    ],
    [["--model", "resnet50", "--preset", "b2"], /--preset: .*EfficientNet/],
    [["--phi", "NaN"], /--phi: expected a number from -10 to 20/],
    [["--width", "0"], /--width: 0 is out of range/],
    [["--resolution", "-5"], /--resolution: -5 is out of range/],
    [["--resolution", "20"], /--resolution: 20 is out of range; allowed from 32/],
    [["--preset", "b2", "--width", "2"], /--preset: conflicts with width/],
    [["--phi"], /--phi needs a value/],
    [["--frobnicate"], /unknown option --frobnicate/],
    [["--batch", "--phi", "1"], /--batch reads its options from stdin/],
  ])("bad input %j: exit 2, message names the option, no stack trace", (args, msg) => {
    const r = scale(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(msg);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe("hardening (issue 11)", () => {
  it("--batch goes on past every bad line, echoing at most a short prefix", () => {
    const lines = [
      '{"preset":{"toString":1}}',
      `{"phi":${"[".repeat(5000)}${"]".repeat(5000)}}`,
      `{"phi":"${"x".repeat(20_000_000)}"}`,
      '{"phi":1e400}',
      '{"preset":"b1"}',
    ];
    const r = scale(["--batch"], lines.join("\n") + "\n");
    expect(r.code).toBe(0);
    const out = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(5);
    for (const o of out.slice(0, 4)) expect(String(o.error).length).toBeLessThan(200);
    expect(out[0]!.error).toMatch(/preset/);
    expect(out[3]!.error).toMatch(/not finite/);
    expect(out[4]!.resolution).toBe(240);
  });

  it.each([
    [["--resolution", "0x100"], /decimal notation, got "0x100"/],
    [["--toString", "1"], /unknown option --toString/],
    [["--compare", "--budget", "phi=0x2"], /--budget: phi "0x2" is not allowed/],
    [["--grid", "--limit", "0x10"], /--limit: expected a whole number/],
  ])("%j: exit 2 with one line", (args, msg) => {
    const r = scale(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });
});
