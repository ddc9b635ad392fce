"use client";

/**
 * Samples of a Lab dataset per class, at the dataset's own resolution (pixels shown
 * unsmoothed, so a 32 px dataset looks as coarse as the network sees it), with each
 * object's box as an outline.
 */
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

import type { Box, LabDataset } from "@/lib/lab/dataset";
import { imageRgba, sampleIndices } from "@/lib/lab/dataset-view";

import { ClassName, useClassName } from "./i18n";

export interface GalleryProps {
  readonly dataset: LabDataset;
  /** Samples shown per class (default 4). */
  readonly perClass?: number;
  /** Displayed size of each sample in CSS pixels (default 72). */
  readonly size?: number;
}

export default function Gallery({ dataset, perClass = 4, size = 72 }: GalleryProps) {
  const samples = sampleIndices(dataset.labels, dataset.classes.length, perClass);
  const res = dataset.resolution;
  const t = useTranslations("lab.gallery");
  const className = useClassName();
  const pct = (v: number) => Math.round(v * 100);
  // describeBox (lib/lab/dataset-view.ts) in the reader's language.
  const describeBox = (b: Box) =>
    t("box", { x0: pct(b.x0), x1: pct(b.x1), y0: pct(b.y0), y1: pct(b.y1) });
  return (
    <section
      aria-label={t("label", { res })}
      data-testid="lab-gallery"
      className="flex flex-col gap-3"
    >
      <p className="text-muted text-sm">
        {t("summary", {
          count: dataset.count,
          res,
          classes: dataset.classes.length,
          boxes: String(!!dataset.boxes),
        })}
      </p>
      <div className="flex flex-col gap-2">
        {dataset.classes.map((name, c) => (
          <figure
            key={name}
            className="flex flex-wrap items-center gap-2"
            data-testid="lab-gallery-class"
          >
            <figcaption className="w-28 shrink-0 text-sm font-medium break-words">
              <ClassName name={name} kind={dataset.kind} />
              {samples[c].length === 0 && (
                <span className="text-muted block text-xs">{t("noSamples")}</span>
              )}
            </figcaption>
            {samples[c].map((index, k) => (
              <Sample
                key={index}
                dataset={dataset}
                index={index}
                size={size}
                label={
                  dataset.boxes
                    ? t("sampleBoxes", {
                        name: className(name, dataset.kind),
                        k: k + 1,
                        n: samples[c].length,
                        boxes:
                          dataset.boxes[index].map(describeBox).join(t("boxSeparator")) ||
                          t("noBox"),
                      })
                    : t("sample", {
                        name: className(name, dataset.kind),
                        k: k + 1,
                        n: samples[c].length,
                      })
                }
                boxes={dataset.boxes ? dataset.boxes[index] : []}
              />
            ))}
          </figure>
        ))}
      </div>
    </section>
  );
}

function Sample({
  dataset,
  index,
  size,
  label,
  boxes,
}: {
  dataset: LabDataset;
  index: number;
  size: number;
  label: string;
  boxes: readonly Box[];
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return; // no 2D canvas (e.g. a test DOM): the labels still tell
    const res = dataset.resolution;
    canvas.width = res;
    canvas.height = res;
    ctx.putImageData(new ImageData(imageRgba(dataset, index), res, res), 0, 0);
  }, [dataset, index]);
  return (
    <div className="relative shrink-0" style={{ width: size, height: size }}>
      <canvas
        ref={ref}
        role="img"
        aria-label={label}
        title={label}
        className="block h-full w-full rounded-sm"
        style={{ imageRendering: "pixelated" }}
      />
      {boxes.map((b, k) => (
        <div
          key={k}
          aria-hidden="true"
          data-testid="lab-gallery-box"
          className="pointer-events-none absolute border-2 border-rose-500 shadow-[0_0_0_1px_rgba(0,0,0,0.6)]"
          style={{
            left: `${b.x0 * 100}%`,
            top: `${b.y0 * 100}%`,
            width: `${(b.x1 - b.x0) * 100}%`,
            height: `${(b.y1 - b.y0) * 100}%`,
          }}
        />
      ))}
    </div>
  );
}
