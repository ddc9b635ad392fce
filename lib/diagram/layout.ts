/**
 * Pure geometry of an architecture diagram in the spirit of the paper's figure 2.
 * Each stage (a row of the paper's table 1) is a column of slabs, one slab per block:
 *   - slab height  ~ the stage's spatial resolution (linear),
 *   - slab width   ~ its channel count (square root, so 16 and 2048 channels both stay visible),
 *   - slab count   = the stage's number of blocks (depth); long stages are elided past
 *                    `maxSlabs` and carry their true count.
 * A second network (the baseline) can be laid out on the same scale and the same columns, so
 * drawing it as an outline over the scaled one shows what grew. Units are abstract SVG user
 * units; a view scales the returned `width` x `height` box to fit.
 *
 *   const g = layoutDiagram(calc.stages, baseline.stages);
 *   g.current.stages[3].slabs  // [{ x, y, w, h, block }, ...]
 *
 * Input is any StageSpec list (lib/arch/types.ts; cost's StageRow extends it).
 */
import type { StageSpec } from "../arch/types";

export interface DiagramOptions {
  /** Height of the tallest slab (the largest resolution on the shared scale). */
  readonly maxSlabHeight?: number;
  /** Width of the widest slab (the largest channel count on the shared scale). */
  readonly maxSlabWidth?: number;
  /** Slabs drawn per stage before eliding the rest. */
  readonly maxSlabs?: number;
  readonly slabGap?: number;
  readonly stageGap?: number;
  /** Space above/below for labels. */
  readonly padTop?: number;
  readonly padBottom?: number;
  readonly padX?: number;
  /** Narrowest column, so per-stage labels under thin stages do not collide. */
  readonly minColumnWidth?: number;
  /** Scale to use instead of fitting the given networks (e.g. fixed across a view's lifetime). */
  readonly scale?: DiagramScale;
}

/** The largest channel count and resolution the drawing is scaled to. */
export interface DiagramScale {
  readonly channels: number;
  readonly resolution: number;
}

export interface Slab {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Block index within the stage (drawn slabs only). */
  readonly block: number;
}

export interface StageGeometry {
  readonly index: number;
  readonly operator: string;
  readonly kind: StageSpec["kind"];
  /** Left edge of the stage's slabs and the width they take (see `columns` for the column). */
  readonly x: number;
  readonly width: number;
  readonly slabs: readonly Slab[];
  /** True number of blocks; `slabs.length` is smaller when elided. */
  readonly repeats: number;
  readonly elided: boolean;
  /** x of the "..." mark when elided. */
  readonly ellipsisX: number;
  /** The channel count and resolution drawn. */
  readonly channels: number;
  readonly resolution: number;
}

export interface NetworkGeometry {
  readonly stages: readonly StageGeometry[];
}

export interface DiagramGeometry {
  readonly width: number;
  readonly height: number;
  /** Vertical centre line all slabs are centred on. */
  readonly midY: number;
  /** Columns shared by both networks: x and width of each stage index. */
  readonly columns: readonly { readonly x: number; readonly width: number }[];
  readonly current: NetworkGeometry;
  readonly baseline: NetworkGeometry | null;
  readonly scale: DiagramScale;
}

const DEFAULTS = {
  maxSlabHeight: 150,
  maxSlabWidth: 26,
  maxSlabs: 8,
  slabGap: 3,
  stageGap: 16,
  padTop: 12,
  padBottom: 44,
  padX: 8,
  minColumnWidth: 28,
} as const;

/** Smallest drawn sizes, so a 1x1 head or a 16-channel stage never vanishes. */
const MIN_H = 3;
const MIN_W = 2;

/**
 * The resolution a stage works at: the stem and blocks at their output, the head at its
 * input (its output is the pooled 1x1).
 */
export function stageResolution(s: StageSpec): number {
  return s.kind === "head" ? s.inRes[0] : s.outRes[0];
}

/** Channels a stage carries: the head is drawn by its input (the last feature map). */
export function stageChannels(s: StageSpec): number {
  return s.kind === "head" ? Math.max(s.inChannels, s.outChannels) : s.outChannels;
}

/** A scale fitting every given network. */
export function diagramScale(
  ...networks: readonly (readonly StageSpec[] | null | undefined)[]
): DiagramScale {
  let channels = 1;
  let resolution = 1;
  for (const n of networks) {
    for (const s of n ?? []) {
      channels = Math.max(channels, stageChannels(s));
      resolution = Math.max(resolution, stageResolution(s));
    }
  }
  return { channels, resolution };
}

export function slabHeight(resolution: number, scale: DiagramScale, maxH: number): number {
  return Math.max(MIN_H, (maxH * resolution) / scale.resolution);
}

export function slabWidth(channels: number, scale: DiagramScale, maxW: number): number {
  return Math.max(MIN_W, maxW * Math.sqrt(channels / scale.channels));
}

interface StageDraft {
  readonly s: StageSpec;
  readonly w: number;
  readonly h: number;
  readonly drawn: number;
  readonly elided: boolean;
  readonly width: number;
}

function draft(
  s: StageSpec,
  scale: DiagramScale,
  o: Required<Omit<DiagramOptions, "scale">>,
): StageDraft {
  const w = slabWidth(stageChannels(s), scale, o.maxSlabWidth);
  const h = slabHeight(stageResolution(s), scale, o.maxSlabHeight);
  const repeats = Math.max(1, s.repeats);
  const elided = repeats > o.maxSlabs;
  // When elided: maxSlabs - 1 slabs, then room for an ellipsis as wide as one slab.
  const drawn = elided ? o.maxSlabs - 1 : repeats;
  const units = elided ? drawn + 1 : drawn;
  const width = units * w + (units - 1) * o.slabGap;
  return { s, w, h, drawn, elided, width };
}

function place(d: StageDraft, x: number, midY: number, gap: number): StageGeometry {
  const slabs: Slab[] = [];
  for (let b = 0; b < d.drawn; b++) {
    // Elided stages keep their last block at the end, after the ellipsis.
    const slot = d.elided && b === d.drawn - 1 ? b + 1 : b;
    slabs.push({ x: x + slot * (d.w + gap), y: midY - d.h / 2, w: d.w, h: d.h, block: b });
  }
  return {
    index: d.s.index,
    operator: d.s.operator,
    kind: d.s.kind,
    x,
    width: d.width,
    slabs,
    repeats: d.s.repeats,
    elided: d.elided,
    ellipsisX: d.elided ? x + (d.drawn - 1) * (d.w + gap) + d.w / 2 : x,
    channels: stageChannels(d.s),
    resolution: stageResolution(d.s),
  };
}

/**
 * Lays out `current` and (optionally) `baseline` on one scale and one set of columns:
 * stage i of both starts at the same x, and each column is as wide as the wider of the two.
 */
export function layoutDiagram(
  current: readonly StageSpec[],
  baseline: readonly StageSpec[] | null = null,
  opts: DiagramOptions = {},
): DiagramGeometry {
  const o = { ...DEFAULTS, ...opts };
  if (!(o.maxSlabs >= 2)) o.maxSlabs = 2;
  const scale = opts.scale ?? diagramScale(current, baseline);
  const cur = current.map((s) => draft(s, scale, o));
  const base = baseline ? baseline.map((s) => draft(s, scale, o)) : null;
  const n = Math.max(cur.length, base?.length ?? 0);
  const midY = o.padTop + o.maxSlabHeight / 2;
  const columns: { x: number; width: number }[] = [];
  /** Where both networks' slabs start in each column: the wider one is centred. */
  const starts: number[] = [];
  let x = o.padX;
  for (let i = 0; i < n; i++) {
    const drawn = Math.max(cur[i]?.width ?? 0, base?.[i]?.width ?? 0);
    const width = Math.max(drawn, o.minColumnWidth);
    columns.push({ x, width });
    starts.push(x + (width - drawn) / 2);
    x += width + o.stageGap;
  }
  const width = Math.max(1, x - o.stageGap + o.padX);
  return {
    width,
    height: o.padTop + o.maxSlabHeight + o.padBottom,
    midY,
    columns,
    current: { stages: cur.map((d, i) => place(d, starts[i]!, midY, o.slabGap)) },
    baseline: base ? { stages: base.map((d, i) => place(d, starts[i]!, midY, o.slabGap)) } : null,
    scale,
  };
}
