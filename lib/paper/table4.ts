/**
 * Paper table 4: inference latency, Intel Xeon CPU E5-2690, one core, batch size 1, the
 * mean of 20 runs (section 5.2). Printed as two column groups of three rows each.
 */
import type { PresetId } from "../scaling/presets";
import type { PaperSource } from "./types";

export interface Table4Source extends PaperSource {
  /** 1 = the left group (ResNet-152 vs B1), 2 = the right group (GPipe vs B7). */
  readonly column: 1 | 2;
}

export interface PublishedLatency {
  readonly name: string;
  readonly efficientnet: PresetId | null;
  /** ImageNet top-1 (%) as printed in table 4 (B1 and B7 differ slightly from table 2). */
  readonly top1: number;
  readonly latencySec: number;
  readonly source: Table4Source;
}

export interface PublishedSpeedup {
  readonly baseline: string;
  readonly ours: string;
  readonly speedup: number;
  readonly source: Table4Source;
}

export const TABLE4_SETUP = {
  cpu: "Intel Xeon CPU E5-2690",
  cores: 1,
  batch: 1,
  runs: 20,
  statistic: "mean",
} as const;

export const TABLE4: readonly PublishedLatency[] = [
  {
    name: "ResNet-152",
    efficientnet: null,
    top1: 77.8,
    latencySec: 0.554,
    source: { table: 4, row: 1, column: 1 },
  },
  {
    name: "EfficientNet-B1",
    efficientnet: "b1",
    top1: 78.8,
    latencySec: 0.098,
    source: { table: 4, row: 2, column: 1 },
  },
  {
    name: "GPipe",
    efficientnet: null,
    top1: 84.3,
    latencySec: 19.0,
    source: { table: 4, row: 1, column: 2 },
  },
  {
    name: "EfficientNet-B7",
    efficientnet: "b7",
    top1: 84.4,
    latencySec: 3.1,
    source: { table: 4, row: 2, column: 2 },
  },
];

export const TABLE4_SPEEDUPS: readonly PublishedSpeedup[] = [
  {
    baseline: "ResNet-152",
    ours: "EfficientNet-B1",
    speedup: 5.7,
    source: { table: 4, row: 3, column: 1 },
  },
  {
    baseline: "GPipe",
    ours: "EfficientNet-B7",
    speedup: 6.1,
    source: { table: 4, row: 3, column: 2 },
  },
];
