/**
 * Runs every PyTorch export snippet whose library is torchvision with a real python3 +
 * torchvision (Debian's python3-torchvision; scripts/ensure-torchvision.sh installs it) and
 * compares the network it builds with the calculator: trainable parameters and MACs, counted
 * with forward hooks under the paper's convention. Skipped only where no python3 with
 * torchvision exists.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

import { calculate } from "@/lib/calculator";
import { parseRequest, type RawRequest } from "@/lib/scaling/request";
import { codeSnippets } from "@/lib/tfjs/snippets";

/**
 * The first python3 that has torchvision: $PYTHON, Debian's, then the one on PATH. Found
 * without importing it (importing torch takes seconds; the test's own run imports it, and a
 * broken install fails there with python's message).
 */
function findPython(): string | null {
  const has =
    "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('torchvision') else 1)";
  for (const p of [process.env.PYTHON, "/usr/bin/python3", "python3"]) {
    if (!p) continue;
    const r = spawnSync(p, ["-c", has], { encoding: "utf8", timeout: 60_000 });
    if (r.status === 0) return p;
  }
  return null;
}

const python = findPython();

/** Counting tail: trainable params and hook-counted MACs of `model` at batch 1. */
const COUNT = `
import json, sys, torch
from torch import nn

def count(model, res):
    model.eval()
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    macs = [0]
    def conv(m, i, o):
        macs[0] += o.shape[2] * o.shape[3] * o.shape[1] * (i[0].shape[1] // m.groups) * m.kernel_size[0] * m.kernel_size[1]
    def lin(m, i, o):
        macs[0] += m.in_features * m.out_features
    for m in model.modules():
        if isinstance(m, nn.Conv2d): m.register_forward_hook(conv)
        elif isinstance(m, nn.Linear): m.register_forward_hook(lin)
    with torch.no_grad():
        model(torch.zeros(1, 3, res, res))
    return {"params": params, "macs": macs[0]}
`;

const CASES: RawRequest[] = [
  // Issue 12: torchvision sized this head 4 x the last stage (12,233,232 parameters).
  { width: 1.21, depth: 1.44, resolution: 96 }, // phi = 2 at a small input
  { width: 0.63, depth: 0.7, resolution: 97, classes: 10 },
  { model: "mobilenetv2", width: 0.75, depth: 1.3, resolution: 97, classes: 7 },
  { model: "resnet50", depth: 0.5, resolution: 64, classes: 3 },
  { model: "mobilenetv3large", classes: 1000 },
  { model: "mobilenetv3large", width: 0.75, resolution: 161, classes: 10 },
  { model: "mobilenetv3small", width: 1.3, depth: 1.7, resolution: 97, classes: 5 },
  { model: "efficientnetv2s", resolution: 96 },
  { model: "efficientnetv2s", width: 0.8, depth: 0.6, resolution: 97, classes: 10 },
  { model: "efficientnetv2m", width: 0.5, depth: 0.3, resolution: 64, classes: 3 },
  { model: "efficientnetv2l", width: 0.4, depth: 0.2, resolution: 65, classes: 3 },
];

describe.skipIf(python === null)(
  "PyTorch snippets run in torchvision and build the same net",
  () => {
    it("every torchvision snippet: parameters and MACs equal the calculator's", () => {
      const calcs = CASES.map((raw) => calculate(parseRequest(raw)));
      const programs = calcs.map((c) => {
        const s = codeSnippets(c.spec).find((x) => x.id === "pytorch")!;
        expect(s.code).toContain("torchvision");
        return s.code;
      });
      // One process for all (importing torch costs seconds): each snippet in its own namespace.
      const script = [
        COUNT,
        `programs = json.loads(sys.stdin.read())`,
        `out = []`,
        `for code, res in programs:`,
        `    ns = {}`,
        `    exec(code, ns)`,
        `    out.append(count(ns["model"], res))`,
        `print(json.dumps(out))`,
      ].join("\n");
      const r = spawnSync(python!, ["-c", script], {
        input: JSON.stringify(programs.map((p, i) => [p, calcs[i]!.spec.resolution])),
        encoding: "utf8",
        timeout: 300_000,
        maxBuffer: 1 << 24,
      });
      expect(r.status, r.stderr).toBe(0);
      const got = JSON.parse(r.stdout) as { params: number; macs: number }[];
      calcs.forEach((c, i) => {
        const label = JSON.stringify(CASES[i]);
        expect(got[i]!.params, label).toBe(c.totals.trainableParams);
        expect(got[i]!.macs, label).toBe(c.totals.macs);
      });
      // The figure: B0 at phi = 2 has 12,255,408 parameters, in torchvision too.
      expect(got[0]!.params).toBe(12_255_408);
    }, 600_000);
  },
);
