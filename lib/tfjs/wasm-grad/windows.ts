/**
 * Shared by the two filter gradients: the input zero-padded to exactly the rows and columns
 * the convolution's windows reach, (outH - 1) * strideH + kernelH by the same for width (rows
 * no window reaches are cropped, as the cpu kernels skip them).
 */
import type { TensorInfo } from "@tensorflow/tfjs";

import type { ConvGeometry } from "./conv-info";
import type { Scratch } from "./scratch";

export function paddedToWindows(
  s: Scratch,
  x: TensorInfo,
  g: ConvGeometry,
): { xp: TensorInfo; height: number; width: number } {
  const height = (g.outHeight - 1) * g.strideHeight + g.filterHeight;
  const width = (g.outWidth - 1) * g.strideWidth + g.filterWidth;
  let xp = s.pad(x, [
    [0, 0],
    [g.padTop, Math.max(0, height - g.padTop - g.inHeight)],
    [g.padLeft, Math.max(0, width - g.padLeft - g.inWidth)],
    [0, 0],
  ]);
  if (xp.shape[1]! > height || xp.shape[2]! > width) {
    xp = s.slice(xp, [0, 0, 0, 0], [g.batch, height, width, g.inChannels]);
  }
  return { xp, height, width };
}
