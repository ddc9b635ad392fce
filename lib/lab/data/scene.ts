/**
 * The vector description of one image of the procedural dataset: a background, distractor
 * shapes, and one object of a class. It depends only on (seed, split, index), never on the
 * resolution it is later drawn at.
 *
 * How the classes are built so that each scaling dimension can matter:
 * - resolution: three classes are the same disc told apart only by a fine texture
 *   (stripes, a dot lattice, none), and "ring" and "arc" differ by a small gap. Texture
 *   periods are 2.5-5 % of the image (0.8-1.6 px at 32 px: averaged away or aliased; 1.6-3.2
 *   px at 64 px: faint; 3.2-6.4 px at 128 px: clear), the gap 3-6 % (1-2 px at 32 px).
 * - depth (receptive field): "trio-line" and "trio-triangle" are the same three dots in a
 *   different arrangement, and "cross", "tee" and "ell" the same two bars joined
 *   differently. Loose dots, bars, rings and patches are scattered around as distractors,
 *   so only a view of the whole object, a third to a half of the image, tells the class.
 * - width (capacity): every image varies in position, scale, rotation, colour (either
 *   polarity against the background), shading, lighting and background texture, with 0-3
 *   distractors, so ten classes need many features at once.
 *
 * The ranges were tuned so that a tiny convnet learns it in a few epochs at 32-64 px, well
 * above chance but far from perfect (see the README section "The Lab's dataset").
 */
import type { Extent, Grating, Layer, Paint, Prim } from "./raster";
import { unionExtent } from "./raster";
import type { Rng } from "./rng";

export const CLASS_NAMES = [
  "ring",
  "arc",
  "cross",
  "tee",
  "ell",
  "trio-line",
  "trio-triangle",
  "striped",
  "dotted",
  "plain",
] as const;

export type ClassName = (typeof CLASS_NAMES)[number];

export interface Scene {
  readonly label: number;
  readonly background: Paint;
  /** Drawn in order, under the object. */
  readonly distractors: readonly Layer[];
  /** The object's layer(s), drawn last; their shapes' union is the object. */
  readonly object: readonly Layer[];
  /** The object's extent (unclipped, normalised). */
  readonly extent: Extent;
  /** Lighting: every pixel is multiplied by (light + lx (x - 0.5) + ly (y - 0.5)) * gain[c]. */
  readonly light: number;
  readonly lx: number;
  readonly ly: number;
  readonly gain: readonly [number, number, number];
}

/** Tunable difficulty (the defaults are what the dataset uses). */
export const SCENE_PARAMS = {
  /** Object scale range (multiplies every size of the object). */
  scale: [0.85, 1.2] as const,
  /** Distractor count range (inclusive). */
  distractors: [0, 3] as const,
  /** Fine texture period on the texture classes, in image widths. */
  texturePeriod: [1 / 40, 1 / 20] as const,
  /** Clear width of the arc's gap, in image widths. */
  arcGap: [0.03, 0.06] as const,
  /** Chance that the background carries a grating (a possible fine-texture decoy). */
  backgroundTexture: 0.35,
};

type Rgb = readonly [number, number, number];

function hsv(h: number, s: number, v: number): Rgb {
  const f = (n: number) => {
    const k = (n + h * 6) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)];
}

/** Colour of value v with random hue and saturation. */
function colour(rng: Rng, v: number): Rgb {
  return hsv(rng.next(), rng.range(0.2, 0.9), v);
}

/** A paint with shading; with gratings, its texture runs from rgb to ink. */
function plainPaint(
  rng: Rng,
  rgb: Rgb,
  cx: number,
  cy: number,
  gratings: Grating[] = [],
  ink: Rgb = rgb,
): Paint {
  const a = rng.range(0, 2 * Math.PI);
  const g = rng.range(0, 1.2);
  return { rgb, ink, gx: g * Math.cos(a), gy: g * Math.sin(a), ox: cx, oy: cy, gratings };
}

/** A second colour whose value differs from v by `contrast` (towards the middle). */
function inkFor(rng: Rng, v: number, contrast: number): Rgb {
  const v2 = v > 0.5 ? Math.max(0.02, v - contrast) : Math.min(1, v + contrast);
  return colour(rng, v2);
}

function grating(rng: Rng, period: number, angle: number, amp: number): Grating {
  const f = 1 / period;
  return {
    fx: f * Math.cos(angle),
    fy: f * Math.sin(angle),
    phase: rng.range(0, 2 * Math.PI),
    amp,
  };
}

/** Shapes of one class around the origin at unit scale (sizes in image widths). */
function classShapes(rng: Rng, label: number, s: number): Prim[] {
  const name = CLASS_NAMES[label];
  switch (name) {
    case "ring":
    case "arc": {
      const r = rng.range(0.15, 0.22) * s;
      const t = rng.range(0.025, 0.04) * s;
      if (name === "ring") return [{ k: "ring", cx: 0, cy: 0, r, t }];
      const gap = rng.range(SCENE_PARAMS.arcGap[0], SCENE_PARAMS.arcGap[1]);
      // Clear gap between the round caps: 2 r sin(pi - half) - 2 t = gap.
      const half = Math.PI - Math.asin(Math.min(1, (gap / 2 + t) / r));
      return [{ k: "arc", cx: 0, cy: 0, r, t, dir: rng.range(0, 2 * Math.PI), half }];
    }
    case "cross":
    case "tee":
    case "ell": {
      const L = rng.range(0.34, 0.46) * s;
      const L2 = L * rng.range(0.75, 1);
      const r = rng.range(0.03, 0.045) * s;
      const bend = rng.range(-0.15, 0.15) + Math.PI / 2; // angle between the bars
      const c = Math.cos(bend);
      const sn = Math.sin(bend);
      if (name === "cross") {
        return [
          { k: "capsule", ax: -L / 2, ay: 0, bx: L / 2, by: 0, r },
          {
            k: "capsule",
            ax: (-c * L2) / 2,
            ay: (-sn * L2) / 2,
            bx: (c * L2) / 2,
            by: (sn * L2) / 2,
            r,
          },
        ];
      }
      if (name === "tee") {
        return [
          { k: "capsule", ax: -L / 2, ay: 0, bx: L / 2, by: 0, r },
          { k: "capsule", ax: 0, ay: 0, bx: c * L2, by: sn * L2, r },
        ];
      }
      return [
        { k: "capsule", ax: 0, ay: 0, bx: L, by: 0, r },
        { k: "capsule", ax: 0, ay: 0, bx: c * L2, by: sn * L2, r },
      ];
    }
    case "trio-line":
    case "trio-triangle": {
      const d = rng.range(0.15, 0.2) * s;
      const rr = () => rng.range(0.045, 0.06) * s;
      if (name === "trio-line") {
        const j = () => rng.range(-0.01, 0.01) * s;
        return [
          { k: "disc", cx: -d, cy: j(), r: rr() },
          { k: "disc", cx: 0, cy: j(), r: rr() },
          { k: "disc", cx: d, cy: j(), r: rr() },
        ];
      }
      const pts: Prim[] = [];
      for (let k = 0; k < 3; k++) {
        const a = (k * 2 * Math.PI) / 3 + rng.range(-0.15, 0.15);
        const rad = (d / Math.sqrt(3)) * rng.range(1.05, 1.25);
        pts.push({ k: "disc", cx: rad * Math.cos(a), cy: rad * Math.sin(a), r: rr() });
      }
      return pts;
    }
    case "striped":
    case "dotted":
    case "plain":
      return [{ k: "disc", cx: 0, cy: 0, r: rng.range(0.15, 0.22) * s }];
  }
}

function classGratings(rng: Rng, label: number): Grating[] {
  const name = CLASS_NAMES[label];
  if (name !== "striped" && name !== "dotted") return [];
  const [p0, p1] = SCENE_PARAMS.texturePeriod;
  const period = p0 * Math.pow(p1 / p0, rng.next()); // log-uniform
  const a = rng.range(0, Math.PI);
  if (name === "striped") return [grating(rng, period, a, 1)];
  return [grating(rng, period, a, 0.5), grating(rng, period, a + Math.PI / 2, 0.5)];
}

function rotate(p: Prim, a: number, tx: number, ty: number): Prim {
  const c = Math.cos(a);
  const s = Math.sin(a);
  const X = (x: number, y: number) => c * x - s * y + tx;
  const Y = (x: number, y: number) => s * x + c * y + ty;
  switch (p.k) {
    case "disc":
    case "ring":
      return { ...p, cx: X(p.cx, p.cy), cy: Y(p.cx, p.cy) };
    case "arc":
      return { ...p, cx: X(p.cx, p.cy), cy: Y(p.cx, p.cy), dir: p.dir + a };
    case "rect":
      return { ...p, cx: X(p.cx, p.cy), cy: Y(p.cx, p.cy), rot: p.rot + a };
    case "capsule":
      return { ...p, ax: X(p.ax, p.ay), ay: Y(p.ax, p.ay), bx: X(p.bx, p.by), by: Y(p.bx, p.by) };
    case "tri":
      return {
        ...p,
        ax: X(p.ax, p.ay),
        ay: Y(p.ax, p.ay),
        bx: X(p.bx, p.by),
        by: Y(p.bx, p.by),
        cx: X(p.cx, p.cy),
        cy: Y(p.cx, p.cy),
      };
  }
}

function overlaps(a: Extent, b: Extent, margin: number): boolean {
  return !(
    a.x1 + margin < b.x0 ||
    b.x1 + margin < a.x0 ||
    a.y1 + margin < b.y0 ||
    b.y1 + margin < a.y0
  );
}

/** A small loose shape of the kinds objects are made of (dots, bars) or a patch. */
function distractorShape(rng: Rng): Prim {
  const kind = rng.int(5);
  const x = 0;
  const y = 0;
  switch (kind) {
    case 0:
      return { k: "disc", cx: x, cy: y, r: rng.range(0.02, 0.035) };
    case 1: {
      const L = rng.range(0.06, 0.14);
      const a = rng.range(0, Math.PI);
      const r = rng.range(0.012, 0.022);
      const dx = (Math.cos(a) * L) / 2;
      const dy = (Math.sin(a) * L) / 2;
      return { k: "capsule", ax: -dx, ay: -dy, bx: dx, by: dy, r };
    }
    case 2:
      return {
        k: "rect",
        cx: x,
        cy: y,
        hw: rng.range(0.02, 0.04),
        hh: rng.range(0.02, 0.04),
        rot: rng.range(0, Math.PI),
      };
    case 3: {
      const R = rng.range(0.03, 0.05);
      const a = rng.range(0, 2 * Math.PI);
      const v = (k: number) => [
        R * Math.cos(a + (k * 2 * Math.PI) / 3),
        R * Math.sin(a + (k * 2 * Math.PI) / 3),
      ];
      const [p, q, w] = [v(0), v(1), v(2)];
      return { k: "tri", ax: p[0], ay: p[1], bx: q[0], by: q[1], cx: w[0], cy: w[1] };
    }
    default:
      return { k: "ring", cx: x, cy: y, r: rng.range(0.025, 0.04), t: rng.range(0.008, 0.014) };
  }
}

function translate(p: Prim, tx: number, ty: number): Prim {
  return rotate(p, 0, tx, ty);
}

/** The scene of one image. `rng` must be the image's own stream. */
export function describeScene(rng: Rng, label: number): Scene {
  // Background: a shaded colour, sometimes a grating (coarse or fine, a decoy for texture).
  const bgV = rng.range(0.15, 0.9);
  const bgGratings: Grating[] = [];
  if (rng.chance(SCENE_PARAMS.backgroundTexture)) {
    const period = (1 / 48) * Math.pow(12, rng.next());
    bgGratings.push(grating(rng, period, rng.range(0, Math.PI), 1));
  }
  const background = plainPaint(
    rng,
    colour(rng, bgV),
    0.5,
    0.5,
    bgGratings,
    inkFor(rng, bgV, rng.range(0.08, 0.2)),
  );

  // The object: shapes at the origin, rotated, then placed fully inside the image.
  let s = rng.range(SCENE_PARAMS.scale[0], SCENE_PARAMS.scale[1]);
  const local = classShapes(rng, label, s);
  const rot = rng.range(0, 2 * Math.PI);
  let shapes = local.map((p) => rotate(p, rot, 0, 0));
  let e = unionExtent(shapes);
  const margin = 0.02;
  const w = e.x1 - e.x0;
  const h = e.y1 - e.y0;
  const room = 1 - 2 * margin;
  if (w > room || h > room) {
    // Too large to fit (cannot happen with the default ranges): shrink about the origin.
    s = room / Math.max(w, h);
    shapes = local.map((p) => rotate(scalePrim(p, s), rot, 0, 0));
    e = unionExtent(shapes);
  }
  const tx = rng.range(margin - e.x0, 1 - margin - e.x1);
  const ty = rng.range(margin - e.y0, 1 - margin - e.y1);
  shapes = shapes.map((p) => translate(p, tx, ty));
  const extent = unionExtent(shapes);
  const cx = (extent.x0 + extent.x1) / 2;
  const cy = (extent.y0 + extent.y1) / 2;

  // Object colour: a value well away from the background's, so the object always shows.
  const objV = bgV > 0.52 ? rng.range(0.05, bgV - 0.35) : rng.range(bgV + 0.35, 1);
  const objPaint = plainPaint(
    rng,
    colour(rng, objV),
    cx,
    cy,
    classGratings(rng, label),
    inkFor(rng, objV, rng.range(0.35, 0.6)),
  );

  // Distractors: outside the object's extent (so they never touch or extend it).
  const distractors: Layer[] = [];
  const nd =
    SCENE_PARAMS.distractors[0] +
    rng.int(SCENE_PARAMS.distractors[1] - SCENE_PARAMS.distractors[0] + 1);
  for (let k = 0; k < nd; k++) {
    const shape = distractorShape(rng);
    const se = unionExtent([shape]);
    const v = rng.chance(0.5) ? objV + rng.range(-0.1, 0.1) : rng.range(0.05, 1);
    const gr: Grating[] = rng.chance(0.3)
      ? [grating(rng, (1 / 44) * Math.pow(2, rng.next()), rng.range(0, Math.PI), 1)]
      : [];
    const dv = Math.min(1, Math.max(0.03, v));
    const paint = plainPaint(rng, colour(rng, dv), 0, 0, gr, inkFor(rng, dv, rng.range(0.3, 0.5)));
    for (let attempt = 0; attempt < 8; attempt++) {
      const dx = rng.range(-se.x0, 1 - se.x1);
      const dy = rng.range(-se.y0, 1 - se.y1);
      const placed = translate(shape, dx, dy);
      if (overlaps(unionExtent([placed]), extent, 0.03)) continue;
      distractors.push({ prims: [placed], paint: { ...paint, ox: dx, oy: dy } });
      break;
    }
  }

  const light = rng.range(0.8, 1.1);
  const la = rng.range(0, 2 * Math.PI);
  const lg = rng.range(0, 0.35);
  const gain: [number, number, number] = [
    rng.range(0.85, 1.15),
    rng.range(0.85, 1.15),
    rng.range(0.85, 1.15),
  ];
  return {
    label,
    background,
    distractors,
    object: [{ prims: shapes, paint: objPaint }],
    extent,
    light,
    lx: lg * Math.cos(la),
    ly: lg * Math.sin(la),
    gain,
  };
}

function scalePrim(p: Prim, s: number): Prim {
  switch (p.k) {
    case "disc":
      return { ...p, cx: p.cx * s, cy: p.cy * s, r: p.r * s };
    case "ring":
    case "arc":
      return { ...p, cx: p.cx * s, cy: p.cy * s, r: p.r * s, t: p.t * s };
    case "rect":
      return { ...p, cx: p.cx * s, cy: p.cy * s, hw: p.hw * s, hh: p.hh * s };
    case "capsule":
      return { ...p, ax: p.ax * s, ay: p.ay * s, bx: p.bx * s, by: p.by * s, r: p.r * s };
    case "tri":
      return {
        ...p,
        ax: p.ax * s,
        ay: p.ay * s,
        bx: p.bx * s,
        by: p.by * s,
        cx: p.cx * s,
        cy: p.cy * s,
      };
  }
}
