/**
 * Default experiment size, chosen so that the default experiment (base + depth, width,
 * resolution and compound at 2x, one seed) trains in about 5 minutes of CPU on WASM
 * (about 210 s in Node), with the base above chance. Measured (README "The Lab"): with the
 * recipe's slowed classifier the base reaches 19.3% +- 0.8 over 3 seeds in 150 steps (10%
 * chance; 13.3% before); a plain 6-layer CNN reaches 39% in the same steps, so what limits a tiny
 * EfficientNet here is how slowly it trains, not the data. Steps are what a run lacks; every
 * other lever tried (64 px, width 0.5 or 1, batch 16, no dropout) cost more or gained nothing.
 */
export const LAB_DEFAULTS = {
  /** EfficientNet-B0 scaled down: width 0.25 keeps channels at round_filters' minimum of 8
   * in the early stages; depth 0.25 leaves one block per stage, so depth scaling has room. */
  baseWidth: 0.25,
  baseDepth: 0.25,
  /** 32 px: a quarter of 64 px's cost per step, and on this dataset the number of steps is
   * what a short run lacks (README "The Lab": at equal time 32 px learned more than 64 px).
   * The price: the base's last feature map is 1 x 1, so its class activation map is flat;
   * at 2x the resolution (37 px) and compound (33 px) networks have 2 x 2 maps. */
  baseResolution: 32,
  budgetFactor: 2,
  /** 1,600 images x 3 epochs (150 steps): what fits the 5-minute goal with four 2x runs
   * (each costs 1.2-1.9x the base's CPU); 640 x 6 overfit, and more steps keep paying. */
  epochs: 3,
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
