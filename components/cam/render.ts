/** Canvas drawing helpers for the CAM views (the pixel math itself lives in lib/image). */
import { download } from "@/components/ui";
import type { ColormapName } from "@/lib/image/colormap";
import { compositeOverlay, heatmapRgba } from "@/lib/image/overlay";
import type { ResizePlan } from "@/lib/image/resize";
import type { RgbaImage } from "@/lib/image/rgba";
import { mapGridToImage, type UpsampleMode } from "@/lib/image/upsample";

export interface MapStyle {
  readonly colormap: ColormapName;
  readonly opacity: number;
  readonly threshold: number;
  readonly upsample: UpsampleMode;
}

export function putRgba(canvas: HTMLCanvasElement, img: RgbaImage): void {
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const data = new ImageData(new Uint8ClampedArray(img.data), img.width, img.height);
  ctx.putImageData(data, 0, 0);
}

/** Heatmap and overlay for an image (any scaled copy of the one the plan was made for). */
export function renderMaps(
  img: RgbaImage,
  grid: Float32Array,
  gridW: number,
  gridH: number,
  plan: ResizePlan,
  style: MapStyle,
): { heat: RgbaImage; overlay: RgbaImage } {
  const values = mapGridToImage(grid, gridW, gridH, plan, img.width, img.height, style.upsample);
  return {
    heat: heatmapRgba(values, img.width, img.height, style.colormap, style.threshold),
    overlay: compositeOverlay(img, values, {
      colormap: style.colormap,
      opacity: style.opacity,
      threshold: style.threshold,
    }),
  };
}

export function drawPeak(canvas: HTMLCanvasElement, x: number, y: number): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const r = Math.max(6, Math.round(Math.min(canvas.width, canvas.height) / 40));
  ctx.lineWidth = Math.max(2, r / 3);
  ctx.strokeStyle = "white";
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = Math.max(1, r / 6);
  ctx.strokeStyle = "black";
  ctx.stroke();
}

export function drawBox(
  canvas: HTMLCanvasElement,
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.lineWidth = Math.max(2, Math.round(canvas.width / 200));
  ctx.strokeStyle = "white";
  ctx.strokeRect(x, y, w, h);
  ctx.setLineDash([6, 4]);
  ctx.strokeStyle = "black";
  ctx.strokeRect(x, y, w, h);
  ctx.setLineDash([]);
}

export async function downloadRgbaPng(img: RgbaImage, fileName: string): Promise<void> {
  const canvas = document.createElement("canvas");
  putRgba(canvas, img);
  const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, "image/png"));
  if (!blob) throw new Error("the browser could not encode the PNG");
  download(blob, fileName);
}
