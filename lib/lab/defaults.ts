/**
 * Default experiment size, chosen so that the default experiment (base + depth, width,
 * resolution and compound at 2x, one seed) trains within 5 minutes on WASM in a browser
 * (README "The Lab"). Steps are what a run lacks: on this dataset the base gains about 5
 * points of test accuracy per doubling of steps (seed 1: 19.5% at 150, 25% at 300, 31% at 600;
 * chance 10%); a plain 6-layer CNN reaches 39% in 150, so what limits a tiny EfficientNet is how
 * slowly it trains, not the data. Every other lever tried (64 px, width 0.5 or 1, batch 16, no
 * dropout, fresh images instead of epochs, fewer distractors) cost more or gained nothing.
 */
export const LAB_DEFAULTS = {
  /** EfficientNet-B0 scaled down: width 0.25 keeps channels at round_filters' minimum of 8
   * in the early stages; depth 0.25 leaves one block per stage, so depth scaling has room. */
  baseWidth: 0.25,
  baseDepth: 0.25,
  /** 32 px: a quarter of 64 px's cost per step, and on this dataset the number of steps is
   * what a short run lacks (README "The Lab", 2 seeds: at equal time 32 px x 250 steps 24%,
   * 48 px x 150 21%, 64 px x 100 19%; at 250 steps 64 px reaches 34%, at 2.6x the time).
   * The price: the base's last feature map is 1 x 1, so its class activation map is flat;
   * at 2x the resolution (37 px) and compound (33 px) networks have 2 x 2 maps. */
  baseResolution: 32,
  budgetFactor: 2,
  /** 1,600 images x 5 epochs (250 steps): what fits the 5-minute goal with four 2x runs (each
   * costs 1.2-1.9x the base's CPU) since the fused training kernels (3 epochs before them).
   * Repeating 1,600 images costs nothing measurable against fresh ones (4,800 x 1: 16% vs 19.5%
   * at 150 steps, within sampling noise), and fewer images keep the browser's memory small. */
  epochs: 5,
  batch: 32,
  trainImages: 1600,
  valImages: 128,
  testImages: 256,
  seed: 1,
} as const;

/** Upper bounds a person may ask for (beyond them a browser tab would run for hours). */
export const LAB_LIMITS = {
  baseWidthMax: 4,
  baseDepthMax: 4,
  baseResolutionMax: 512,
  budgetFactorMax: 16,
  epochsMax: 200,
  batchMax: 512,
  imagesMax: 100_000,
  seedsMax: 10,
} as const;

/** Test images whose class activation maps are shown side by side (figure 7 in miniature). */
export const CAM_GRID_IMAGES = 4;
/** Test images the CAM scores average over (the first ones of the test split). */
export const CAM_SCORE_IMAGES = 64;
