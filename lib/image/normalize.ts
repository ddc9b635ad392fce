/** Per-model pixel scaling: 0..255 RGB -> the range the network was trained on. */
export type Preprocess = "unit" | "symmetric" | "imagenet";
export const PREPROCESS_MODES: readonly Preprocess[] = ["unit", "symmetric", "imagenet"];

export const PREPROCESS_LABELS: Readonly<Record<Preprocess, string>> = {
  unit: "[0, 1]",
  symmetric: "[-1, 1]",
  imagenet: "ImageNet mean/std",
};

export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

/** Returns a new array; `rgb` is interleaved RGB in 0..255. */
export function normalizePixels(rgb: Float32Array, mode: Preprocess): Float32Array {
  const out = new Float32Array(rgb.length);
  switch (mode) {
    case "unit":
      for (let i = 0; i < rgb.length; i++) out[i] = rgb[i] / 255;
      break;
    case "symmetric":
      for (let i = 0; i < rgb.length; i++) out[i] = rgb[i] / 127.5 - 1;
      break;
    case "imagenet":
      for (let i = 0; i < rgb.length; i++) {
        const c = i % 3;
        out[i] = (rgb[i] / 255 - IMAGENET_MEAN[c]) / IMAGENET_STD[c];
      }
      break;
  }
  return out;
}
