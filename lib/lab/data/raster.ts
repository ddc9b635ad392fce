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
  /** Weight: the paint's gratings sum to a texture value T in [-sum amp, sum amp]. */
  readonly amp: number;
}

export interface Paint {
  /**
   * The texture runs between two colours, rgb at T = -1 and ink at T = +1 (0..1 each):
   * colour = mid + T (ink - rgb) / 2. Where the texture is too fine for the pixels it
   * averages out to their mean, as a real fine pattern does.
   */
  readonly rgb: readonly [number, number, number];
  readonly ink: readonly [number, number, number];
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

/** Floats per compiled shape: kind, then up to 8 parameters (trigonometry precomputed). */
const STRIDE = 9;
const DISC = 0,
  CAPSULE = 1,
  RING = 2,
  ARC = 3,
  RECT = 4,
  TRI = 5;

/** Shapes as one flat array, so the per-pixel distance loop is monomorphic and trig-free. */
export function compileShapes(prims: readonly Prim[]): Float64Array {
  const b = new Float64Array(prims.length * STRIDE);
  prims.forEach((p, i) => {
    const o = i * STRIDE;
    switch (p.k) {
      case "disc":
        b.set([DISC, p.cx, p.cy, p.r], o);
        break;
      case "capsule": {
        const bax = p.bx - p.ax;
        const bay = p.by - p.ay;
        const l2 = bax * bax + bay * bay;
        b.set([CAPSULE, p.ax, p.ay, bax, bay, l2 > 0 ? 1 / l2 : 0, p.r], o);
        break;
      }
      case "ring":
        b.set([RING, p.cx, p.cy, p.r, p.t], o);
        break;
      case "arc": {
        // Rotation taking the arc's axis to +y, then Quilez's arc distance.
        const a = Math.PI / 2 - p.dir;
        b.set(
          [ARC, p.cx, p.cy, p.r, p.t, Math.cos(a), Math.sin(a), Math.sin(p.half), Math.cos(p.half)],
          o,
        );
        break;
      }
      case "rect":
        b.set([RECT, p.cx, p.cy, p.hw, p.hh, Math.cos(p.rot), Math.sin(p.rot)], o);
        break;
      case "tri":
        b.set([TRI, p.ax, p.ay, p.bx, p.by, p.cx, p.cy], o);
        break;
    }
  });
  return b;
}

/** Signed distance from (x, y) to the union of compiled shapes (negative inside). */
export function compiledDistance(b: Float64Array, x: number, y: number): number {
  let best = Infinity;
  for (let o = 0; o < b.length; o += STRIDE) {
    let d: number;
    switch (b[o]) {
      case DISC:
        d = len(x - b[o + 1], y - b[o + 2]) - b[o + 3];
        break;
      case CAPSULE: {
        const pax = x - b[o + 1];
        const pay = y - b[o + 2];
        const bax = b[o + 3];
        const bay = b[o + 4];
        let h = (pax * bax + pay * bay) * b[o + 5];
        h = h < 0 ? 0 : h > 1 ? 1 : h;
        d = len(pax - bax * h, pay - bay * h) - b[o + 6];
        break;
      }
      case RING:
        d = Math.abs(len(x - b[o + 1], y - b[o + 2]) - b[o + 3]) - b[o + 4];
        break;
      case ARC: {
        const dx = x - b[o + 1];
        const dy = y - b[o + 2];
        const ca = b[o + 5];
        const sa = b[o + 6];
        const qx = Math.abs(ca * dx - sa * dy);
        const qy = sa * dx + ca * dy;
        const r = b[o + 3];
        const s = b[o + 7];
        const c = b[o + 8];
        d = (c * qx > s * qy ? len(qx - s * r, qy - c * r) : Math.abs(len(qx, qy) - r)) - b[o + 4];
        break;
      }
      case RECT: {
        const dx = x - b[o + 1];
        const dy = y - b[o + 2];
        const c = b[o + 5];
        const s = b[o + 6];
        const qx = Math.abs(c * dx + s * dy) - b[o + 3];
        const qy = Math.abs(-s * dx + c * dy) - b[o + 4];
        d = len(qx > 0 ? qx : 0, qy > 0 ? qy : 0) + Math.min(Math.max(qx, qy), 0);
        break;
      }
      default:
        d = sdTriangle(x, y, b[o + 1], b[o + 2], b[o + 3], b[o + 4], b[o + 5], b[o + 6]);
    }
    if (d < best) best = d;
  }
  return best;
}

/** Signed distance from (x, y) to one shape (negative inside). */
export function sdf(p: Prim, x: number, y: number): number {
  return compiledDistance(compileShapes([p]), x, y);
}

// Math.hypot guards against overflow and is several times slower; sizes here are <= ~2.
function len(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
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

/**
 * A paint evaluated along pixel rows. Gratings advance by a fixed angle per pixel, so a
 * row needs one cos/sin per grating and a rotation per pixel instead of a cos per pixel.
 */
class RowShader {
  private readonly n: number;
  private readonly amp: Float64Array; // amp * sinc(fx p) sinc(fy p)
  private readonly wx: Float64Array; // 2 pi fx
  private readonly wy: Float64Array;
  private readonly phase: Float64Array;
  private readonly stepC: Float64Array; // cos / sin of the angle step per pixel
  private readonly stepS: Float64Array;
  private readonly c: Float64Array; // current cos / sin per grating
  private readonly s: Float64Array;
  private gxStep = 0;
  private m0 = 0;
  private readonly mid: [number, number, number];
  private readonly half: [number, number, number];
  /** The colour computed by next(). */
  r = 0;
  g = 0;
  b = 0;

  constructor(
    private readonly paint: Paint,
    private readonly pixel: number,
  ) {
    const gs = paint.gratings.filter((g) => g.amp * sinc(g.fx * pixel) * sinc(g.fy * pixel) !== 0);
    const n = (this.n = gs.length);
    const a = paint.rgb;
    const z = n > 0 ? paint.ink : paint.rgb;
    this.mid = [(a[0] + z[0]) / 2, (a[1] + z[1]) / 2, (a[2] + z[2]) / 2];
    this.half = [(z[0] - a[0]) / 2, (z[1] - a[1]) / 2, (z[2] - a[2]) / 2];
    this.amp = new Float64Array(n);
    this.wx = new Float64Array(n);
    this.wy = new Float64Array(n);
    this.phase = new Float64Array(n);
    this.stepC = new Float64Array(n);
    this.stepS = new Float64Array(n);
    this.c = new Float64Array(n);
    this.s = new Float64Array(n);
    gs.forEach((g, k) => {
      this.amp[k] = g.amp * sinc(g.fx * pixel) * sinc(g.fy * pixel);
      this.wx[k] = 2 * Math.PI * g.fx;
      this.wy[k] = 2 * Math.PI * g.fy;
      this.phase[k] = g.phase;
      this.stepC[k] = Math.cos(this.wx[k] * pixel);
      this.stepS[k] = Math.sin(this.wx[k] * pixel);
    });
  }

  /** Start row j at pixel column i0. */
  row(j: number, i0: number): void {
    const p = this.paint;
    const x = (i0 + 0.5) * this.pixel;
    const y = (j + 0.5) * this.pixel;
    this.m0 = 1 + p.gx * (x - p.ox) + p.gy * (y - p.oy);
    this.gxStep = p.gx * this.pixel;
    for (let k = 0; k < this.n; k++) {
      const t = this.wx[k] * x + this.wy[k] * y + this.phase[k];
      this.c[k] = Math.cos(t);
      this.s[k] = Math.sin(t);
    }
  }

  /** The current pixel's colour into (r, g, b); then move one pixel right. */
  next(): void {
    let t = 0;
    for (let k = 0; k < this.n; k++) {
      const c = this.c[k];
      const s = this.s[k];
      t += this.amp[k] * c;
      this.c[k] = c * this.stepC[k] - s * this.stepS[k];
      this.s[k] = s * this.stepC[k] + c * this.stepS[k];
    }
    const m = this.m0;
    this.r = (this.mid[0] + t * this.half[0]) * m;
    this.g = (this.mid[1] + t * this.half[1]) * m;
    this.b = (this.mid[2] + t * this.half[2]) * m;
    this.m0 += this.gxStep;
  }
}

/**
 * Paint the whole image (res x res, RGB interleaved at `out[offset..]`) with a paint and
 * no shape: the background.
 */
export function fillBackground(out: Float32Array, offset: number, res: number, paint: Paint): void {
  const sh = new RowShader(paint, 1 / res);
  for (let j = 0; j < res; j++) {
    sh.row(j, 0);
    let o = offset + j * res * 3;
    for (let i = 0; i < res; i++, o += 3) {
      sh.next();
      out[o] = sh.r;
      out[o + 1] = sh.g;
      out[o + 2] = sh.b;
    }
  }
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
  const shapes = compileShapes(layer.prims);
  const sh = new RowShader(layer.paint, pixel);
  for (let j = j0; j <= j1; j++) {
    const y = (j + 0.5) * pixel;
    sh.row(j, i0);
    for (let i = i0; i <= i1; i++) {
      sh.next();
      let a = 0.5 - compiledDistance(shapes, (i + 0.5) * pixel, y) * res;
      if (a <= 0) continue;
      if (a > 1) a = 1;
      const o = offset + (j * res + i) * 3;
      out[o] += (sh.r - out[o]) * a;
      out[o + 1] += (sh.g - out[o + 1]) * a;
      out[o + 2] += (sh.b - out[o + 2]) * a;
      if (mask) {
        const mi = j * res + i;
        if (a > mask[mi]) mask[mi] = a;
      }
    }
  }
}
