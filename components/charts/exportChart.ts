/**
 * Export an on-screen SVG chart as a standalone .svg or a .png. The clone gets a solid
 * background, explicit font and size, so it renders the same outside the page (no CSS
 * variables or stylesheets needed).
 */
import { downloadBlob } from "@/components/explorer/csv";

export function standaloneSvg(
  svg: SVGSVGElement,
  opts: { background: string; title?: string; color: string },
): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const box = svg.getBoundingClientRect();
  const w = Math.round(box.width) || Number(svg.getAttribute("width")) || 640;
  const h = Math.round(box.height) || Number(svg.getAttribute("height")) || 360;
  const pad = opts.title ? 24 : 0;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(w));
  clone.setAttribute("height", String(h + pad));
  clone.setAttribute("viewBox", `0 ${-pad} ${w} ${h + pad}`);
  clone.setAttribute("font-family", "DejaVu Sans, Arial, sans-serif");
  clone.removeAttribute("class");
  clone.removeAttribute("style");
  const ns = "http://www.w3.org/2000/svg";
  const bg = document.createElementNS(ns, "rect");
  bg.setAttribute("x", "0");
  bg.setAttribute("y", String(-pad));
  bg.setAttribute("width", String(w));
  bg.setAttribute("height", String(h + pad));
  bg.setAttribute("fill", opts.background);
  clone.insertBefore(bg, clone.firstChild);
  if (opts.title) {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", "12");
    t.setAttribute("y", String(-pad + 16));
    t.setAttribute("font-size", "13");
    t.setAttribute("font-weight", "600");
    t.setAttribute("fill", opts.color);
    t.textContent = opts.title;
    clone.appendChild(t);
  }
  return new XMLSerializer().serializeToString(clone);
}

export function downloadSvg(text: string, filename: string): void {
  downloadBlob(new Blob([text], { type: "image/svg+xml;charset=utf-8" }), filename);
}

/** Rasterizes SVG text at `scale`x (2 = crisp on HiDPI) and downloads a PNG. */
export async function downloadPng(text: string, filename: string, scale = 2): Promise<void> {
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the chart could not be rendered as an image"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(img.width * scale);
    canvas.height = Math.round(img.height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas available");
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, "image/png"));
    if (!blob) throw new Error("PNG encoding failed");
    downloadBlob(blob, filename);
  } finally {
    URL.revokeObjectURL(url);
  }
}
