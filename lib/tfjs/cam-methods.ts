/**
 * The class-activation-map methods: one entry per method, read by the engine (lib/tfjs/cam.ts),
 * the worker, the page, the CLI and the benchmark. Nothing else lists methods.
 *
 * The compute functions receive tfjs through their context (`ctx.tf`), so this table carries
 * no runtime tfjs import and pages can read labels and flags without bundling tfjs.
 *
 *   CAM         Zhou et al. 2016: the classifier's weights applied to the pooled feature map.
 *   Grad-CAM    Selvaraju et al. 2017: channel weights = spatial mean of d(logit)/d(features).
 *   Grad-CAM++  Chattopadhay et al. 2018, closed form with exponential scores
 *               (as in pytorch-grad-cam).
 *   Score-CAM   Wang et al. 2020, as pytorch-grad-cam's ScoreCAM: each activation channel
 *               upsampled to the input (bilinear), min-max normalised, multiplied into the
 *               input; the target logit of each masked input, softmax over channels, is the
 *               channel's weight. No gradients; one forward pass per channel, batched.
 *   LayerCAM    Jiang et al. 2021: relu(gradient) * activation elementwise, summed over
 *               channels; meaningful on earlier layers too.
 */
import type * as tfType from "@tensorflow/tfjs";

export interface MethodContext {
  readonly tf: typeof tfType;
  /** Model input, [1, H, W, 3], already preprocessed. */
  readonly input: tfType.Tensor4D;
  /** The chosen feature map, [1, h, w, C]. */
  readonly features: tfType.Tensor4D;
  /** Model output index of the class (label index + offset). */
  readonly outIndex: number;
  /** [C, classes] classifier kernel of a GAP + linear head, else null. */
  readonly camWeights: tfType.Tensor2D | null;
  /** d(logit of outIndex)/d(features); the engine picks the backend (with fallback). */
  gradients(): Promise<tfType.Tensor4D>;
  /** Pre-softmax scores of a batch of inputs, [n, outputs]. */
  logits(x: tfType.Tensor4D): tfType.Tensor2D;
  /** Masked inputs per forward pass (Score-CAM). */
  readonly batchSize: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CamMethodSpec {
  readonly label: string;
  /** One line for the page and --help. */
  readonly summary: string;
  readonly needsGradients: boolean;
  /** Needs feature map -> global average pool -> one linear layer (plain CAM). */
  readonly needsLinearHead: boolean;
  /** Runs many forward passes in batches (progress and cancel matter). */
  readonly batchable: boolean;
  /** Meaningful on any conv layer, not only the last feature map (offer the layer picker). */
  readonly anyLayer: boolean;
  /** The map [h, w] before normalisation; the caller disposes it. */
  compute(ctx: MethodContext): Promise<tfType.Tensor2D>;
}

export class CamCancelled extends Error {
  readonly code = "aborted";
  constructor() {
    super("Cancelled.");
    this.name = "CamCancelled";
  }
}

const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));

async function cam(ctx: MethodContext): Promise<tfType.Tensor2D> {
  const { tf, features, outIndex } = ctx;
  const W = ctx.camWeights;
  if (!W) throw new Error("CAM needs a linear head");
  return tf.tidy(() => {
    const [, h, w, C] = features.shape;
    const wc = W.slice([0, outIndex], [C, 1]);
    return features
      .reshape([h * w, C])
      .matMul(wc)
      .reshape([h, w]) as tfType.Tensor2D;
  });
}

async function weighted(
  ctx: MethodContext,
  weightsOf: (g: tfType.Tensor4D) => tfType.Tensor,
): Promise<tfType.Tensor2D> {
  const { tf, features } = ctx;
  const grads = await ctx.gradients();
  try {
    return tf.tidy(() => {
      const [, h, w] = features.shape;
      return features.mul(weightsOf(grads)).sum(-1).relu().reshape([h, w]) as tfType.Tensor2D;
    });
  } finally {
    grads.dispose();
  }
}

const gradcam = (ctx: MethodContext) => weighted(ctx, (g) => g.mean([1, 2], true));

/**
 * alpha = g^2 / (2 g^2 + sum(A) g^3) = 1 / (2 + sum(A) g) wherever g != 0, and alpha only
 * counts where relu(g) > 0: weights = sum over (h, w) of relu(g) / (2 + sum(A) g). Same
 * values as the textbook form with a fifth of its kernels (each costs a dispatch on wasm).
 */
const gradcamPP = (ctx: MethodContext) =>
  weighted(ctx, (grads) => {
    const sumA = ctx.features.sum([1, 2], true);
    return grads.relu().div(sumA.mul(grads).add(2)).sum([1, 2], true);
  });

/** relu(grad) * activation is elementwise: no channel pooling of the gradient. */
const layercam = (ctx: MethodContext) => weighted(ctx, (g) => g.relu());

async function scorecam(ctx: MethodContext): Promise<tfType.Tensor2D> {
  const { tf, features, input, outIndex } = ctx;
  const [, h, w, C] = features.shape;
  const [, H, W] = input.shape;
  const B = Math.max(1, Math.floor(ctx.batchSize));
  const scores = new Float32Array(C);
  for (let c0 = 0; c0 < C; c0 += B) {
    if (ctx.signal?.aborted) throw new CamCancelled();
    const n = Math.min(B, C - c0);
    const s = tf.tidy(() => {
      const a = features.slice([0, 0, 0, c0], [1, h, w, n]);
      // pytorch-grad-cam: UpsamplingBilinear2d (align_corners=True), per-channel min-max.
      const up = tf.image.resizeBilinear(a, [H, W], true);
      const lo = up.min([1, 2], true);
      const hi = up.max([1, 2], true);
      const masks = up.sub(lo).div(hi.sub(lo).add(1e-8)).transpose([3, 1, 2, 0]); // [n,H,W,1]
      const batch = input.mul(masks) as tfType.Tensor4D;
      return ctx.logits(batch).slice([0, outIndex], [n, 1]).reshape([n]);
    });
    scores.set((await s.data()) as Float32Array, c0);
    s.dispose();
    ctx.onProgress?.(c0 + n, C);
    await yieldToEvents(); // lets a cancel message in
  }
  if (ctx.signal?.aborted) throw new CamCancelled();
  return tf.tidy(() => {
    const weights = tf.softmax(tf.tensor1d(scores));
    return features.mul(weights).sum(-1).relu().reshape([h, w]) as tfType.Tensor2D;
  });
}

export const CAM_METHOD_TABLE = {
  cam: {
    label: "CAM",
    summary: "classifier weights on the pooled map; one forward pass",
    needsGradients: false,
    needsLinearHead: true,
    batchable: false,
    anyLayer: false,
    compute: cam,
  },
  gradcam: {
    label: "Grad-CAM",
    summary: "gradient-weighted channels; forward + backward through the part after the map",
    needsGradients: true,
    needsLinearHead: false,
    batchable: false,
    anyLayer: false,
    compute: gradcam,
  },
  "gradcam++": {
    label: "Grad-CAM++",
    summary: "higher-order gradient weights; sharper for several objects",
    needsGradients: true,
    needsLinearHead: false,
    batchable: false,
    anyLayer: false,
    compute: gradcamPP,
  },
  scorecam: {
    label: "Score-CAM",
    summary: "each channel as a mask on the input, weighted by the class score; no gradients",
    needsGradients: false,
    needsLinearHead: false,
    batchable: true,
    anyLayer: false,
    compute: scorecam,
  },
  layercam: {
    label: "LayerCAM",
    summary: "positive gradients times activations per location; works on earlier layers",
    needsGradients: true,
    needsLinearHead: false,
    batchable: false,
    anyLayer: true,
    compute: layercam,
  },
} as const satisfies Record<string, CamMethodSpec>;

export type CamMethod = keyof typeof CAM_METHOD_TABLE;
export const CAM_METHODS = Object.keys(CAM_METHOD_TABLE) as CamMethod[];

export function camMethod(m: CamMethod): CamMethodSpec {
  return CAM_METHOD_TABLE[m];
}

export function isCamMethod(v: unknown): v is CamMethod {
  return typeof v === "string" && Object.prototype.hasOwnProperty.call(CAM_METHOD_TABLE, v);
}

/** The method a model can run: plain CAM falls back to Grad-CAM without a linear head. */
export function methodForModel(m: CamMethod, camPossible: boolean): CamMethod {
  return CAM_METHOD_TABLE[m].needsLinearHead && !camPossible ? "gradcam" : m;
}
