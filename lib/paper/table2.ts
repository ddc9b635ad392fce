import type { PublishedModel } from "./types";
import type { PresetId } from "../scaling/presets";

type Row = [string, PresetId | null, string, number, number, number, number | null];

// Table 2 as printed: name, EfficientNet preset, citation, top-1 %, top-5 %, #Params (M), #FLOPs (B).
const ROWS: readonly Row[] = [
  ["EfficientNet-B0", "b0", "Tan & Le, 2019", 77.1, 93.3, 5.3, 0.39],
  ["ResNet-50", null, "He et al., 2016", 76.0, 93.0, 26, 4.1],
  ["DenseNet-169", null, "Huang et al., 2017", 76.2, 93.2, 14, 3.5],
  ["EfficientNet-B1", "b1", "Tan & Le, 2019", 79.1, 94.4, 7.8, 0.7],
  ["ResNet-152", null, "He et al., 2016", 77.8, 93.8, 60, 11],
  ["DenseNet-264", null, "Huang et al., 2017", 77.9, 93.9, 34, 6.0],
  ["Inception-v3", null, "Szegedy et al., 2016", 78.8, 94.4, 24, 5.7],
  ["Xception", null, "Chollet, 2017", 79.0, 94.5, 23, 8.4],
  ["EfficientNet-B2", "b2", "Tan & Le, 2019", 80.1, 94.9, 9.2, 1.0],
  ["Inception-v4", null, "Szegedy et al., 2017", 80.0, 95.0, 48, 13],
  ["Inception-ResNet-v2", null, "Szegedy et al., 2017", 80.1, 95.1, 56, 13],
  ["EfficientNet-B3", "b3", "Tan & Le, 2019", 81.6, 95.7, 12, 1.8],
  ["ResNeXt-101", null, "Xie et al., 2017", 80.9, 95.6, 84, 32],
  ["PolyNet", null, "Zhang et al., 2017", 81.3, 95.8, 92, 35],
  ["EfficientNet-B4", "b4", "Tan & Le, 2019", 82.9, 96.4, 19, 4.2],
  ["SENet", null, "Hu et al., 2018", 82.7, 96.2, 146, 42],
  ["NASNet-A", null, "Zoph et al., 2018", 82.7, 96.2, 89, 24],
  ["AmoebaNet-A", null, "Real et al., 2019", 82.8, 96.1, 87, 23],
  ["PNASNet", null, "Liu et al., 2018", 82.9, 96.2, 86, 23],
  ["EfficientNet-B5", "b5", "Tan & Le, 2019", 83.6, 96.7, 30, 9.9],
  ["AmoebaNet-C", null, "Cubuk et al., 2019", 83.5, 96.5, 155, 41],
  ["EfficientNet-B6", "b6", "Tan & Le, 2019", 84.0, 96.8, 43, 19],
  ["EfficientNet-B7", "b7", "Tan & Le, 2019", 84.3, 97.0, 66, 37],
  ["GPipe", null, "Huang et al., 2018", 84.3, 97.0, 557, null],
];

/** Paper table 2: EfficientNet performance results on ImageNet, grouped by accuracy. */
export const TABLE2: readonly PublishedModel[] = ROWS.map(
  ([name, efficientnet, citation, top1, top5, paramsM, flopsB], i) => ({
    name,
    efficientnet,
    citation,
    top1,
    top5,
    paramsM,
    flopsB,
    source: { table: 2, row: i + 1 },
  }),
);

/** Paper table 8: ImageNet validation vs test accuracy of B0..B7 (two decimals). */
export const TABLE8: Readonly<
  Record<
    "b0" | "b1" | "b2" | "b3" | "b4" | "b5" | "b6" | "b7",
    { valTop1: number; testTop1: number; valTop5: number; testTop5: number }
  >
> = {
  b0: { valTop1: 77.11, testTop1: 77.23, valTop5: 93.35, testTop5: 93.45 },
  b1: { valTop1: 79.13, testTop1: 79.17, valTop5: 94.47, testTop5: 94.43 },
  b2: { valTop1: 80.07, testTop1: 80.16, valTop5: 94.9, testTop5: 94.98 },
  b3: { valTop1: 81.59, testTop1: 81.72, valTop5: 95.67, testTop5: 95.7 },
  b4: { valTop1: 82.89, testTop1: 82.94, valTop5: 96.37, testTop5: 96.27 },
  b5: { valTop1: 83.6, testTop1: 83.69, valTop5: 96.71, testTop5: 96.64 },
  b6: { valTop1: 83.95, testTop1: 84.04, valTop5: 96.76, testTop5: 96.86 },
  b7: { valTop1: 84.26, testTop1: 84.33, valTop5: 96.97, testTop5: 96.94 },
};
