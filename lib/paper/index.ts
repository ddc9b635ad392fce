export * from "./types";
export { TABLE2, TABLE8 } from "./table2";
export { TABLE3, TABLE7, SCALED_RESULTS } from "./scaled";
export * from "./table4";
export * from "./transfer";

/** The paper, for citations in the UI. */
export const PAPER = {
  title: "EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks",
  authors: "Mingxing Tan, Quoc V. Le",
  venue: "ICML 2019",
  arxiv: "1905.11946",
} as const;
