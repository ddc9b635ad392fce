import { BASELINES } from "./baselines";
import { NAMING, type BlockPart } from "./naming";
import type {
  Activation,
  BaselineDef,
  LayerOp,
  LayerSpec,
  NetworkConfig,
  NetworkSpec,
  StageSpec,
} from "./types";
import { roundRepeats, scaleChannels } from "../scaling/rounding";

/** Stochastic-depth rate of the EfficientNet reference code (drop_connect_rate). */
const DROP_CONNECT_RATE = 0.2;

/** TensorFlow "SAME": a stride-s layer maps H to ceil(H / s). */
export function sameOut(size: number, stride: number): number {
  return Math.ceil(size / stride);
}

interface Tensor {
  readonly name: string;
  readonly shape: readonly number[];
}

interface LayerArgs {
  kernel?: number;
  stride?: number;
  groups?: number;
  filters?: number;
  useBias?: boolean;
  activation?: Activation;
  rate?: number;
  epsilon?: number;
}

/** Appends layers to a list while tracking shapes; the only place shapes are derived. */
class Emitter {
  readonly layers: LayerSpec[] = [];
  stage = 0;
  block = -1;

  constructor(private readonly eps: number) {}

  private push(
    name: string,
    op: LayerOp,
    inputs: readonly Tensor[],
    outShape: readonly number[],
    a: LayerArgs = {},
  ): Tensor {
    const first = inputs[0];
    this.layers.push({
      name,
      op,
      inputs: inputs.map((t) => t.name),
      stage: this.stage,
      block: this.block,
      inShape: first ? first.shape : outShape,
      outShape,
      kernel: a.kernel ?? 0,
      stride: a.stride ?? 1,
      groups: a.groups ?? 1,
      filters: a.filters ?? 0,
      useBias: a.useBias ?? false,
      activation: a.activation ?? "linear",
      rate: a.rate ?? 0,
      epsilon: a.epsilon ?? 0,
    });
    return { name, shape: outShape };
  }

  input(resolution: number): Tensor {
    return this.push("input", "input", [], [resolution, resolution, 3]);
  }

  conv(
    name: string,
    x: Tensor,
    filters: number,
    kernel: number,
    stride: number,
    useBias = false,
    activation: Activation = "linear",
  ): Tensor {
    const [h = 1, w = 1] = x.shape;
    const out = [sameOut(h, stride), sameOut(w, stride), filters];
    return this.push(name, "conv2d", [x], out, { kernel, stride, filters, useBias, activation });
  }

  dwconv(name: string, x: Tensor, kernel: number, stride: number): Tensor {
    const [h = 1, w = 1, c = 1] = x.shape;
    const out = [sameOut(h, stride), sameOut(w, stride), c];
    return this.push(name, "depthwiseConv2d", [x], out, { kernel, stride, groups: c, filters: c });
  }

  bn(name: string, x: Tensor): Tensor {
    return this.push(name, "batchNorm", [x], x.shape, { epsilon: this.eps });
  }

  act(name: string, x: Tensor, activation: Activation): Tensor {
    return this.push(name, "activation", [x], x.shape, { activation });
  }

  maxPool(name: string, x: Tensor, kernel: number, stride: number): Tensor {
    const [h = 1, w = 1, c = 1] = x.shape;
    const out = [sameOut(h, stride), sameOut(w, stride), c];
    return this.push(name, "maxPool", [x], out, { kernel, stride });
  }

  gap(name: string, x: Tensor): Tensor {
    return this.push(name, "globalAvgPool", [x], [x.shape[x.shape.length - 1] ?? 1]);
  }

  reshape(name: string, x: Tensor, shape: readonly number[]): Tensor {
    return this.push(name, "reshape", [x], shape);
  }

  dropout(name: string, x: Tensor, rate: number): Tensor {
    return this.push(name, "dropout", [x], x.shape, { rate });
  }

  multiply(name: string, a: Tensor, b: Tensor): Tensor {
    return this.push(name, "multiply", [a, b], a.shape);
  }

  add(name: string, a: Tensor, b: Tensor): Tensor {
    return this.push(name, "add", [a, b], a.shape);
  }

  dense(name: string, x: Tensor, units: number, activation: Activation): Tensor {
    return this.push(name, "dense", [x], [units], { filters: units, useBias: true, activation });
  }
}

function channelsOf(t: Tensor): number {
  return t.shape[t.shape.length - 1] ?? 0;
}

function operatorLabel(base: BaselineDef, expand: number, kernel: number): string {
  switch (base.block) {
    case "mbconv":
      return `MBConv${expand}, k${kernel}x${kernel}`;
    case "dwsep":
      return `DWConv${kernel}x${kernel} + Conv1x1`;
    case "bottleneck":
      return `Bottleneck 1x1-${kernel}x${kernel}-1x1`;
  }
}

/**
 * Expands a baseline table at (width, depth, resolution, classes) into a concrete network.
 * The one interpreter for every baseline: the tables differ, the code path does not.
 */
export function buildNetwork(cfg: NetworkConfig): NetworkSpec {
  const base = BASELINES[cfg.model];
  const names = NAMING[cfg.model];
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
    const outC = ch(st.filters);
    const n = repeats[si] ?? 1;
    for (let bi = 0; bi < n; bi++) {
      e.block = bi;
      const nm = (p: BlockPart): string => names.block(si, bi, global, p);
      const stride = bi === 0 ? st.stride : 1;
      const inC = channelsOf(x);
      const blockIn = x;
      if (base.block === "mbconv") {
        const hidden = Math.round(inC * st.expand);
        if (st.expand !== 1) {
          x = e.conv(nm("expand_conv"), x, hidden, 1, 1);
          x = e.bn(nm("expand_bn"), x);
          x = e.act(nm("expand_act"), x, act);
        }
        x = e.dwconv(nm("dwconv"), x, st.kernel, stride);
        x = e.bn(nm("dw_bn"), x);
        x = e.act(nm("dw_act"), x, act);
        if (st.se > 0) {
          const seC = Math.max(1, Math.floor(inC * st.se));
          let s = e.gap(nm("se_squeeze"), x);
          s = e.reshape(nm("se_reshape"), s, [1, 1, hidden]);
          s = e.conv(nm("se_reduce"), s, seC, 1, 1, true, act);
          s = e.conv(nm("se_expand"), s, hidden, 1, 1, true, "sigmoid");
          x = e.multiply(nm("se_excite"), x, s);
        }
        x = e.conv(nm("project_conv"), x, outC, 1, 1);
        x = e.bn(nm("project_bn"), x);
        if (stride === 1 && inC === outC) {
          // Keras's per-block drop-connect rate grows linearly with block index.
          const rate = base.id === "efficientnet" ? (DROP_CONNECT_RATE * global) / totalBlocks : 0;
          if (rate > 0) x = e.dropout(nm("drop"), x, rate);
          x = e.add(nm("add"), x, blockIn);
        }
      } else if (base.block === "dwsep") {
        x = e.dwconv(nm("dwconv"), x, st.kernel, stride);
        x = e.bn(nm("dw_bn"), x);
        x = e.act(nm("dw_act"), x, act);
        x = e.conv(nm("pw_conv"), x, outC, 1, 1);
        x = e.bn(nm("pw_bn"), x);
        x = e.act(nm("pw_act"), x, act);
      } else {
        const midC = ch(st.mid);
        let shortcut = blockIn;
        if (stride !== 1 || inC !== outC) {
          shortcut = e.conv(nm("shortcut_conv"), blockIn, outC, 1, stride);
          shortcut = e.bn(nm("shortcut_bn"), shortcut);
        }
        x = e.conv(nm("conv1"), blockIn, midC, 1, 1);
        x = e.bn(nm("bn1"), x);
        x = e.act(nm("act1"), x, act);
        x = e.conv(nm("conv2"), x, midC, st.kernel, stride);
        x = e.bn(nm("bn2"), x);
        x = e.act(nm("act2"), x, act);
        x = e.conv(nm("conv3"), x, outC, 1, 1);
        x = e.bn(nm("bn3"), x);
        x = e.add(nm("add"), x, shortcut);
        x = e.act(nm("out"), x, act);
      }
      global++;
    }
    stages.push({
      index: si + 1,
      operator: operatorLabel(base, st.expand, st.kernel),
      kind: "blocks",
      inRes: [stageIn.shape[0] ?? 0, stageIn.shape[1] ?? 0],
      outRes: [x.shape[0] ?? 0, x.shape[1] ?? 0],
      inChannels: channelsOf(stageIn),
      outChannels: channelsOf(x),
      repeats: n,
      stride: st.stride,
      kernel: st.kernel,
      expand: st.expand,
    });
  });

  // Head.
  e.stage = base.stages.length + 1;
  e.block = -1;
  const headIn = x;
  const ops: string[] = [];
  if (base.headConv) {
    const hw = base.headConv.minWidthOne ? Math.max(1, w) : w;
    x = e.conv(
      names.head("conv"),
      x,
      scaleChannels(base.headConv.filters, hw, base.channelRule),
      1,
      1,
    );
    x = e.bn(names.head("bn"), x);
    x = e.act(names.head("act"), x, act);
    ops.push("Conv1x1");
  }
  const features = channelsOf(x);
  x = e.gap(names.head("pool"), x);
  ops.push("Pooling", "FC");
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
    outChannels: base.headConv ? features : classes,
    repeats: 1,
    stride: 1,
    kernel: base.headConv ? 1 : 0,
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
