/**
 * What an experiment produced, as plain data (structured-clone safe: IndexedDB, postMessage,
 * JSON): per-run results, the per-strategy summary, the CLI's `--json` shape and CSV.
 */
import type { ModelId } from "../arch/types";
import { type Msg, msg } from "../i18n/msg";
import type { CamSample } from "./cam-scores";
import type { DatasetInfo } from "./data-source";
import type { ExperimentDef } from "./experiment";
import type { Recipe } from "./recipe";
import { LAB_STRATEGIES, type LabStrategy } from "./strategies";
import type { EpochPoint } from "./train";

export interface RunResult {
  readonly id: string;
  readonly strategy: LabStrategy;
  readonly seed: number;
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  readonly macs: number;
  readonly trainableParams: number;
  readonly totalParams: number;
  readonly epochs: number;
  readonly trainMs: number;
  readonly curve: readonly EpochPoint[];
  readonly testAccuracy: number;
  /**
   * The CAM scores, with what a map that ignores the image scores on the same images (the
   * chance level; absent in experiments saved before it was recorded).
   */
  readonly cam: {
    readonly pointingGame: number;
    readonly energyInBox: number;
    readonly pointingChance?: number;
    readonly energyChance?: number;
    /** The best fixed cell's pointing and a centre-weighted map's energy (cam-scores.ts). */
    readonly pointingFixed?: number;
    readonly energyCentre?: number;
  } | null;
  readonly camSamples: readonly CamSample[];
  /** tf.loadLayersModel URL where the trained model was saved, or null. */
  readonly modelUrl: string | null;
}

export interface SummaryRow {
  readonly strategy: LabStrategy;
  readonly macs: number;
  readonly testAccuracyMean: number;
  /** Sample standard deviation over seeds (0 for one seed). */
  readonly testAccuracyStd: number;
  readonly n: number;
  readonly pointingGameMean: number | null;
  readonly energyInBoxMean: number | null;
  /** Chance levels of the same images (null when no run recorded them). */
  readonly pointingChanceMean: number | null;
  readonly energyChanceMean: number | null;
  /** Fixed-map levels (null when no run recorded them). */
  readonly pointingFixedMean: number | null;
  readonly energyCentreMean: number | null;
}

/** Test images of the CAM grid, as 8-bit RGB at the base resolution. */
export interface CamImage {
  readonly index: number;
  readonly label: number;
  readonly resolution: number;
  readonly rgb: Uint8Array;
  readonly boxes: readonly { x0: number; y0: number; x1: number; y1: number }[] | null;
}

/** The backend an experiment trained on, as its results state it. */
export interface LabBackend {
  readonly name: string;
  /** In English, whole: e.g. "WASM, SIMD, 1 thread; 2 workers, one run each at a time". */
  readonly detail: string;
  /** The backend's own part of `detail` for the interface to translate (absent: English). */
  readonly detailMsg?: Msg;
  /** Workers that trained runs at once (lib/lab/pool.ts); absent: one. */
  readonly workers?: number;
}

export interface ExperimentResult {
  readonly id: string;
  readonly createdAt: string;
  readonly finished: boolean;
  readonly model: ModelId;
  readonly def: ExperimentDef;
  readonly recipe: Recipe;
  readonly dataset: DatasetInfo;
  readonly backend: LabBackend;
  readonly base: {
    readonly width: number;
    readonly depth: number;
    readonly resolution: number;
    readonly macs: number;
    readonly trainableParams: number;
  };
  readonly targetMacs: number;
  readonly runs: readonly RunResult[];
  readonly camImages: readonly CamImage[];
  readonly wallMs: number;
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN;
}

function std(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Mean of the recorded values, null when none was. */
function meanOf(xs: readonly (number | undefined)[]): number | null {
  const v = xs.filter((x): x is number => x !== undefined);
  return v.length ? mean(v) : null;
}

export function summarize(runs: readonly RunResult[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const strategy of LAB_STRATEGIES) {
    const rs = runs.filter((r) => r.strategy === strategy);
    if (!rs.length) continue;
    const acc = rs.map((r) => r.testAccuracy);
    const cams = rs.map((r) => r.cam).filter((c): c is NonNullable<typeof c> => c !== null);
    rows.push({
      strategy,
      macs: rs[0]!.macs,
      testAccuracyMean: mean(acc),
      testAccuracyStd: std(acc),
      n: rs.length,
      pointingGameMean: cams.length ? mean(cams.map((c) => c.pointingGame)) : null,
      energyInBoxMean: cams.length ? mean(cams.map((c) => c.energyInBox)) : null,
      pointingChanceMean: meanOf(cams.map((c) => c.pointingChance)),
      energyChanceMean: meanOf(cams.map((c) => c.energyChance)),
      pointingFixedMean: meanOf(cams.map((c) => c.pointingFixed)),
      energyCentreMean: meanOf(cams.map((c) => c.energyCentre)),
    });
  }
  return rows;
}

/**
 * The chance level of an experiment's CAM scores (cam-map chanceScores), the mean over the
 * runs that recorded one; null when none did (experiments saved before it was recorded).
 */
export function camChanceLevel(runs: readonly RunResult[]): {
  pointing: number;
  energy: number;
  /** The fixed-map levels, null in experiments saved before they were recorded. */
  pointingFixed: number | null;
  energyCentre: number | null;
} | null {
  const pointing = meanOf(runs.map((r) => r.cam?.pointingChance));
  const energy = meanOf(runs.map((r) => r.cam?.energyChance));
  return pointing !== null && energy !== null
    ? {
        pointing,
        energy,
        pointingFixed: meanOf(runs.map((r) => r.cam?.pointingFixed)),
        energyCentre: meanOf(runs.map((r) => r.cam?.energyCentre)),
      }
    : null;
}

/** The CLI's `--json` object (issue 13's shape). */
export function resultToJSON(e: ExperimentResult): unknown {
  return {
    model: e.model,
    dataset: {
      kind: e.dataset.kind,
      classes: e.dataset.classes,
      trainImages: e.dataset.trainImages,
      testImages: e.dataset.testImages,
      seed: e.dataset.seed,
      sha256: e.dataset.sha256,
    },
    backend: e.backend.name,
    base: {
      width: e.base.width,
      depth: e.base.depth,
      resolution: e.base.resolution,
      macs: e.base.macs,
      trainableParams: e.base.trainableParams,
    },
    runs: e.runs.map((r) => ({
      strategy: r.strategy,
      seed: r.seed,
      width: r.width,
      depth: r.depth,
      resolution: r.resolution,
      macs: r.macs,
      trainableParams: r.trainableParams,
      epochs: r.epochs,
      trainMs: Math.round(r.trainMs),
      curve: r.curve.map((p) => ({ epoch: p.epoch, loss: p.loss, valAccuracy: p.valAccuracy })),
      testAccuracy: r.testAccuracy,
      cam: r.cam,
    })),
    summary: summarize(e.runs).map((s) => ({
      strategy: s.strategy,
      macs: s.macs,
      testAccuracyMean: s.testAccuracyMean,
      testAccuracyStd: s.testAccuracyStd,
      n: s.n,
    })),
  };
}

const CSV_COLUMNS = [
  "strategy",
  "seed",
  "width",
  "depth",
  "resolution",
  "macs",
  "trainableParams",
  "epochs",
  "trainMs",
  "testAccuracy",
  "pointingGame",
  "energyInBox",
  "pointingChance",
  "energyChance",
  "pointingFixed",
  "energyCentre",
] as const;

/** One row per run. */
export function resultToCsv(e: ExperimentResult): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of e.runs) {
    lines.push(
      [
        r.strategy,
        r.seed,
        r.width,
        r.depth,
        r.resolution,
        r.macs,
        r.trainableParams,
        r.epochs,
        Math.round(r.trainMs),
        r.testAccuracy,
        r.cam?.pointingGame ?? "",
        r.cam?.energyInBox ?? "",
        r.cam?.pointingChance ?? "",
        r.cam?.energyChance ?? "",
        r.cam?.pointingFixed ?? "",
        r.cam?.energyCentre ?? "",
      ].join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** The conclusion in words: what was measured, and whether compound won. */
export function conclusion(e: ExperimentResult, chance: number): string[] {
  return conclusionLines(e, chance).map((l) => l.text);
}

/** conclusion's sentences, each with its message (lab.conclusion.*) for the page. */
export function conclusionLines(
  e: ExperimentResult,
  chance: number,
): { readonly text: string; readonly msg: Msg }[] {
  const s = summarize(e.runs);
  if (!s.length) return [{ text: "No run finished.", msg: msg("lab.conclusion.none") }];
  const out: { text: string; msg: Msg }[] = [];
  const fmt = (x: number) => `${(x * 100).toFixed(1)}%`;
  const base = s.find((r) => r.strategy === "base");
  if (base) {
    out.push({
      text: `The base network reached ${fmt(base.testAccuracyMean)} test accuracy (chance is ${fmt(chance)}).`,
      msg: msg("lab.conclusion.base", { acc: fmt(base.testAccuracyMean), chance: fmt(chance) }),
    });
  }
  const scaled = s.filter((r) => r.strategy !== "base");
  if (scaled.length) {
    const best = scaled.reduce((a, b) => (b.testAccuracyMean > a.testAccuracyMean ? b : a));
    const spread =
      best.n > 1
        ? ` ± ${fmt(best.testAccuracyStd)} over ${best.n} seeds`
        : " (one seed: no spread)";
    out.push({
      text: `At equal cost, ${best.strategy} scaling scored best: ${fmt(best.testAccuracyMean)}${spread}.`,
      msg:
        best.n > 1
          ? msg("lab.conclusion.best", {
              strategy: best.strategy,
              acc: fmt(best.testAccuracyMean),
              std: fmt(best.testAccuracyStd),
              n: best.n,
            })
          : msg("lab.conclusion.bestOne", {
              strategy: best.strategy,
              acc: fmt(best.testAccuracyMean),
            }),
    });
    const compound = scaled.find((r) => r.strategy === "compound");
    if (compound && compound !== best) {
      const gap = fmt(best.testAccuracyMean - compound.testAccuracyMean);
      out.push({
        text: `Compound scaling did not win here: ${fmt(compound.testAccuracyMean)}, ${gap} behind ${best.strategy}.`,
        msg: msg("lab.conclusion.compoundLost", {
          acc: fmt(compound.testAccuracyMean),
          gap,
          best: best.strategy,
        }),
      });
    } else if (compound) {
      const second = scaled
        .filter((r) => r !== compound)
        .reduce<SummaryRow | null>(
          (a, b) => (!a || b.testAccuracyMean > a.testAccuracyMean ? b : a),
          null,
        );
      if (second) {
        const margin = compound.testAccuracyMean - second.testAccuracyMean;
        const within = compound.n > 1 && margin < compound.testAccuracyStd + second.testAccuracyStd;
        out.push({
          text: `Compound won by ${fmt(margin)} over ${second.strategy}${within ? ", within the seed spread, so not a clear win" : ""}.`,
          msg: msg(within ? "lab.conclusion.compoundWithin" : "lab.conclusion.compoundWon", {
            margin: fmt(margin),
            second: second.strategy,
          }),
        });
      }
    }
    if (base) {
      const worse = scaled
        .filter((r) => r.testAccuracyMean < base.testAccuracyMean)
        .map((r) => r.strategy);
      if (worse.length)
        out.push({
          text: `Scaled below the base: ${worse.join(", ")} (short training favours small nets).`,
          msg: msg("lab.conclusion.belowBase", { list: worse.join(", ") }),
        });
    }
  }
  const cams = s.filter((r) => r.pointingGameMean !== null);
  const pointing = pointingAgainstFixed(cams, fmt);
  if (pointing) out.push(pointing);
  if (cams.length) {
    const best = cams.reduce((a, b) =>
      (b.energyInBoxMean ?? 0) > (a.energyInBoxMean ?? 0) ? b : a,
    );
    const energy = fmt(best.energyInBoxMean ?? 0);
    const chance = best.energyChanceMean;
    const centre = best.energyCentreMean;
    if (chance === null) {
      out.push({
        text: `The most energy inside the object boxes: ${best.strategy} (${energy}).`,
        msg: msg("lab.conclusion.energy", { strategy: best.strategy, energy }),
      });
    } else if (
      cams.some((r) => r.energyCentreMean !== null) &&
      !cams.some(
        (r) => r.energyCentreMean !== null && (r.energyInBoxMean ?? 0) > r.energyCentreMean,
      )
    ) {
      // Maybe above a flat map, but no network above a fixed map peaking at the centre (each
      // against its own map size), where the objects usually are: no sign the maps follow
      // the object.
      out.push({
        text: `No network's class activation maps put more energy inside the object boxes than a fixed map peaking at the image centre (best: ${best.strategy}, ${energy}; centre map: ${fmt(centre ?? chance)}; flat: ${fmt(chance)}): the maps do not yet look at the object beyond where objects usually are.`,
        msg: msg("lab.conclusion.energyCentreNone", {
          strategy: best.strategy,
          energy,
          centre: fmt(centre ?? chance),
          chance: fmt(chance),
        }),
      });
    } else {
      // A map that ignores the image puts the boxes' share of the pixels inside them; the
      // scores mean something only above that.
      const above = (best.energyInBoxMean ?? 0) > chance;
      out.push({
        text: above
          ? `The most energy inside the object boxes: ${best.strategy} (${energy}; a flat map that ignores the image scores ${fmt(chance)}${centre !== null ? `, a fixed map peaking at the centre ${fmt(centre)}` : ""}).`
          : `No network's class activation maps put more energy inside the object boxes than a flat map would (best: ${best.strategy}, ${energy}; flat: ${fmt(chance)}): the maps do not yet look at the object.`,
        msg: msg(
          above
            ? centre !== null
              ? "lab.conclusion.energyChanceCentre"
              : "lab.conclusion.energyChance"
            : "lab.conclusion.energyNone",
          {
            strategy: best.strategy,
            energy,
            chance: fmt(chance),
            ...(centre !== null ? { centre: fmt(centre) } : {}),
          },
        ),
      });
    }
  }
  return out;
}

/**
 * The pointing game read against the best fixed cell (a map that ignores the image and always
 * peaks in the cell that hits most often, usually the centre), each network against its own
 * map size's. Above random but below that cell says the maps follow where objects usually
 * are, not the object. Null when no run recorded the fixed cell (experiments saved before),
 * which was recorded with the random cell, so both are there when it is.
 */
function pointingAgainstFixed(
  cams: readonly SummaryRow[],
  fmt: (x: number) => string,
): { text: string; msg: Msg } | null {
  const rows = cams.filter((r) => r.pointingFixedMean !== null && r.pointingGameMean !== null);
  if (!rows.length) return null;
  const margin = (r: SummaryRow) => (r.pointingGameMean ?? 0) - (r.pointingFixedMean ?? 0);
  const best = rows.reduce((a, b) => (margin(b) > margin(a) ? b : a));
  const values = {
    strategy: best.strategy,
    pointing: fmt(best.pointingGameMean ?? 0),
    fixed: fmt(best.pointingFixedMean ?? 0),
    random: fmt(best.pointingChanceMean ?? 0),
  };
  return margin(best) > 0
    ? {
        text: `Pointing game: ${best.strategy}'s map peaks inside the object box ${values.pointing} of the time, above always pointing at the best fixed cell (${values.fixed}; a random cell ${values.random}).`,
        msg: msg("lab.conclusion.pointingAboveFixed", values),
      }
    : {
        text: `Pointing game: no network's map peaks inside the object box more often than always pointing at the best fixed cell would (closest: ${best.strategy}, ${values.pointing} against ${values.fixed}; a random cell ${values.random}).`,
        msg: msg("lab.conclusion.pointingFixedNone", values),
      };
}

/**
 * `next` with the parts it shares with `prev` (the same experiment's earlier snapshot) taken
 * from `prev`: its CAM images, and every run `prev` already had (a finished run never
 * changes). Why: the page keeps what did not change, so a run's end redraws that run only.
 */
export function shareWith(prev: ExperimentResult | null, next: ExperimentResult): ExperimentResult {
  if (!prev || prev.id !== next.id) return next;
  const done = new Map(prev.runs.map((r) => [r.id, r]));
  const sameImages =
    prev.camImages.length === next.camImages.length &&
    prev.camImages.every((im, i) => im.index === next.camImages[i]!.index);
  return {
    ...next,
    camImages: sameImages ? prev.camImages : next.camImages,
    runs: next.runs.map((r) => done.get(r.id) ?? r),
  };
}
