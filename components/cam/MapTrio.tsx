"use client";

import { useTranslations } from "next-intl";
import { type PointerEvent as RPointerEvent, useEffect, useRef, useState } from "react";

import type { RgbaImage } from "@/lib/image/rgba";
import { CAM_METHOD_TABLE, type CamMethod } from "@/lib/tfjs/cam-methods";
import type { Box } from "@/lib/tfjs/cam-metrics";
import type { CamResponse } from "@/lib/tfjs/cam-protocol";
import { shortLabel } from "@/lib/tfjs/labels";

import { BoxScores, FaithfulnessView } from "./FaithfulnessView";
import { downloadRgbaPng, drawBox, drawPeak, type MapStyle, putRgba, renderMaps } from "./render";
import { type Problem, ProblemText, useCamRich } from "./rich";
import type { LabImageInfo } from "./types";

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
  error?: Problem | null;
  /** The user's object box (original pixels) and how to change it (drawn on the original). */
  box?: Box | null;
  onBox?: (b: Box | null) => void;
  /** A Lab test image: its class and true box (the box it starts with). */
  lab?: LabImageInfo | null;
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
  box,
  onBox,
  lab,
}: Props) {
  const origRef = useRef<HTMLCanvasElement>(null);
  const heatRef = useRef<HTMLCanvasElement>(null);
  const overRef = useRef<HTMLCanvasElement>(null);
  const [busy, setBusy] = useState(false);
  const t = useTranslations("cam.trio");
  const rich = useCamRich();
  const map = result?.maps[0];
  const classLabel = map?.label;
  const prob = map && result ? result.probs[map.classIndex] : undefined;

  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const toOriginal = (e: RPointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    // Clamped: a drag that leaves the canvas ends on its edge (the worker refuses boxes
    // outside the image).
    const at = (v: number, size: number) => Math.min(size, Math.max(0, Math.round(v * size)));
    return {
      x: at((e.clientX - r.left) / r.width, original.width),
      y: at((e.clientY - r.top) / r.height, original.height),
    };
  };
  useEffect(() => {
    const c = origRef.current;
    if (!c) return;
    putRgba(c, image);
    const b = drag ?? box;
    if (b) {
      const s = image.width / original.width;
      drawBox(
        c,
        Math.min(b.x0, b.x1) * s,
        Math.min(b.y0, b.y1) * s,
        Math.abs(b.x1 - b.x0) * s,
        Math.abs(b.y1 - b.y0) * s,
      );
    }
  }, [image, box, drag, original.width]);

  useEffect(() => {
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

  // ImageNet class names are the model's data: shown as given (translate="no").
  const className = map
    ? classLabel
      ? shortLabel(classLabel)
      : t("classN", { index: map.classIndex })
    : "";
  const caption = map ? (
    <p className="text-sm" data-testid="map-caption">
      {rich("trio.caption", { method: CAM_METHOD_TABLE[result!.method].label, label: className })}
      {prob !== undefined && <span className="text-muted">{` (${(prob * 100).toFixed(1)}%)`}</span>}
      {rich("trio.captionTail", {
        w: map.width,
        h: map.height,
        x: result!.peak.x,
        y: result!.peak.y,
        forward: result!.timings.forwardMs.toFixed(0),
        map: result!.timings.mapMs.toFixed(0),
        backend: result!.backend,
      })}
    </p>
  ) : null;

  if (compact) {
    return (
      // min-w-0: a long model name is truncated instead of widening the grid column.
      <figure className="min-w-0 space-y-1" data-testid="compare-item">
        <figcaption className="truncate text-sm font-medium" title={title}>
          {title}
        </figcaption>
        <canvas
          ref={overRef}
          className="w-full rounded-md border border-border"
          aria-label={t("overlayFor", { title: title ?? "" })}
          data-testid="cam-map"
        />
        {error ? (
          <p className="text-xs text-red-600 dark:text-red-400">
            <ProblemText p={error} />
          </p>
        ) : map && result ? (
          <p className="text-xs text-muted">
            {rich("trio.compact", {
              method: CAM_METHOD_TABLE[result.method].label,
              label: className,
              prob: prob !== undefined ? `${(prob * 100).toFixed(1)}%` : "",
              top: shortLabel(result.top[0].label),
            })}
            {map.faithfulness && (
              <span data-testid="compare-scores">
                {t("compactFaith", {
                  del: map.faithfulness.deletion.toFixed(3),
                  ins: map.faithfulness.insertion.toFixed(3),
                })}
                {map.faithfulness.box && (
                  <>
                    {" · "}
                    <BoxScores box={map.faithfulness.box} />
                  </>
                )}
              </span>
            )}
          </p>
        ) : (
          <p className="text-xs text-muted">{t("analysing")}</p>
        )}
      </figure>
    );
  }

  return (
    <div className="space-y-3" data-testid="map-trio">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {caption ?? <p className="text-sm text-muted">{t("analysing")}</p>}
        <button
          type="button"
          onClick={download}
          disabled={!map || busy}
          className="rounded-md border border-border bg-surface px-3 py-1.5 text-sm font-medium hover:bg-background disabled:opacity-50"
          data-testid="download"
        >
          {t("download")}
        </button>
      </div>
      {note && <p className="text-sm text-amber-700 dark:text-amber-300">{note}</p>}
      <div className="grid gap-3 sm:grid-cols-3">
        {(
          [
            ["Original", origRef, "original"],
            ["Heatmap", heatRef, "heatmap"],
            ["Overlay", overRef, "overlay"],
          ] as const
        ).map(([label, ref, key]) => (
          <figure key={label} className="space-y-1">
            <figcaption className="text-xs font-medium text-muted">{t(key)}</figcaption>
            <canvas
              ref={ref}
              data-testid={label === "Overlay" ? "cam-map" : `canvas-${label.toLowerCase()}`}
              {...(label === "Original" && onBox
                ? {
                    onPointerDown: (e: RPointerEvent<HTMLCanvasElement>) => {
                      e.currentTarget.setPointerCapture(e.pointerId);
                      const q = toOriginal(e);
                      setDrag({ x0: q.x, y0: q.y, x1: q.x, y1: q.y });
                    },
                    onPointerMove: (e: RPointerEvent<HTMLCanvasElement>) => {
                      if (!drag) return;
                      const q = toOriginal(e);
                      setDrag({ ...drag, x1: q.x, y1: q.y });
                    },
                    onPointerUp: () => {
                      if (!drag) return;
                      const b = {
                        x0: Math.min(drag.x0, drag.x1),
                        y0: Math.min(drag.y0, drag.y1),
                        x1: Math.max(drag.x0, drag.x1),
                        y1: Math.max(drag.y0, drag.y1),
                      };
                      setDrag(null);
                      onBox(b.x1 - b.x0 >= 4 && b.y1 - b.y0 >= 4 ? b : null);
                    },
                    style: { touchAction: "none", cursor: "crosshair" },
                  }
                : {})}
              className="w-full rounded-md border border-border bg-[repeating-conic-gradient(#8882_0%_25%,transparent_0%_50%)] bg-[length:16px_16px]"
              aria-label={t("imageOf", { label: t(key) })}
            />
          </figure>
        ))}
      </div>
      <p className="text-xs text-muted">
        {t("covers", {
          w: original.width,
          h: original.height,
          mode: t(result?.plan.mode === "crop" ? "modeCrop" : "modeStretch"),
        })}
        {onBox && (
          <>
            {t("drag")}
            {box && (
              <>
                {" "}
                <button type="button" className="underline" onClick={() => onBox(null)}>
                  {t("clearBox")}
                </button>
              </>
            )}
          </>
        )}
      </p>
      {onBox && lab && <TrueBoxNote lab={lab} box={box ?? null} onBox={onBox} />}
      {result?.gradient?.fallback && (
        <p className="text-xs text-amber-700 dark:text-amber-300" data-testid="gradient-fallback">
          {rich("trio.fallback", { detail: result.gradient.fallback })}
        </p>
      )}
      {map?.faithfulness && <FaithfulnessView f={map.faithfulness} />}
    </div>
  );
}

/** Whether a Lab image is scored against its true box, a drawn one, or none; and the way back. */
export function TrueBoxNote({
  lab,
  box,
  onBox,
}: {
  lab: LabImageInfo;
  box: Box | null;
  onBox: (b: Box | null) => void;
}) {
  const t = useTranslations("cam.trio");
  const rich = useCamRich();
  const b = lab.trueBox;
  const state = !box
    ? "none"
    : box.x0 === b.x0 && box.y0 === b.y0 && box.x1 === b.x1 && box.y1 === b.y1
      ? "true"
      : "drawn";
  return (
    <p className="text-xs" data-testid="true-box-note" data-box={state}>
      {state === "true"
        ? rich("trio.trueBox", { label: lab.className })
        : t(state === "drawn" ? "drawnReplaces" : "trueBoxCleared")}
      {state !== "true" && (
        <>
          {" "}
          <button
            type="button"
            className="underline"
            onClick={() => onBox(b)}
            data-testid="restore-true-box"
          >
            {t("restoreTrueBox")}
          </button>
        </>
      )}
    </p>
  );
}
