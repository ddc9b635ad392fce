/**
 * Default experiment size, chosen so that the default experiment (base + depth, width,
 * resolution and compound at 2x, one seed) trains in under 5 minutes in headless Chromium on
 * WASM with 2 threads on a 2-core machine, and the base still ends well above chance.
 * See README "Lab" for the measured figures behind these numbers.
 */
export const LAB_DEFAULTS = {
  /** EfficientNet-B0 scaled down: width 0.25 keeps channels at round_filters' minimum of 8
   * in the early stages; depth 0.25 leaves one block per stage, so depth scaling has room. */
  baseWidth: 0.25,
  baseDepth: 0.25,
  /** 64 px: the last feature map is 2 x 2 (stride 32), the smallest that still localises. */
  baseResolution: 64,
  budgetFactor: 2,
  /** 1,600 images x 3 epochs (150 steps): 640 x 6 overfit (training loss 1.75, validation
   * flat at 16%); 1,600 x 3 ended at loss 2.06 and still improving (README "The Lab"). */
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
