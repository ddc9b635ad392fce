import type { Activation, LayerOp, LayerSpec } from "./types";

/** TensorFlow "SAME": a stride-s layer maps H to ceil(H / s). */
export function sameOut(size: number, stride: number): number {
  return Math.ceil(size / stride);
}

export interface Tensor {
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
export class Emitter {
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

export function channelsOf(t: Tensor): number {
  return t.shape[t.shape.length - 1] ?? 0;
}
