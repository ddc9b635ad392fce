/**
 * Colormaps as 256-entry RGB lookup tables. Viridis and inferno use Matt Zucconi's
 * degree-6 polynomial fits of the matplotlib maps; turbo uses Google's published degree-5
 * polynomial approximation (within ~0.09 of the LUT at the ends); jet is piecewise linear.
 */
export type ColormapName = "jet" | "viridis" | "inferno" | "turbo";
export const COLORMAPS: readonly ColormapName[] = ["jet", "viridis", "inferno", "turbo"];

type Poly = readonly (readonly [number, number, number])[];

const VIRIDIS: Poly = [
  [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
  [0.1050930431085774, 1.404613529898575, 1.384590162594685],
  [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
  [-4.634230498983486, -5.799100973351585, -19.33244095627987],
  [6.228269936347081, 14.17993336680509, 56.69055260068105],
  [4.776384997670288, -13.74514537774601, -65.35303263337234],
  [-5.435455855934631, 4.645852612178535, 26.3124352495832],
];

const INFERNO: Poly = [
  [0.0002189403691192265, 0.001651004631001012, -0.01948089843709184],
  [0.1065134194856116, 0.5639564367884091, 3.932712388889277],
  [11.60249308247187, -3.972853965665698, -15.9423941062914],
  [-41.70399613139459, 17.43639888205313, 44.35414519872813],
  [77.162935699427, -33.40235894210092, -81.80730925738993],
  [-71.31942824499214, 32.62606426397723, 73.20951985803202],
  [25.13112622477341, -12.24266895238567, -23.07032500287172],
];

const TURBO: Poly = [
  [0.13572138, 0.0914026, 0.1066733],
  [4.6153926, 2.19418839, 12.64194608],
  [-42.66032258, 4.84296658, -60.58204836],
  [132.13108234, -14.18503333, 110.36276771],
  [-152.94239396, 4.27729857, -89.90310912],
  [59.28637943, 2.82956604, 27.34824973],
];

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

function evalPoly(p: Poly, t: number): [number, number, number] {
  const rgb: [number, number, number] = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    let v = 0;
    for (let k = p.length - 1; k >= 0; k--) v = v * t + p[k][c];
    rgb[c] = clamp01(v);
  }
  return rgb;
}

function jet(t: number): [number, number, number] {
  return [
    clamp01(1.5 - Math.abs(4 * t - 3)),
    clamp01(1.5 - Math.abs(4 * t - 2)),
    clamp01(1.5 - Math.abs(4 * t - 1)),
  ];
}

/** Colour at t in [0, 1] as 0..1 floats. */
export function colormapAt(name: ColormapName, t: number): [number, number, number] {
  const x = clamp01(t);
  switch (name) {
    case "jet":
      return jet(x);
    case "viridis":
      return evalPoly(VIRIDIS, x);
    case "inferno":
      return evalPoly(INFERNO, x);
    case "turbo":
      return evalPoly(TURBO, x);
  }
}

const luts = new Map<ColormapName, Uint8Array>();

/** 256 x RGB lookup table (cached). */
export function colormapLut(name: ColormapName): Uint8Array {
  let lut = luts.get(name);
  if (!lut) {
    lut = new Uint8Array(256 * 3);
    for (let i = 0; i < 256; i++) {
      const [r, g, b] = colormapAt(name, i / 255);
      lut[i * 3] = Math.round(r * 255);
      lut[i * 3 + 1] = Math.round(g * 255);
      lut[i * 3 + 2] = Math.round(b * 255);
    }
    luts.set(name, lut);
  }
  return lut;
}

export function isColormap(v: unknown): v is ColormapName {
  return typeof v === "string" && (COLORMAPS as readonly string[]).includes(v);
}
