/**
 * A small antialiased rasteriser for the Lab's dataset: shapes are signed distance
 * functions in normalised image coordinates (0..1, x right, y down), drawn into a float RGB
 * buffer at any resolution.
 *
 * Antialiasing is analytic, so it costs one evaluation per pixel instead of supersampling:
 * - edges: coverage = clamp(0.5 - d / pixel, 0, 1), a pixel-wide ramp across the boundary
 *   (the area of a pixel a straight edge covers);
 * - textures are sums of gratings cos(2 pi (fx x + fy y) + phase); the mean of such a
 *   grating over a square pixel of side p is exactly the grating times
 *   sinc(fx p) sinc(fy p). A fine texture therefore fades (and aliases, as it does in a
 *   camera) at low resolution and appears at high resolution: resolution adds information,
 *   and the 2x2 mean of a 128 px rendering equals the 64 px rendering of the same texture.
 */

export type Prim =
  | { readonly k: "disc"; readonly cx: number; readonly cy: number; readonly r: number }
  | {
      readonly k: "capsule";
      readonly ax: number;
      readonly ay: number;
      readonly bx: number;
      readonly by: number;
      readonly r: number;
    }
  /** Annulus: centre-line radius r, half thickness t. */
  | {
      readonly k: "ring";
      readonly cx: number;
      readonly cy: number;
      readonly r: number;
      readonly t: number;
    }
  /**
   * Arc of centre-line radius r and half thickness t with round caps, spanning the angles
   * within `half` of the direction `dir` (radians, 0 = +x, pi/2 = +y i.e. down).
   */
  | {
      readonly k: "arc";
      readonly cx: number;
      readonly cy: number;
      readonly r: number;
      readonly t: number;
      readonly dir: number;
      readonly half: number;
    }
  /** Rectangle of half sizes (hw, hh) rotated by rot around its centre. */
  | {
      readonly k: "rect";
      readonly cx: number;
      readonly cy: number;
      readonly hw: number;
      readonly hh: number;
      readonly rot: number;
    }
  | {
      readonly k: "tri";
      readonly ax: number;
      readonly ay: number;
      readonly bx: number;
      readonly by: number;
      readonly cx: number;
      readonly cy: number;
    };

export interface Grating {
  /** Cycles per image width / height. */
  readonly fx: number;
  readonly fy: number;
  readonly phase: number;
  /** Relative contrast (the colour is multiplied by 1 + amp * grating). */
  readonly amp: number;
}

export interface Paint {
  /** Base colour, linear 0..1. */
  readonly rgb: readonly [number, number, number];
  /** Shading: the colour is multiplied by 1 + gx (x - ox) + gy (y - oy). */
  readonly gx: number;
  readonly gy: number;
  readonly ox: number;
  readonly oy: number;
  readonly gratings: readonly Grating[];
}

/** One painted layer: the union of its shapes, filled with one paint. */
export interface Layer {
  readonly prims: readonly Prim[];
  readonly paint: Paint;
}

export interface Extent {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Signed distance from (x, y) to the shape (negative inside). */
export function sdf(p: Prim, x: number, y: number): number {
  switch (p.k) {
    case "disc":
      return Math.hypot(x - p.cx, y - p.cy) - p.r;
    case "capsule": {
      const pax = x - p.ax;
      const pay = y - p.ay;
      const bax = p.bx - p.ax;
      const bay = p.by - p.ay;
      const l2 = bax * bax + bay * bay;
      let h = l2 > 0 ? (pax * bax + pay * bay) / l2 : 0;
      h = h < 0 ? 0 : h > 1 ? 1 : h;
      return Math.hypot(pax - bax * h, pay - bay * h) - p.r;
    }
    case "ring":
      return Math.abs(Math.hypot(x - p.cx, y - p.cy) - p.r) - p.t;
    case "arc": {
      // Into the arc's frame (its axis along +y), then the exact arc distance (Quilez).
      const dx = x - p.cx;
      const dy = y - p.cy;
      const a = Math.PI / 2 - p.dir;
      const ca = Math.cos(a);
      const sa = Math.sin(a);
      const qx = Math.abs(ca * dx - sa * dy);
      const qy = sa * dx + ca * dy;
      const s = Math.sin(p.half);
      const c = Math.cos(p.half);
      return c * qx > s * qy
        ? Math.hypot(qx - s * p.r, qy - c * p.r) - p.t
        : Math.abs(Math.hypot(qx, qy) - p.r) - p.t;
    }
    case "rect": {
      const dx = x - p.cx;
      const dy = y - p.cy;
      const c = Math.cos(p.rot);
      const s = Math.sin(p.rot);
      const qx = Math.abs(c * dx + s * dy) - p.hw;
      const qy = Math.abs(-s * dx + c * dy) - p.hh;
      const ox = qx > 0 ? qx : 0;
      const oy = qy > 0 ? qy : 0;
      return Math.hypot(ox, oy) + Math.min(Math.max(qx, qy), 0);
    }
    case "tri":
      return sdTriangle(x, y, p.ax, p.ay, p.bx, p.by, p.cx, p.cy);
  }
}

// Exact triangle distance (Quilez), either winding.
function sdTriangle(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): number {
  const e0x = bx - ax,
    e0y = by - ay,
    e1x = cx - bx,
    e1y = cy - by,
    e2x = ax - cx,
    e2y = ay - cy;
  const v0x = px - ax,
    v0y = py - ay,
    v1x = px - bx,
    v1y = py - by,
    v2x = px - cx,
    v2y = py - cy;
  const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
  const h0 = clamp01((v0x * e0x + v0y * e0y) / (e0x * e0x + e0y * e0y));
  const h1 = clamp01((v1x * e1x + v1y * e1y) / (e1x * e1x + e1y * e1y));
  const h2 = clamp01((v2x * e2x + v2y * e2y) / (e2x * e2x + e2y * e2y));
  const p0x = v0x - e0x * h0,
    p0y = v0y - e0y * h0;
  const p1x = v1x - e1x * h1,
    p1y = v1y - e1y * h1;
  const p2x = v2x - e2x * h2,
    p2y = v2y - e2y * h2;
  const s = Math.sign(e0x * e2y - e0y * e2x);
  const d = Math.min(p0x * p0x + p0y * p0y, p1x * p1x + p1y * p1y, p2x * p2x + p2y * p2y);
  const c0 = s * (v0x * e0y - v0y * e0x);
  const c1 = s * (v1x * e1y - v1y * e1x);
  const c2 = s * (v2x * e2y - v2y * e2x);
  return -Math.sqrt(d) * Math.sign(Math.min(c0, c1, c2));
}

/** The exact extent of a shape's pixels-to-be (its geometry, unclipped). */
export function primExtent(p: Prim): Extent {
  switch (p.k) {
    case "disc":
      return { x0: p.cx - p.r, y0: p.cy - p.r, x1: p.cx + p.r, y1: p.cy + p.r };
    case "capsule":
      return {
        x0: Math.min(p.ax, p.bx) - p.r,
        y0: Math.min(p.ay, p.by) - p.r,
        x1: Math.max(p.ax, p.bx) + p.r,
        y1: Math.max(p.ay, p.by) + p.r,
      };
    case "ring": {
      const R = p.r + p.t;
      return { x0: p.cx - R, y0: p.cy - R, x1: p.cx + R, y1: p.cy + R };
    }
    case "arc": {
      // The centre line's extreme points (its two ends and any axis direction it passes
      // through), widened by the half thickness.
      const angles = [p.dir - p.half, p.dir + p.half];
      for (let k = -8; k <= 8; k++) {
        const a = (k * Math.PI) / 2;
        if (Math.abs(a - p.dir) <= p.half) angles.push(a);
      }
      let x0 = Infinity,
        y0 = Infinity,
        x1 = -Infinity,
        y1 = -Infinity;
      for (const a of angles) {
        const x = p.cx + p.r * Math.cos(a);
        const y = p.cy + p.r * Math.sin(a);
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
      return { x0: x0 - p.t, y0: y0 - p.t, x1: x1 + p.t, y1: y1 + p.t };
    }
    case "rect": {
      const ex = Math.abs(Math.cos(p.rot)) * p.hw + Math.abs(Math.sin(p.rot)) * p.hh;
      const ey = Math.abs(Math.sin(p.rot)) * p.hw + Math.abs(Math.cos(p.rot)) * p.hh;
      return { x0: p.cx - ex, y0: p.cy - ey, x1: p.cx + ex, y1: p.cy + ey };
    }
    case "tri":
      return {
        x0: Math.min(p.ax, p.bx, p.cx),
        y0: Math.min(p.ay, p.by, p.cy),
        x1: Math.max(p.ax, p.bx, p.cx),
        y1: Math.max(p.ay, p.by, p.cy),
      };
  }
}

export function unionExtent(prims: readonly Prim[]): Extent {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const p of prims) {
    const e = primExtent(p);
    x0 = Math.min(x0, e.x0);
    y0 = Math.min(y0, e.y0);
    x1 = Math.max(x1, e.x1);
    y1 = Math.max(y1, e.y1);
  }
  return { x0, y0, x1, y1 };
}

/** sin(pi x) / (pi x): the pixel-box average of a unit grating of x cycles per pixel. */
function sinc(x: number): number {
  if (Math.abs(x) < 1e-6) return 1;
  const a = Math.PI * x;
  return Math.sin(a) / a;
}

/** Per-resolution constants of a paint's gratings (attenuation, angular steps). */
interface GratingPlan {
  readonly amp: Float64Array; // amp * sinc(fx p) sinc(fy p)
  readonly wx: Float64Array; // 2 pi fx
  readonly wy: Float64Array;
  readonly phase: Float64Array;
}

function planGratings(gs: readonly Grating[], pixel: number): GratingPlan {
  const n = gs.length;
  const plan = {
    amp: new Float64Array(n),
    wx: new Float64Array(n),
    wy: new Float64Array(n),
    phase: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const g = gs[i];
    plan.amp[i] = g.amp * sinc(g.fx * pixel) * sinc(g.fy * pixel);
    plan.wx[i] = 2 * Math.PI * g.fx;
    plan.wy[i] = 2 * Math.PI * g.fy;
    plan.phase[i] = g.phase;
  }
  return plan;
}

/**
 * Paint the whole image (res x res, RGB interleaved at `out[offset..]`) with a paint and
 * no shape: the background.
 */
export function fillBackground(out: Float32Array, offset: number, res: number, paint: Paint): void {
  const pixel = 1 / res;
  const g = planGratings(paint.gratings, pixel);
  const [r, gg, b] = paint.rgb;
  for (let j = 0; j < res; j++) {
    const y = (j + 0.5) * pixel;
    for (let i = 0; i < res; i++) {
      const x = (i + 0.5) * pixel;
      const m = shade(paint, g, x, y);
      const o = offset + (j * res + i) * 3;
      out[o] = r * m;
      out[o + 1] = gg * m;
      out[o + 2] = b * m;
    }
  }
}

function shade(paint: Paint, g: GratingPlan, x: number, y: number): number {
  let m = 1 + paint.gx * (x - paint.ox) + paint.gy * (y - paint.oy);
  let t = 1;
  for (let k = 0; k < g.amp.length; k++) {
    if (g.amp[k] !== 0) t += g.amp[k] * Math.cos(g.wx[k] * x + g.wy[k] * y + g.phase[k]);
  }
  m *= t;
  return m;
}

/**
 * Composite a layer over the image ("over" with its coverage). Only the pixels of its
 * extent (plus one) are visited. When `mask` is given (res x res), the layer's coverage is
 * written into it (max with what is there).
 */
export function drawLayer(
  out: Float32Array,
  offset: number,
  res: number,
  layer: Layer,
  mask?: Float32Array,
): void {
  const pixel = 1 / res;
  const e = unionExtent(layer.prims);
  const i0 = Math.max(0, Math.floor(e.x0 * res) - 1);
  const j0 = Math.max(0, Math.floor(e.y0 * res) - 1);
  const i1 = Math.min(res - 1, Math.ceil(e.x1 * res) + 1);
  const j1 = Math.min(res - 1, Math.ceil(e.y1 * res) + 1);
  if (i0 > i1 || j0 > j1) return;
  const g = planGratings(layer.paint.gratings, pixel);
  const [r, gg, b] = layer.paint.rgb;
  const prims = layer.prims;
  for (let j = j0; j <= j1; j++) {
    const y = (j + 0.5) * pixel;
    for (let i = i0; i <= i1; i++) {
      const x = (i + 0.5) * pixel;
      let d = Infinity;
      for (let k = 0; k < prims.length; k++) {
        const dk = sdf(prims[k], x, y);
        if (dk < d) d = dk;
      }
      let a = 0.5 - d * res;
      if (a <= 0) continue;
      if (a > 1) a = 1;
      const m = shade(layer.paint, g, x, y);
      const o = offset + (j * res + i) * 3;
      out[o] += (r * m - out[o]) * a;
      out[o + 1] += (gg * m - out[o + 1]) * a;
      out[o + 2] += (b * m - out[o + 2]) * a;
      if (mask) {
        const mi = j * res + i;
        if (a > mask[mi]) mask[mi] = a;
      }
    }
  }
}
