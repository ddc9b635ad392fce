import { type Msg, msg } from "../i18n/msg";
import { type OptimizerKind, OPTIMIZER_NAMES } from "./optimizer-kinds";

/**
 * The one training recipe every run of an experiment uses, as data: the page shows it, the
 * trainer reads it, results carry it. Chosen for short runs of small nets from scratch.
 */
export interface Recipe {
  /**
   * Adam. Measured at the default 250 steps (README "Why the networks learned so slowly"):
   * SGD with Nesterov momentum (0.03-0.3, classifier at 2-100%), Adam with a per-tensor trust
   * ratio (LAMB), a moving average of the weights, label smoothing, strong weight decay and no
   * warm-up all ended within the seed spread of Adam or below it: the optimizer is not what
   * held the 32 px base back (the default base was 32 px then).
   */
  readonly optimizer: OptimizerKind;
  /** Momentum of SGD (Nesterov); unused by Adam. */
  readonly momentum: number;
  /** Peak learning rate (reached after warm-up). */
  readonly learningRate: number;
  /**
   * The classifier's learning rate as a share of the others'. Adam moves every weight by
   * about the learning rate per step whatever its gradient's size, so a classifier reading
   * a few hundred pooled features (320 in the default base) shifts each logit by several
   * nats per step at 0.02: measured, the training loss rose from ln 10 = 2.30 to 2.5-2.7
   * in the first epoch and the base ended at 13% (README "The Lab"). At 250 steps (512 test
   * images; seeds 1-3 for 0.01 and 0.05, 1-2 for the others) 0.01 / 0.02 / 0.05 / 0.2 / 1
   * gave 22.9 / 23.6 / 24.4 / 18.8 / 17.8%: faster is worse, slower no better.
   */
  readonly headLrShare: number;
  /** Linear warm-up over this share of all steps, then cosine decay to `finalLrShare` of the peak. */
  readonly warmupShare: number;
  readonly finalLrShare: number;
  /** Weight decay applied as decoupled L2 on conv/dense kernels (AdamW style), per step * lr. */
  readonly weightDecay: number;
  readonly labelSmoothing: number;
  /**
   * Start the classifier (the model's last Dense layer) at zero weights, so the untrained net
   * predicts the uniform distribution. Keras's head initialiser makes an untrained EfficientNet
   * confidently wrong (cross-entropy ~3.3 on 10 classes, above ln 10 = 2.30), and a short run
   * spends its steps undoing that instead of learning features.
   */
  readonly zeroInitHead: boolean;
  /** BatchNorm moving-average momentum while training (Keras's 0.99 needs thousands of steps). */
  readonly bnMomentum: number;
  /**
   * Before every evaluation the BatchNorm statistics are re-estimated as the plain average
   * over this many training batches with the final weights ("precise BN"): after a few dozen
   * steps a moving average still remembers the initial statistics and inference collapses.
   */
  readonly bnRecalibrationBatches: number;
  readonly augmentation: {
    /** Mirror left-right with probability 0.5. */
    readonly flip: boolean;
    /** Random shift of up to this share of the side, edges repeated. */
    readonly shift: number;
  };
}

export const RECIPE: Recipe = {
  optimizer: "adam",
  momentum: 0.9,
  learningRate: 0.02,
  headLrShare: 0.05,
  warmupShare: 0.05,
  finalLrShare: 0.05,
  weightDecay: 0.0001,
  labelSmoothing: 0,
  zeroInitHead: true,
  bnMomentum: 0.9,
  bnRecalibrationBatches: 4,
  augmentation: { flip: true, shift: 0 },
};

/** Learning rate at `step` of `total` (0-based): linear warm-up, cosine decay. */
export function learningRateAt(r: Recipe, step: number, total: number): number {
  const warm = Math.max(1, Math.round(r.warmupShare * total));
  if (step < warm) return (r.learningRate * (step + 1)) / warm;
  const t = total <= warm ? 1 : Math.min(1, (step - warm) / Math.max(1, total - warm - 1));
  const lo = r.learningRate * r.finalLrShare;
  return lo + ((r.learningRate - lo) * (1 + Math.cos(Math.PI * t))) / 2;
}

/** The recipe in words, one line per item (page and README). */
export function describeRecipe(r: Recipe, epochs: number, batch: number): string[] {
  const aug = [
    r.augmentation.flip ? "random left-right flip" : null,
    r.augmentation.shift > 0
      ? `random shift up to ${Math.round(r.augmentation.shift * 100)}%`
      : null,
  ].filter((x): x is string => x !== null);
  return [
    `optimizer: ${OPTIMIZER_NAMES[r.optimizer](r.momentum)}, peak learning rate ${r.learningRate} (the classifier ${r.learningRate * r.headLrShare}), decoupled weight decay ${r.weightDecay}`,
    `schedule: linear warm-up over ${Math.round(r.warmupShare * 100)}% of steps, cosine decay to ${Math.round(r.finalLrShare * 100)}% of the peak`,
    `${epochs} epoch${epochs === 1 ? "" : "s"}, batch ${batch}`,
    `augmentation: ${aug.length ? aug.join(", ") : "none"}`,
    `label smoothing ${r.labelSmoothing}; ${r.zeroInitHead ? "classifier initialised to zero (uniform predictions at step 0); " : ""}BatchNorm in training mode (momentum ${r.bnMomentum}), statistics re-estimated on ${r.bnRecalibrationBatches} training batches before each evaluation; dropout and drop-connect as the baseline defines`,
  ];
}

/** A line of describeRecipe as a message; `parts` (rendered, joined) fill its `list` value. */
export interface RecipeLine {
  readonly msg: Msg;
  readonly parts?: readonly Msg[];
}

/** describeRecipe's lines as messages (lab.recipe.*) for the page in the reader's language. */
export function describeRecipeMsgs(r: Recipe, epochs: number, batch: number): RecipeLine[] {
  const aug = [
    r.augmentation.flip ? msg("lab.recipe.flip") : null,
    r.augmentation.shift > 0
      ? msg("lab.recipe.shift", { pct: Math.round(r.augmentation.shift * 100) })
      : null,
  ].filter((x): x is Msg => x !== null);
  return [
    {
      msg: msg("lab.recipe.optimizer", {
        name: OPTIMIZER_NAMES[r.optimizer](r.momentum),
        lr: r.learningRate,
        headLr: r.learningRate * r.headLrShare,
        decay: r.weightDecay,
      }),
    },
    {
      msg: msg("lab.recipe.schedule", {
        warmup: Math.round(r.warmupShare * 100),
        final: Math.round(r.finalLrShare * 100),
      }),
    },
    { msg: msg("lab.recipe.epochs", { epochs, batch }) },
    { msg: msg("lab.recipe.augmentation"), parts: aug.length ? aug : [msg("lab.recipe.none")] },
    {
      msg: msg("lab.recipe.bn", {
        smoothing: r.labelSmoothing,
        zeroHead: String(r.zeroInitHead),
        momentum: r.bnMomentum,
        batches: r.bnRecalibrationBatches,
      }),
    },
  ];
}
