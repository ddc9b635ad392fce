/**
 * Figure 6's panels from table 5 (the text does not print figure 6's own points): per
 * dataset, transfer accuracy against parameters for every model table 5 names. An
 * EfficientNet whose parameters the row prints as "-" takes the count table 5 prints for
 * the same model in other rows (B7: 64M), marked as such; other models without a printed
 * count (DAT) cannot be placed and are listed instead.
 */
import { TABLE5, type TransferDataset, type TransferEntry, type TransferRow } from "@/lib/paper";
import type { PresetId } from "@/lib/scaling/presets";

export interface TransferPoint {
  readonly x: number;
  readonly y: number;
  readonly name: string;
  /** "public" = against the best public model; "reported" = against the best reported. */
  readonly group: "public" | "reported";
  readonly row: number;
  /** The parameter count comes from another row of table 5 (printed "-" here). */
  readonly paramsFromOtherRow: boolean;
}

export interface TransferPanel {
  readonly dataset: TransferDataset;
  readonly efficientnet: readonly TransferPoint[];
  readonly others: readonly TransferPoint[];
  /** Named in the row but without a printed parameter count. */
  readonly unplaced: readonly string[];
  readonly source: TransferRow["source"];
}

/** Parameters (M) table 5 prints for each EfficientNet preset anywhere in the table. */
const PRESET_PARAMS: ReadonlyMap<PresetId, number> = new Map(
  TABLE5.flatMap((r) =>
    [r.publicModels.ours, r.reported.ours].flatMap((e) =>
      e.efficientnet && e.paramsM !== null ? [[e.efficientnet, e.paramsM] as const] : [],
    ),
  ),
);

function point(e: TransferEntry, group: TransferPoint["group"], row: number): TransferPoint | null {
  const borrowed =
    e.paramsM === null && e.efficientnet ? PRESET_PARAMS.get(e.efficientnet) : undefined;
  const x = e.paramsM ?? borrowed;
  if (x === undefined) return null;
  return { x, y: e.acc, name: e.model, group, row, paramsFromOtherRow: borrowed !== undefined };
}

export function transferPanels(): TransferPanel[] {
  return TABLE5.map((r) => {
    const entries = [
      [r.publicModels.theirs, "public"],
      [r.publicModels.ours, "public"],
      [r.reported.theirs, "reported"],
      [r.reported.ours, "reported"],
    ] as const;
    const eff: TransferPoint[] = [];
    const others: TransferPoint[] = [];
    const unplaced: string[] = [];
    for (const [e, g] of entries) {
      const p = point(e, g, r.source.row);
      if (!p) unplaced.push(e.model);
      else (e.efficientnet ? eff : others).push(p);
    }
    eff.sort((a, b) => a.x - b.x);
    return { dataset: r.dataset, efficientnet: eff, others, unplaced, source: r.source };
  });
}
