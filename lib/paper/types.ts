import type { ModelId } from "../arch/types";
import type { PresetId } from "../scaling/presets";

/** Where a published number comes from in Tan & Le 2019 (ICML version). */
export interface PaperSource {
  readonly table: number;
  /** 1-based data row within the table, as printed. */
  readonly row: number;
}

/** A model of table 2: ImageNet results. params in millions, flops in billions (the paper's FLOPS = MACs). */
export interface PublishedModel {
  readonly name: string;
  /** EfficientNet B0..B7 are drawn as a line; others as labelled points. */
  readonly efficientnet: PresetId | null;
  readonly citation: string;
  readonly top1: number;
  readonly top5: number;
  readonly paramsM: number;
  /** null where the paper prints "-". */
  readonly flopsB: number | null;
  readonly source: PaperSource;
}

export type ScalingStrategy = "baseline" | "depth" | "width" | "resolution" | "compound";

/** A scaled-baseline row of table 3 (MobileNets, ResNet-50) or table 7 (EfficientNet-B0). */
export interface ScaledResult {
  readonly model: ModelId;
  readonly label: string;
  readonly strategy: ScalingStrategy;
  /** Coefficients as printed; null where the paper does not give them. */
  readonly coefficients: {
    readonly depth?: number;
    readonly width?: number;
    readonly resolution?: number;
  } | null;
  readonly flopsB: number;
  readonly top1: number;
  readonly source: PaperSource;
}
