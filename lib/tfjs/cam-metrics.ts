/**
 * Faithfulness checks for saliency maps: the pointing game (Zhang et al. 2016), deletion and
 * insertion curves (Petsiuk et al. 2018, RISE) and rank correlation (Adebayo et al. 2018's
 * sanity checks). Used by the tests; pure functions plus a model-probability callback.
 */

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * An object box checked against the image it belongs to (original-image pixels, as drawn on
 * /cam or given with a Lab image): finite, 0 <= x0 < x1 <= width, 0 <= y0 < y1 <= height.
 * Throws an Error that names the box and the image size.
 */
export function checkBox(box: unknown, width: number, height: number): Box {
  const b = (box && typeof box === "object" ? box : {}) as Record<string, unknown>;
  const v = [b.x0, b.y0, b.x1, b.y1];
  const shown = v.map((x) => (typeof x === "number" ? String(x) : typeof x)).join(", ");
  if (!v.every((x): x is number => typeof x === "number" && Number.isFinite(x)))
    throw new Error(`The box needs four finite numbers x0, y0, x1, y1; got ${shown}.`);
  const [x0, y0, x1, y1] = v;
  if (!(x0 >= 0 && x0 < x1 && x1 <= width && y0 >= 0 && y0 < y1 && y1 <= height))
    throw new Error(
      `The box (${shown}) must lie inside the ${width}x${height} image: 0 <= x0 < x1 <= ${width} and 0 <= y0 < y1 <= ${height}.`,
    );
  return { x0, y0, x1, y1 };
}

/** Pointing-game hit: the peak lies inside the box, allowing `tolerance` pixels. */
export function pointingHit(peak: { x: number; y: number }, box: Box, tolerance = 15): boolean {
  return (
    peak.x >= box.x0 - tolerance &&
    peak.x <= box.x1 + tolerance &&
    peak.y >= box.y0 - tolerance &&
    peak.y <= box.y1 + tolerance
  );
}

/** Ranks (average ranks on ties), 0-based. */
function ranks(v: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: v.length }, (_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Float64Array(v.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && v[idx[j + 1]] === v[idx[i]]) j++;
    const avg = (i + j) / 2;
    for (let k = i; k <= j; k++) r[idx[k]] = avg;
    i = j + 1;
  }
  return r;
}

/** Spearman rank correlation of two equally long vectors. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length < 2)
    throw new Error("spearman: need two vectors of equal length >= 2");
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i] - ma) * (rb[i] - mb);
    da += (ra[i] - ma) ** 2;
    db += (rb[i] - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

/** Trapezoid area under y sampled at evenly spaced x in [0, 1]. */
export function auc(ys: readonly number[]): number {
  if (ys.length < 2) return ys[0] ?? 0;
  let s = 0;
  for (let i = 1; i < ys.length; i++) s += (ys[i - 1] + ys[i]) / 2;
  return s / (ys.length - 1);
}

/**
 * Deletion and insertion curves at input resolution. `saliency` is per input pixel
 * (width*height); pixels are removed (deletion: replaced by `baseline`) or revealed
 * (insertion: start from `baseline`) in order of decreasing saliency, `steps` times; `prob`
 * returns the class probability for an HWC input. Returns both AUCs and curves.
 */
export async function deletionInsertion(
  input: Float32Array,
  baseline: Float32Array,
  saliency: ArrayLike<number>,
  steps: number,
  prob: (x: Float32Array) => Promise<number>,
): Promise<{
  deletion: number;
  insertion: number;
  deletionCurve: number[];
  insertionCurve: number[];
}> {
  const n = saliency.length;
  if (input.length !== n * 3 || baseline.length !== n * 3)
    throw new Error("deletionInsertion: sizes differ");
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => saliency[b] - saliency[a]);
  const del = Float32Array.from(input);
  const ins = Float32Array.from(baseline);
  const deletionCurve = [await prob(del)];
  const insertionCurve = [await prob(ins)];
  for (let s = 1; s <= steps; s++) {
    const from = Math.floor(((s - 1) * n) / steps);
    const to = Math.floor((s * n) / steps);
    for (let k = from; k < to; k++) {
      const p = order[k] * 3;
      for (let c = 0; c < 3; c++) {
        del[p + c] = baseline[p + c];
        ins[p + c] = input[p + c];
      }
    }
    deletionCurve.push(await prob(del));
    insertionCurve.push(await prob(ins));
  }
  return {
    deletion: auc(deletionCurve),
    insertion: auc(insertionCurve),
    deletionCurve,
    insertionCurve,
  };
}

/** Box blur of an HWC float image (insertion's baseline: the image with its detail gone). */
export function boxBlur(
  img: Float32Array,
  width: number,
  height: number,
  radius: number,
): Float32Array {
  const pass = (src: Float32Array, horizontal: boolean) => {
    const out = new Float32Array(src.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < 3; c++) {
          let s = 0;
          let k = 0;
          for (let d = -radius; d <= radius; d++) {
            const xx = horizontal ? x + d : x;
            const yy = horizontal ? y : y + d;
            if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
            s += src[(yy * width + xx) * 3 + c];
            k++;
          }
          out[(y * width + x) * 3 + c] = s / k;
        }
      }
    }
    return out;
  };
  return pass(pass(img, true), false);
}
