/**
 * Block kinds as a registry: one emitter per kind (as Keras has one `block()` function per
 * family and timm one class per block). The interpreter picks the emitter named by the
 * stage row; everything a block needs to know about its network comes in `BlockContext`.
 */
import { channelsOf, type Emitter, type Tensor } from "./emitter";
import type { BlockPart } from "./naming";
import type { Activation, BaselineDef, BlockKind, StageDef } from "./types";
import { roundFilters } from "../scaling/rounding";

export interface BlockContext {
  readonly e: Emitter;
  readonly base: BaselineDef;
  readonly stage: StageDef;
  /** Layer name of a part of this block. */
  readonly nm: (p: BlockPart) => string;
  /** This block's stride (the stage's for its first block, 1 after). */
  readonly stride: number;
  /** Output channels after width scaling. */
  readonly outC: number;
  /** Scales a channel count of the table by the width coefficient. */
  readonly ch: (c: number) => number;
  /** The block's activation (stage row, else the baseline's). */
  readonly act: Activation;
  /** Stochastic-depth rate of this block's residual branch (0 = none). */
  readonly dropRate: number;
}

export interface BlockEmitter {
  emit(x: Tensor, c: BlockContext): Tensor;
  /** Stage operator in the form of the paper's table 1 ("MBConv6, k3x3"). */
  label(st: StageDef, base: BaselineDef): string;
  /** Channels the block expands to (for the stage table; 1 where not an inverted residual). */
  expandOf(st: StageDef, inC: number, ch: (c: number) => number): number;
}

/** Expanded channels of an inverted residual: an absolute count (V3) or in x ratio. */
function hiddenOf(st: StageDef, inC: number, ch: (c: number) => number): number {
  return st.expandedFilters ? ch(st.expandedFilters) : Math.round(inC * st.expand);
}

/** Squeeze-and-excitation on `x` (channels `hidden`) after the baseline's rule. */
function squeezeExcite(x: Tensor, inC: number, c: BlockContext): Tensor {
  const rule = c.base.se;
  if (!rule || c.stage.se <= 0) return x;
  const hidden = channelsOf(x);
  const basis = rule.of === "input" ? inC : hidden;
  const raw = Math.floor(basis * c.stage.se);
  const seC = rule.rounding === "floor" ? Math.max(1, raw) : roundFilters(raw, 1);
  const inner = rule.activation === "block" ? c.act : rule.activation;
  const { e, nm } = c;
  let s = e.gap(nm("se_squeeze"), x);
  s = e.reshape(nm("se_reshape"), s, [1, 1, hidden]);
  s = e.conv(nm("se_reduce"), s, seC, 1, 1, true, inner);
  s = e.conv(nm("se_expand"), s, hidden, 1, 1, true, rule.gate);
  return e.multiply(nm("se_excite"), x, s);
}

/** Residual add (with stochastic depth first) when the shapes allow it. */
function residual(x: Tensor, blockIn: Tensor, c: BlockContext): Tensor {
  if (c.stride !== 1 || channelsOf(blockIn) !== c.outC) return x;
  let y = x;
  if (c.dropRate > 0) y = c.e.dropout(c.nm("drop"), y, c.dropRate);
  return c.e.add(c.nm("add"), y, blockIn);
}

/** Inverted residual: expand 1x1, depthwise, optional SE, project 1x1 (V2, V3, EfficientNet). */
const mbconv: BlockEmitter = {
  emit(x, c) {
    const { e, nm, act } = c;
    const inC = channelsOf(x);
    const hidden = hiddenOf(c.stage, inC, c.ch);
    let y = x;
    // torchvision skips the expand conv when it would not change the channel count.
    if (hidden !== inC) {
      y = e.conv(nm("expand_conv"), y, hidden, 1, 1);
      y = e.bn(nm("expand_bn"), y);
      y = e.act(nm("expand_act"), y, act);
    }
    y = e.dwconv(nm("dwconv"), y, c.stage.kernel, c.stride);
    y = e.bn(nm("dw_bn"), y);
    y = e.act(nm("dw_act"), y, act);
    y = squeezeExcite(y, inC, c);
    y = e.conv(nm("project_conv"), y, c.outC, 1, 1);
    y = e.bn(nm("project_bn"), y);
    return residual(y, x, c);
  },
  label: (st) =>
    st.expandedFilters
      ? `MBConv, exp ${st.expandedFilters}, k${st.kernel}x${st.kernel}${st.se > 0 ? ", SE" : ""}`
      : `MBConv${st.expand}, k${st.kernel}x${st.kernel}`,
  expandOf: (st, inC, ch) => hiddenOf(st, inC, ch) / Math.max(1, inC),
};

/** Fused-MBConv (EfficientNetV2): a kxk conv replaces expand + depthwise; no SE in torchvision. */
const fusedMbconv: BlockEmitter = {
  emit(x, c) {
    const { e, nm, act } = c;
    const inC = channelsOf(x);
    const hidden = hiddenOf(c.stage, inC, c.ch);
    let y = x;
    if (hidden !== inC) {
      y = e.conv(nm("expand_conv"), y, hidden, c.stage.kernel, c.stride);
      y = e.bn(nm("expand_bn"), y);
      y = e.act(nm("expand_act"), y, act);
      y = squeezeExcite(y, inC, c);
      y = e.conv(nm("project_conv"), y, c.outC, 1, 1);
      y = e.bn(nm("project_bn"), y);
    } else {
      // Expand ratio 1: one kxk conv straight to the output, with its activation.
      y = squeezeExcite(y, inC, c);
      y = e.conv(nm("project_conv"), y, c.outC, c.stage.kernel, c.stride);
      y = e.bn(nm("project_bn"), y);
      y = e.act(nm("project_act"), y, act);
    }
    return residual(y, x, c);
  },
  label: (st) => `Fused-MBConv${st.expand}, k${st.kernel}x${st.kernel}`,
  expandOf: (st, inC, ch) => hiddenOf(st, inC, ch) / Math.max(1, inC),
};

/** Depthwise-separable (MobileNetV1): dw kxk + BN + act, pw 1x1 + BN + act. */
const dwsep: BlockEmitter = {
  emit(x, c) {
    const { e, nm, act } = c;
    let y = e.dwconv(nm("dwconv"), x, c.stage.kernel, c.stride);
    y = e.bn(nm("dw_bn"), y);
    y = e.act(nm("dw_act"), y, act);
    y = e.conv(nm("pw_conv"), y, c.outC, 1, 1);
    y = e.bn(nm("pw_bn"), y);
    return e.act(nm("pw_act"), y, act);
  },
  label: (st) => `DWConv${st.kernel}x${st.kernel} + Conv1x1`,
  expandOf: () => 1,
};

/** ResNet bottleneck (v1.5: stride on the kxk), projection shortcut when shapes change. */
const bottleneck: BlockEmitter = {
  emit(x, c) {
    const { e, nm, act } = c;
    const inC = channelsOf(x);
    const midC = c.ch(c.stage.mid);
    let shortcut = x;
    if (c.stride !== 1 || inC !== c.outC) {
      shortcut = e.conv(nm("shortcut_conv"), x, c.outC, 1, c.stride);
      shortcut = e.bn(nm("shortcut_bn"), shortcut);
    }
    let y = e.conv(nm("conv1"), x, midC, 1, 1);
    y = e.bn(nm("bn1"), y);
    y = e.act(nm("act1"), y, act);
    y = e.conv(nm("conv2"), y, midC, c.stage.kernel, c.stride);
    y = e.bn(nm("bn2"), y);
    y = e.act(nm("act2"), y, act);
    y = e.conv(nm("conv3"), y, c.outC, 1, 1);
    y = e.bn(nm("bn3"), y);
    y = e.add(nm("add"), y, shortcut);
    return e.act(nm("out"), y, act);
  },
  label: (st) => `Bottleneck 1x1-${st.kernel}x${st.kernel}-1x1`,
  expandOf: () => 1,
};

export const BLOCKS: Readonly<Record<BlockKind, BlockEmitter>> = {
  mbconv,
  "fused-mbconv": fusedMbconv,
  dwsep,
  bottleneck,
};
