import { BASELINES } from "./baselines";
import { BLOCKS } from "./blocks";
import { channelsOf, Emitter } from "./emitter";
import { NAMING, type BlockPart } from "./naming";
import type { BaselineDef, NetworkConfig, NetworkSpec, StageSpec } from "./types";
import { roundRepeats, scaleChannels } from "../scaling/rounding";

export { sameOut } from "./emitter";

/** Channels of the head conv at width w (null = the baseline has none). */
function headConvChannels(base: BaselineDef, w: number, lastC: number): number | null {
  const h = base.headConv;
  if (!h) return null;
  if (h.rule === "lastTimes") return h.times * lastC;
  return scaleChannels(h.filters, h.minWidthOne ? Math.max(1, w) : w, base.channelRule);
}

/**
 * Every channel count the interpreter derives from a width coefficient, in order: equal
 * signatures mean equal networks at equal depth and resolution (lib/scaling/separable.ts
 * interns widths by it). Kept beside buildNetwork so the two scale the same fields.
 */
export function widthSignature(base: BaselineDef, w: number): number[] {
  const ch = (c: number): number => scaleChannels(c, w, base.channelRule);
  const parts = [ch(base.stem.filters)];
  for (const s of base.stages) {
    parts.push(ch(s.filters), s.mid > 0 ? ch(s.mid) : 0);
    if (s.expandedFilters) parts.push(ch(s.expandedFilters));
  }
  const last = base.stages[base.stages.length - 1];
  parts.push(headConvChannels(base, w, last ? ch(last.filters) : 0) ?? 0);
  if (base.headDense) parts.push(ch(base.headDense.units));
  return parts;
}

/**
 * Expands a baseline table at (width, depth, resolution, classes) into a concrete network.
 * The one interpreter for every baseline: the tables differ, the code path does not.
 */
export function buildNetwork(cfg: NetworkConfig): NetworkSpec {
  const base = BASELINES[cfg.model];
  const names = NAMING[base.naming];
  const { width: w, depth: d, resolution, classes } = cfg;
  const dropout = cfg.dropout ?? base.dropout;
  const ch = (c: number): number => scaleChannels(c, w, base.channelRule);
  const act = base.activation;
  const e = new Emitter(base.bnEpsilon);
  const stages: StageSpec[] = [];
  const repeats = base.stages.map((s) => roundRepeats(s.repeats, d));
  const totalBlocks = repeats.reduce((a, b) => a + b, 0);

  // Stem.
  let x = e.input(resolution);
  x = e.conv(names.stem("conv"), x, ch(base.stem.filters), base.stem.kernel, base.stem.stride);
  x = e.bn(names.stem("bn"), x);
  x = e.act(names.stem("act"), x, act);
  if (base.stem.maxPool) {
    x = e.maxPool(names.stem("pool"), x, base.stem.maxPool.kernel, base.stem.maxPool.stride);
  }
  const k = base.stem.kernel;
  stages.push({
    index: 0,
    operator: `Conv${k}x${k}${base.stem.maxPool ? " & MaxPool" : ""}`,
    kind: "stem",
    inRes: [resolution, resolution],
    outRes: [x.shape[0] ?? 0, x.shape[1] ?? 0],
    inChannels: 3,
    outChannels: channelsOf(x),
    repeats: 1,
    stride: base.stem.stride * (base.stem.maxPool?.stride ?? 1),
    kernel: k,
    expand: 1,
  });

  let global = 0;
  base.stages.forEach((st, si) => {
    e.stage = si + 1;
    const stageIn = x;
    const kind = BLOCKS[st.block ?? base.block];
    const outC = ch(st.filters);
    const blockAct = st.activation ?? act;
    const n = repeats[si] ?? 1;
    for (let bi = 0; bi < n; bi++) {
      e.block = bi;
      const g = global;
      // A literal of one fixed shape (not a spread of a shared context): this loop is hot.
      x = kind.emit(x, {
        e,
        base,
        stage: st,
        nm: (p: BlockPart): string => names.block(si, bi, g, p),
        stride: bi === 0 ? st.stride : 1,
        outC,
        ch,
        act: blockAct,
        // Keras's and torchvision's per-block rate grows linearly with the block index.
        dropRate: (base.dropConnect * g) / totalBlocks,
      });
      global++;
    }
    stages.push({
      index: si + 1,
      operator: kind.label(st, base),
      kind: "blocks",
      inRes: [stageIn.shape[0] ?? 0, stageIn.shape[1] ?? 0],
      outRes: [x.shape[0] ?? 0, x.shape[1] ?? 0],
      inChannels: channelsOf(stageIn),
      outChannels: channelsOf(x),
      repeats: n,
      stride: st.stride,
      kernel: st.kernel,
      expand: st.expandedFilters
        ? Number(kind.expandOf(st, channelsOf(stageIn), ch).toFixed(2))
        : st.expand,
    });
  });

  // Head.
  e.stage = base.stages.length + 1;
  e.block = -1;
  const headIn = x;
  const ops: string[] = [];
  const headC = headConvChannels(base, w, channelsOf(x));
  if (headC !== null) {
    x = e.conv(names.head("conv"), x, headC, 1, 1);
    x = e.bn(names.head("bn"), x);
    x = e.act(names.head("act"), x, act);
    ops.push("Conv1x1");
  }
  const features = channelsOf(x);
  x = e.gap(names.head("pool"), x);
  ops.push("Pooling");
  if (base.headDense) {
    x = e.dense(names.head("dense"), x, ch(base.headDense.units), base.headDense.activation);
    ops.push("FC");
  }
  ops.push("FC");
  if (base.classifier === "conv1x1") {
    x = e.reshape(names.head("reshape"), x, [1, 1, features]);
    if (dropout > 0) x = e.dropout(names.head("dropout"), x, dropout);
    x = e.conv(names.head("classifier"), x, classes, 1, 1, true);
    x = e.reshape(names.head("reshape_out"), x, [classes]);
    e.act(names.head("softmax"), x, "softmax");
  } else {
    if (dropout > 0) x = e.dropout(names.head("dropout"), x, dropout);
    e.dense(names.head("classifier"), x, classes, "softmax");
  }
  stages.push({
    index: base.stages.length + 1,
    operator: ops.join(" & "),
    kind: "head",
    inRes: [headIn.shape[0] ?? 0, headIn.shape[1] ?? 0],
    outRes: [1, 1],
    inChannels: channelsOf(headIn),
    outChannels: headC !== null ? features : classes,
    repeats: 1,
    stride: 1,
    kernel: headC !== null ? 1 : 0,
    expand: 1,
  });

  return {
    model: cfg.model,
    name: base.name,
    width: w,
    depth: d,
    resolution,
    classes,
    dropout,
    layers: e.layers,
    stages,
  };
}
