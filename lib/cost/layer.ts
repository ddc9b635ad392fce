import type { LayerSpec } from "../arch/types";

export interface LayerCost {
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  readonly macs: number;
  /** Elements of the layer's output at batch 1. */
  readonly activationSize: number;
}

function product(shape: readonly number[]): number {
  let p = 1;
  for (const v of shape) p *= v;
  return p;
}

function lastDim(shape: readonly number[]): number {
  return shape[shape.length - 1] ?? 0;
}

/**
 * Parameters and MACs of one layer under the conventions: convolutions and dense layers
 * count out_h * out_w * out_c * (in_c / groups) * k * k MACs; BatchNorm has 2 trainable
 * (gamma, beta) and 2 non-trainable (moving mean, variance) parameters per channel;
 * everything else is free.
 */
export function layerCost(l: LayerSpec): LayerCost {
  const activationSize = product(l.outShape);
  switch (l.op) {
    case "conv2d":
    case "depthwiseConv2d": {
      const inC = lastDim(l.inShape);
      const outC = lastDim(l.outShape);
      const perOut = (inC / l.groups) * l.kernel * l.kernel;
      const [oh = 1, ow = 1] = l.outShape;
      return {
        trainableParams: perOut * outC + (l.useBias ? outC : 0),
        nonTrainableParams: 0,
        macs: oh * ow * outC * perOut,
        activationSize,
      };
    }
    case "dense": {
      const inC = lastDim(l.inShape);
      const outC = lastDim(l.outShape);
      return {
        trainableParams: inC * outC + (l.useBias ? outC : 0),
        nonTrainableParams: 0,
        macs: inC * outC,
        activationSize,
      };
    }
    case "batchNorm": {
      const c = lastDim(l.outShape);
      return { trainableParams: 2 * c, nonTrainableParams: 2 * c, macs: 0, activationSize };
    }
    default:
      return { trainableParams: 0, nonTrainableParams: 0, macs: 0, activationSize };
  }
}
