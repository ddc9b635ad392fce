import { BASELINES } from "../arch/baselines";
import { buildNetwork, widthSignature } from "../arch/interpret";
import type { LayerSpec, ModelId } from "../arch/types";
import { layerCost } from "../cost/layer";
import { roundRepeats } from "./rounding";

/**
 * Exact MACs and parameters of many (width, depth, resolution) configurations of one
 * baseline, from a few built networks instead of one network each.
 *
 * Why it is exact: `buildNetwork` uses width only through the rounded channel counts,
 * depth only through the rounded repeats of each stage, and resolution only through the
 * spatial sizes. So
 *  - a layer's MACs = (its spatial size, set by resolution alone) x (MACs per output
 *    pixel, set by the channel counts alone);
 *  - parameters do not depend on resolution;
 *  - within a stage every block after the first has the same shapes, so a stage of n
 *    blocks costs first + (n - 1) x repeated.
 * One network per distinct rounded width and one per distinct resolution (both built at
 * depth 2, where every stage has at least two blocks) therefore give every configuration.
 * test/lib/scaling/grid.test.ts checks this against `macsOf` / `calculate` on random
 * configurations; anything that would break the factorisation falls back to a full build.
 */

export interface SeparableCostValue {
  readonly macs: number;
  readonly trainableParams: number;
  readonly totalParams: number;
}

/** Per-stage first/repeated block costs, plus everything outside repeated blocks. */
interface Parts {
  fixed: number;
  readonly first: Float64Array;
  readonly repeated: Float64Array;
}

/** A width coefficient with its interned rounded-channel key. */
export interface WidthHandle {
  readonly id: number;
  /** The first width seen with this key (any width with the key builds the same channels). */
  readonly width: number;
  readonly key: string;
}

interface WidthPart {
  /** MACs per output pixel of every MAC-bearing layer, by name. */
  readonly perPixel: Map<string, number>;
  readonly layers: readonly LayerSpec[];
  readonly trainable: Parts;
  readonly total: Parts;
}

/** Depth at which every stage has >= 2 blocks (ceil(n * 2) >= 2 for n >= 1). */
const PROBE_DEPTH = 2;
/** Any valid resolution works for the width probe; this one keeps it cheap. */
const PROBE_RESOLUTION = 64;

/** Output pixels a layer's MACs scale with: conv outputs' H x W, 1 for dense. */
function spatial(l: LayerSpec): number {
  if (l.op === "dense") return 1;
  return (l.outShape[0] ?? 1) * (l.outShape[1] ?? 1);
}

function hasMacs(l: LayerSpec): boolean {
  return l.op === "conv2d" || l.op === "depthwiseConv2d" || l.op === "dense";
}

export class SeparableCost {
  private readonly widths = new Map<string, WidthPart>();
  private readonly resolutions = new Map<number, Map<string, number>>();
  /** Keyed by widthId * 8192 + resolution (resolution <= 4096). */
  private readonly combined = new Map<number, Parts | null>();
  private readonly widthIds = new Map<string, WidthHandle>();
  private readonly fallback = new Map<string, number>();
  private readonly stageRepeats: readonly number[];
  /** Networks actually built (for progress and benchmark figures). */
  builds = 0;

  constructor(
    readonly model: ModelId,
    readonly classes = 1000,
  ) {
    this.stageRepeats = BASELINES[model].stages.map((s) => s.repeats);
  }

  /**
   * The rounded channel counts a width coefficient produces: equal keys mean equal
   * networks (at equal depth and resolution). Mirrors where `buildNetwork` scales channels.
   */
  widthKey(width: number): string {
    return widthSignature(BASELINES[this.model], width).join(",");
  }

  /** An interned width: equal ids = equal rounded channel counts. */
  widthHandle(width: number): WidthHandle {
    const key = this.widthKey(width);
    let h = this.widthIds.get(key);
    if (!h) {
      h = { id: this.widthIds.size, width, key };
      this.widthIds.set(key, h);
    }
    return h;
  }

  /** The rounded repeats per stage a depth coefficient produces. */
  repeats(depth: number): number[] {
    return this.stageRepeats.map((n) => roundRepeats(n, depth));
  }

  private widthPart(width: number, key: string): WidthPart {
    let p = this.widths.get(key);
    if (p) return p;
    const spec = buildNetwork({
      model: this.model,
      width,
      depth: PROBE_DEPTH,
      resolution: PROBE_RESOLUTION,
      classes: this.classes,
    });
    this.builds++;
    const perPixel = new Map<string, number>();
    const k = this.stageRepeats.length;
    const trainable = emptyParts(k);
    const total = emptyParts(k);
    for (const l of spec.layers) {
      const c = layerCost(l);
      if (hasMacs(l)) perPixel.set(l.name, c.macs / spatial(l));
      addTo(trainable, l, c.trainableParams);
      addTo(total, l, c.trainableParams + c.nonTrainableParams);
    }
    p = { perPixel, layers: spec.layers, trainable, total };
    this.widths.set(key, p);
    return p;
  }

  private resolutionPart(resolution: number): Map<string, number> {
    let m = this.resolutions.get(resolution);
    if (m) return m;
    const spec = buildNetwork({
      model: this.model,
      width: 1,
      depth: PROBE_DEPTH,
      resolution,
      classes: this.classes,
    });
    this.builds++;
    m = new Map();
    for (const l of spec.layers) if (hasMacs(l)) m.set(l.name, spatial(l));
    this.resolutions.set(resolution, m);
    return m;
  }

  /** MAC parts for a (width, resolution) pair; null if the factorisation does not apply. */
  private macParts(h: WidthHandle, resolution: number): Parts | null {
    const key = h.id * 8192 + resolution;
    const hit = this.combined.get(key);
    if (hit !== undefined) return hit;
    const w = this.widthPart(h.width, h.key);
    const r = this.resolutionPart(resolution);
    const parts: Parts | null = emptyParts(this.stageRepeats.length);
    let ok = w.perPixel.size === r.size;
    for (const l of w.layers) {
      if (!ok) break;
      const pp = w.perPixel.get(l.name);
      if (pp === undefined) continue;
      const s = r.get(l.name);
      if (s === undefined) ok = false;
      else addTo(parts, l, pp * s);
    }
    const out = ok ? parts : null;
    this.combined.set(key, out);
    return out;
  }

  cost(width: number, depth: number, resolution: number): SeparableCostValue {
    return this.costAt(this.widthHandle(width), depth, this.repeats(depth), resolution);
  }

  /** `cost` with the width handle and repeats already computed (hot loops precompute them). */
  costAt(
    h: WidthHandle,
    depth: number,
    reps: readonly number[],
    resolution: number,
  ): SeparableCostValue {
    const width = h.width;
    const w = this.widthPart(width, h.key);
    const parts = this.macParts(h, resolution);
    let macs: number;
    if (parts) {
      macs = sumParts(parts, reps);
    } else {
      // A layer exists at one probe and not the other: build this configuration outright.
      const key = `${h.key}|${resolution}|${reps.join(",")}`;
      let m = this.fallback.get(key);
      if (m === undefined) {
        const spec = buildNetwork({
          model: this.model,
          width,
          depth,
          resolution,
          classes: this.classes,
        });
        this.builds++;
        m = 0;
        for (const l of spec.layers) m += layerCost(l).macs;
        this.fallback.set(key, m);
      }
      macs = m;
    }
    return {
      macs,
      trainableParams: sumParts(w.trainable, reps),
      totalParams: sumParts(w.total, reps),
    };
  }
}

function emptyParts(stages: number): Parts {
  return { fixed: 0, first: new Float64Array(stages), repeated: new Float64Array(stages) };
}

/** Adds a layer's cost to the stem/head constant or its stage's first/repeated block. */
function addTo(p: Parts, l: LayerSpec, v: number): void {
  // Stage 0 is the stem and stage k+1 the head; blocks are stages 1..k.
  const s = l.stage - 1;
  if (l.block < 0 || s < 0 || s >= p.first.length) {
    p.fixed += v;
  } else if (l.block === 0) {
    p.first[s]! += v;
  } else if (l.block === 1) {
    p.repeated[s]! += v;
  }
}

function sumParts(p: Parts, reps: readonly number[]): number {
  let v = p.fixed;
  for (let i = 0; i < reps.length; i++) v += p.first[i]! + (reps[i]! - 1) * p.repeated[i]!;
  return v;
}
