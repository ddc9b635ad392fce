"use client";

import { useEffect, useRef, useState } from "react";

import type { RgbaImage } from "@/lib/image/rgba";
import { CAM_METHOD_TABLE, type CamMethod } from "@/lib/tfjs/cam-methods";
import type { CamResponse } from "@/lib/tfjs/cam-protocol";
import { shortLabel } from "@/lib/tfjs/labels";

import { downloadRgbaPng, drawPeak, type MapStyle, putRgba, renderMaps } from "./render";

export type MapResult = Extract<CamResponse, { type: "result" }> & {
  model: string;
  method: CamMethod;
};

interface Props {
  /** Display copy of the image (<= 640 px). */
  image: RgbaImage;
  /** Working copy (what the model saw; used for the PNG download). */
  fullImage: RgbaImage;
  imageName: string;
  original: { width: number; height: number };
  result: MapResult | null;
  style: MapStyle;
  compact?: boolean;
  title?: string;
  note?: string | null;
  error?: string | null;
}

/** Original | heatmap | overlay, or (compact) just the overlay for the comparison row. */
export function MapTrio({
  image,
  fullImage,
  imageName,
  original,
  result,
  style,
  compact,
  title,
  note,
  error,
}: Props) {
  const origRef = useRef<HTMLCanvasElement>(null);
  const heatRef = useRef<HTMLCanvasElement>(null);
  const overRef = useRef<HTMLCanvasElement>(null);
  const [busy, setBusy] = useState(false);
  const map = result?.maps[0];
  const classLabel = map?.label;
  const prob = map && result ? result.probs[map.classIndex] : undefined;

  useEffect(() => {
    if (origRef.current) putRgba(origRef.current, image);
    if (!result || !map) {
      if (overRef.current) putRgba(overRef.current, image);
      return;
    }
    const { heat, overlay } = renderMaps(
      image,
      map.grid,
      map.width,
      map.height,
      result.plan,
      style,
    );
    if (heatRef.current) putRgba(heatRef.current, heat);
    if (overRef.current) {
      putRgba(overRef.current, overlay);
      drawPeak(
        overRef.current,
        (result.peak.x + 0.5) * (image.width / original.width),
        (result.peak.y + 0.5) * (image.height / original.height),
      );
    }
  }, [image, result, map, style, original.width, original.height]);

  const download = async () => {
    if (!result || !map) return;
    setBusy(true);
    try {
      const { overlay } = renderMaps(
        fullImage,
        map.grid,
        map.width,
        map.height,
        result.plan,
        style,
      );
      const base = imageName.replace(/\.[^.]+$/, "");
      await downloadRgbaPng(overlay, `${base}-${result.method}-class${map.classIndex}.png`);
    } finally {
      setBusy(false);
    }
  };

  const caption = map ? (
    <p className="text-sm" data-testid="map-caption">
      <span className="font-medium">{CAM_METHOD_TABLE[result!.method].label}</span> for{" "}
      <span className="font-medium">
        {classLabel ? shortLabel(classLabel) : `class ${map.classIndex}`}
      </span>
      {prob !== undefined && <span className="text-muted"> ({(prob * 100).toFixed(1)}%)</span>} ·
      grid {map.width}×{map.height} · peak ({result!.peak.x}, {result!.peak.y}) px ·{" "}
      {result!.timings.forwardMs.toFixed(0)} + {result!.timings.mapMs.toFixed(0)} ms on{" "}
      {result!.backend}
    </p>
  ) : null;

  if (compact) {
    return (
      <figure className="space-y-1" data-testid="compare-item">
        <figcaption className="truncate text-sm font-medium" title={title}>
          {title}
        </figcaption>
        <canvas
          ref={overRef}
          className="w-full rounded-md border border-border"
          aria-label={`Overlay for ${title}`}
        />
        {error ? (
          <p className="text-xs text-red-600 dark:text-red-400">{error}</p>
        ) : map && result ? (
          <p className="text-xs text-muted">
            {CAM_METHOD_TABLE[result.method].label} ·{" "}
            {classLabel ? shortLabel(classLabel) : `class ${map.classIndex}`}{" "}
            {prob !== undefined && `${(prob * 100).toFixed(1)}%`} · top-1{" "}
            {shortLabel(result.top[0].label)}
          </p>
        ) : (
          <p className="text-xs text-muted">Analysing…</p>
        )}
      </figure>
    );
  }

  return (
    <div className="space-y-3" data-testid="map-trio">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {caption ?? <p className="text-sm text-muted">Analysing…</p>}
        <button
          type="button"
          onClick={download}
          disabled={!map || busy}
          className="rounded-md border border-border bg-surface px-3 py-1.5 text-sm font-medium hover:bg-background disabled:opacity-50"
          data-testid="download"
        >
          Download overlay PNG
        </button>
      </div>
      {note && <p className="text-sm text-amber-700 dark:text-amber-300">{note}</p>}
      <div className="grid gap-3 sm:grid-cols-3">
        {(
          [
            ["Original", origRef],
            ["Heatmap", heatRef],
            ["Overlay", overRef],
          ] as const
        ).map(([label, ref]) => (
          <figure key={label} className="space-y-1">
            <figcaption className="text-xs font-medium text-muted">{label}</figcaption>
            <canvas
              ref={ref}
              data-testid={`canvas-${label.toLowerCase()}`}
              className="w-full rounded-md border border-border bg-[repeating-conic-gradient(#8882_0%_25%,transparent_0%_50%)] bg-[length:16px_16px]"
              aria-label={`${label} image`}
            />
          </figure>
        ))}
      </div>
      <p className="text-xs text-muted">
        Image {original.width}×{original.height} px; the map covers the part the model saw (
        {result?.plan.mode === "crop" ? "center crop" : "whole image, stretched"}).
      </p>
    </div>
  );
}
