/**
 * Attribute checks shared by the wasm gradient kernels: the same shape arithmetic as the
 * cpu backend (backend_util.computeConv2DInfo), and a clear refusal of what these kernels
 * do not compute (dilations > 1, NCHW, non-float32) instead of a wrong answer.
 */
import * as tf from "@tensorflow/tfjs";
import type { TensorInfo } from "@tensorflow/tfjs";

export type Pad = "valid" | "same" | number | tf.backend_util.ExplicitPadding;
export type Rounding = "floor" | "round" | "ceil" | undefined;
export type Shape4 = [number, number, number, number];

/** The parts of Conv2DInfo the kernels use, with padding resolved to numbers. */
export interface ConvGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

function pair(v: number | readonly number[] | undefined): [number, number] {
  if (v === undefined) return [1, 1];
  if (typeof v === "number") return [v, v];
  return [v[0] ?? 1, v[1] ?? v[0] ?? 1];
}

export function check(kernel: string, ok: boolean, why: () => string): void {
  if (!ok) throw new Error(`${kernel} (wasm): ${why()}`);
}

export function checkRank4(kernel: string, name: string, t: { shape: number[] }): Shape4 {
  check(
    kernel,
    t.shape.length === 4,
    () => `${name} must be rank 4, got shape [${t.shape.join(", ")}]`,
  );
  return t.shape as Shape4;
}

export function checkFloat(kernel: string, ts: Record<string, TensorInfo>): void {
  for (const [name, t] of Object.entries(ts)) {
    check(kernel, t.dtype === "float32", () => `${name} must be float32, got ${t.dtype}`);
  }
}

export interface GeometryRequest {
  readonly kernel: string;
  readonly inShape: Shape4;
  readonly filterShape: Shape4;
  readonly strides: number | [number, number];
  readonly dilations?: number | [number, number];
  readonly pad: Pad;
  readonly dimRoundingMode?: Rounding;
  readonly depthwise: boolean;
  readonly dataFormat?: string;
  /** dy's shape, checked against the computed output shape. */
  readonly dyShape: number[];
}

export function geometry(r: GeometryRequest): ConvGeometry {
  const { kernel } = r;
  const format = r.dataFormat ?? "NHWC";
  check(
    kernel,
    format === "NHWC" || format === "channelsLast",
    () => `only NHWC (channels last) is supported, got dataFormat ${format}`,
  );
  const [dh, dw] = pair(r.dilations);
  check(
    kernel,
    dh === 1 && dw === 1,
    () => `dilations greater than 1 are not supported, got [${dh}, ${dw}]`,
  );
  const [sh, sw] = pair(r.strides);
  check(
    kernel,
    Number.isInteger(sh) && Number.isInteger(sw) && sh >= 1 && sw >= 1,
    () => `strides must be whole numbers >= 1, got [${sh}, ${sw}]`,
  );
  for (const v of [...r.inShape, ...r.filterShape]) {
    check(
      kernel,
      Number.isInteger(v) && v >= 0,
      () =>
        `shapes must hold whole numbers, got input [${r.inShape.join(", ")}] and filter [${r.filterShape.join(", ")}]`,
    );
  }
  const info = tf.backend_util.computeConv2DInfo(
    r.inShape,
    r.filterShape,
    [sh, sw],
    1,
    r.pad,
    r.dimRoundingMode,
    r.depthwise,
    "channelsLast",
  );
  check(
    kernel,
    r.filterShape[2] === r.inShape[3],
    () => `the filter has ${r.filterShape[2]} input channels but the input has ${r.inShape[3]}`,
  );
  const out = info.outShape;
  check(
    kernel,
    r.dyShape.length === 4 && r.dyShape.every((v, i) => v === out[i]),
    () =>
      `dy has shape [${r.dyShape.join(", ")}] but the convolution's output is [${out.join(", ")}]`,
  );
  check(
    kernel,
    info.padInfo.top >= 0 &&
      info.padInfo.left >= 0 &&
      info.padInfo.bottom >= 0 &&
      info.padInfo.right >= 0,
    () => `padding must not be negative`,
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/** True when any dimension is zero (the gradient is then all zeros, or empty). */
export function isEmpty(...shapes: readonly number[][]): boolean {
  return shapes.some((s) => s.some((v) => v === 0));
}
