/**
 * Chart export: an on-screen recharts SVG as a standalone .svg text (solid background,
 * explicit font and size, the title on top and the HTML legend redrawn below, so it renders
 * the same outside the page) and as a PNG blob.
 */

const NS = "http://www.w3.org/2000/svg";

export interface ExportStyle {
  readonly background: string;
  readonly color: string;
  readonly title?: string;
}

/** The chart's own SVG inside `box`: the largest recharts surface (legend icons are SVGs too). */
export function findChartSvg(box: Element): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let bestArea = -1;
  for (const s of box.querySelectorAll("svg.recharts-surface")) {
    if (!(s instanceof SVGSVGElement) || s.closest(".recharts-legend-wrapper")) continue;
    const b = s.getBoundingClientRect();
    const area =
      (b.width || Number(s.getAttribute("width")) || 0) *
      (b.height || Number(s.getAttribute("height")) || 0);
    if (area > bestArea) {
      best = s;
      bestArea = area;
    }
  }
  return best;
}

interface LegendEntry {
  readonly label: string;
  readonly color: string;
}

/** recharts' HTML legend items: their text and their icon's colour. */
function legendEntries(box: Element | null): LegendEntry[] {
  if (!box) return [];
  return Array.from(box.querySelectorAll(".recharts-legend-item")).flatMap((li) => {
    const label = li.textContent?.trim() ?? "";
    const icon = li.querySelector("path, line, rect, circle");
    const color =
      icon?.getAttribute("fill") && icon.getAttribute("fill") !== "none"
        ? icon.getAttribute("fill")
        : (icon?.getAttribute("stroke") ?? null);
    return label ? [{ label, color: color ?? "#888" }] : [];
  });
}

function el(name: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** Standalone SVG text of `svg`; `legendBox` is where to look for an HTML legend. */
export function standaloneSvg(
  svg: SVGSVGElement,
  style: ExportStyle,
  legendBox: Element | null = null,
): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const box = svg.getBoundingClientRect();
  const w = Math.round(box.width) || Number(svg.getAttribute("width")) || 640;
  const h = Math.round(box.height) || Number(svg.getAttribute("height")) || 360;
  const top = style.title ? 24 : 0;
  const legend = legendEntries(legendBox);
  // Legend rows: as many entries per row as fit at ~150 px each.
  const perRow = Math.max(1, Math.floor((w - 12) / 150));
  const bottom = legend.length ? Math.ceil(legend.length / perRow) * 16 + 6 : 0;
  clone.setAttribute("width", String(w));
  clone.setAttribute("height", String(h + top + bottom));
  clone.setAttribute("viewBox", `0 ${-top} ${w} ${h + top + bottom}`);
  clone.setAttribute("font-family", "DejaVu Sans, Arial, sans-serif");
  clone.removeAttribute("class");
  clone.removeAttribute("style");
  clone.insertBefore(
    el("rect", { x: 0, y: -top, width: w, height: h + top + bottom, fill: style.background }),
    clone.firstChild,
  );
  if (style.title) {
    const t = el("text", {
      x: 12,
      y: -top + 16,
      "font-size": 13,
      "font-weight": 600,
      fill: style.color,
    });
    t.textContent = style.title;
    clone.appendChild(t);
  }
  legend.forEach((e, i) => {
    const x = 12 + (i % perRow) * 150;
    const y = h + 14 + Math.floor(i / perRow) * 16;
    clone.appendChild(el("rect", { x, y: y - 8, width: 10, height: 10, fill: e.color }));
    const t = el("text", { x: x + 14, y, "font-size": 11, fill: style.color });
    t.textContent = e.label;
    clone.appendChild(t);
  });
  // The serializer writes the SVG namespace itself (setting xmlns by hand duplicates it
  // in some engines, which makes the file invalid XML); add it only where it did not.
  const text = new XMLSerializer().serializeToString(clone);
  return /^<svg[^>]*\sxmlns="/.test(text) ? text : text.replace(/^<svg/, `<svg xmlns="${NS}"`);
}

export function svgBlob(text: string): Blob {
  return new Blob([text], { type: "image/svg+xml;charset=utf-8" });
}

/** Rasterizes SVG text at `scale`x (2 = crisp on HiDPI) into a PNG blob. */
export async function svgToPng(text: string, scale = 2, timeoutMs = 10_000): Promise<Blob> {
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2D canvas available to draw the PNG");
  const url = URL.createObjectURL(svgBlob(text));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("the chart took too long to render as an image")),
        timeoutMs,
      );
      img.onload = () => {
        clearTimeout(timer);
        resolve();
      };
      img.onerror = () => {
        clearTimeout(timer);
        reject(new Error("the chart could not be rendered as an image"));
      };
      img.src = url;
    });
    canvas.width = Math.round(img.width * scale);
    canvas.height = Math.round(img.height * scale);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, "image/png"));
    if (!blob) throw new Error("PNG encoding failed");
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}
