/**
 * Default experiment size, chosen so that the default experiment (base + depth, width,
 * resolution and compound at 2x, one seed) trains within 5 minutes on WASM in a browser
 * (README "The Lab": 3.3 min on this 2-core machine, on two workers) and its base reaches
 * about three times chance. Steps are what a run lacks: at 32 px the base gains about 5 points
 * of test accuracy per doubling of steps (seed 1: 19.5% at 150, 25% at 300, 31% at 600;
 * chance 10%), and no recipe change measured did better (docs/lab-notebook.md).
 */
export const LAB_DEFAULTS = {
  /** EfficientNet-B0 scaled down: width 0.25 keeps channels at round_filters' minimum of 8
   * in the early stages; depth 0.25 leaves one block per stage, so depth scaling has room. */
  baseWidth: 0.25,
  baseDepth: 0.25,
  /** 48 px: the base's maps are 24, 12, 6, 3 and 2 px wide. At 32 px (the default until the
   * Lab trained runs in parallel, lib/lab/pool.ts) they end at 1 x 1, so the base's class
   * activation map was flat, and the base reached 24% (seeds 1-3, 250 steps); at 48 px 31%
   * (33.2, 30.1, 30.7; 512 test images) at about 1.5x the CPU, as much as 32 px gains from
   * twice the steps (500: 31.0%). 64 px gives 34% at 2.6x the CPU, about 5.7 minutes
   * (estimated from the 3.3 measured at 48 px).
   * (docs/lab-notebook.md, "Why the base learns slowly".) */
  baseResolution: 48,
  budgetFactor: 2,
  /** 1,600 images x 5 epochs (250 steps): with the 48 px base, what fits the 5-minute goal
   * with four 2x runs (each costs 1.2-1.9x the base's CPU) on two workers.
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
