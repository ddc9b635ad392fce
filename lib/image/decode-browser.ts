/**
 * Browser decoding (page or Web Worker): createImageBitmap applies EXIF orientation and
 * scales large images down while decoding; BMP goes through our own decoder so browser and
 * Node agree on it. The 2D canvas to read pixels from is passed in (lib/ has no DOM).
 */
import { beginDecode, type DecodedImage } from "./decoded";
import { ImageError } from "./errors";

/** Minimal 2D context surface we need (OffscreenCanvas or HTMLCanvasElement). */
export interface PixelCanvas {
  width: number;
  height: number;
  getContext(
    id: "2d",
    opts?: { willReadFrequently?: boolean },
  ): {
    drawImage(img: ImageBitmap, x: number, y: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}

export async function decodeImageBrowser(
  bytes: Uint8Array,
  name: string,
  makeCanvas: (w: number, h: number) => PixelCanvas,
): Promise<DecodedImage> {
  const { header, work, bmp } = beginDecode(bytes, name);
  if (bmp) return bmp;
  const W = header.displayWidth;
  const H = header.displayHeight;
  let bitmap: ImageBitmap;
  try {
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: `image/${header.format}` });
    bitmap = await createImageBitmap(blob, {
      imageOrientation: "from-image",
      premultiplyAlpha: "none",
      ...(work.scale < 1
        ? { resizeWidth: work.width, resizeHeight: work.height, resizeQuality: "high" as const }
        : {}),
    });
  } catch (e) {
    throw new ImageError(
      "corrupt",
      `${name} could not be decoded as ${header.format.toUpperCase()} (the file is damaged or truncated)${e instanceof Error && e.message ? `: ${e.message}` : ""}`,
    );
  }
  try {
    const canvas = makeCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) throw new Error("no 2D canvas context");
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return {
      image: { width: bitmap.width, height: bitmap.height, data },
      header,
      originalWidth: W,
      originalHeight: H,
      scale: bitmap.width / W,
    };
  } finally {
    bitmap.close();
  }
}
