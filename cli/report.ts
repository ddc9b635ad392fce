import type { Calculation } from "../lib/calculator";
import type { LayerRow, StageRow } from "../lib/cost/analyze";
import { BASELINES } from "../lib/arch/baselines";

/** The JSON object the CLI prints for one calculation. */
export function toJson(c: Calculation, withLayers: boolean): Record<string, unknown> {
  const t = c.totals;
  const s = c.request.scaling;
  return {
    model: c.spec.model,
    name:
      s.kind === "preset" ? `EfficientNet-${s.preset.toUpperCase()}` : BASELINES[c.spec.model].name,
    scaling: s,
    width: c.spec.width,
    depth: c.spec.depth,
    resolution: c.spec.resolution,
    classes: c.spec.classes,
    dropout: c.spec.dropout,
    trainableParams: t.trainableParams,
    nonTrainableParams: t.nonTrainableParams,
    totalParams: t.totalParams,
    macs: t.macs,
    flops: t.flops,
    weightBytes: t.weightBytes,
    peakActivationBytes: t.peakActivationBytes,
    peakActivationLayer: t.peakActivationLayer,
    layerCount: t.layerCount,
    blockCount: t.blockCount,
    stages: c.stages.map(stageJson),
    ...(withLayers ? { layers: c.layers.map(layerJson) } : {}),
  };
}

function stageJson(s: StageRow): Record<string, unknown> {
  return {
    stage: s.index + 1,
    operator: s.operator,
    resolution: s.inRes,
    outResolution: s.outRes,
    inChannels: s.inChannels,
    channels: s.outChannels,
    layers: s.repeats,
    stride: s.stride,
    trainableParams: s.trainableParams,
    nonTrainableParams: s.nonTrainableParams,
    macs: s.macs,
  };
}

function layerJson(l: LayerRow): Record<string, unknown> {
  return {
    name: l.name,
    op: l.op,
    stage: l.stage + 1,
    kernel: l.kernel,
    stride: l.stride,
    groups: l.groups,
    inShape: l.inShape,
    outShape: l.outShape,
    trainableParams: l.trainableParams,
    nonTrainableParams: l.nonTrainableParams,
    macs: l.macs,
    activationSize: l.activationSize,
  };
}

const int = (n: number): string => n.toLocaleString("en-US");

function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly boolean[],
): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => (right[i] ? c.padStart(w[i] ?? 0) : c.padEnd(w[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(head), w.map((n) => "-".repeat(n)).join("  "), ...rows.map(line)].join("\n");
}

function bytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(2)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(2)} MiB`;
  return `${(n / 2 ** 10).toFixed(1)} KiB`;
}

/** The readable report: configuration, totals, the table-1 stages and optionally every layer. */
export function toText(c: Calculation, withLayers: boolean): string {
  const t = c.totals;
  const j = toJson(c, false);
  const out: string[] = [];
  out.push(
    `${String(j.name)}  width ${c.spec.width.toFixed(4)}  depth ${c.spec.depth.toFixed(4)}  resolution ${c.spec.resolution}  classes ${c.spec.classes}`,
    "",
    `trainable params      ${int(t.trainableParams)}`,
    `non-trainable params  ${int(t.nonTrainableParams)}  (BatchNorm moving mean/variance)`,
    `MACs (paper "FLOPS")  ${int(t.macs)}  (${(t.macs / 1e9).toFixed(3)} B)`,
    `FLOPs (2 x MACs)      ${int(t.flops)}`,
    `weights               fp32 ${bytes(t.weightBytes.fp32)}, fp16 ${bytes(t.weightBytes.fp16)}, int8 ${bytes(t.weightBytes.int8)}`,
    `peak activations      ${bytes(t.peakActivationBytes)} fp32 at batch 1 (at ${t.peakActivationLayer})`,
    "",
    table(
      ["stage", "operator", "resolution", "channels", "layers", "params", "MACs"],
      c.stages.map((s) => [
        String(s.index + 1),
        s.operator,
        `${s.inRes[0]}x${s.inRes[1]}`,
        String(s.outChannels),
        String(s.repeats),
        int(s.trainableParams),
        int(s.macs),
      ]),
      [true, false, true, true, true, true, true],
    ),
  );
  if (withLayers) {
    out.push(
      "",
      table(
        ["layer", "op", "k", "s", "groups", "input", "output", "params", "non-train", "MACs"],
        c.layers.map((l) => [
          l.name,
          l.op,
          l.kernel ? String(l.kernel) : "",
          l.kernel ? String(l.stride) : "",
          l.groups > 1 ? String(l.groups) : "",
          l.inShape.join("x"),
          l.outShape.join("x"),
          int(l.trainableParams),
          int(l.nonTrainableParams),
          int(l.macs),
        ]),
        [false, false, true, true, true, true, true, true, true, true],
      ),
    );
  }
  return out.join("\n");
}
