"use client";
/**
 * Figure 7 in miniature: the class activation map (CAM, true class) of every trained network
 * on the same test images, side by side, with the true box and each network's scores.
 */
import { useTranslations } from "next-intl";
import { memo, useEffect, useRef } from "react";

import { colormapLut } from "@/lib/image/colormap";
import { upsampleGrid } from "@/lib/lab/cam-map";
import type { CamImage, ExperimentResult, RunResult } from "@/lib/lab/results";

import { LAB_COLOR, pct } from "./colors";
import { ClassName, useStrategyLabel } from "./i18n";

const SIZE = 96;

const CamTile = memo(function CamTile({ image, run }: { image: CamImage; run: RunResult | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const sample = run?.camSamples.find((s) => s.index === image.index) ?? null;
  const t = useTranslations("lab.camGrid");
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext("2d");
    if (!c || !ctx) return;
    const r = image.resolution;
    const map = sample ? upsampleGrid(sample.grid, sample.gridWidth, sample.gridHeight, r) : null;
    const lut = colormapLut("jet");
    const px = ctx.createImageData(r, r);
    for (let i = 0; i < r * r; i++) {
      let rr = image.rgb[i * 3]!;
      let gg = image.rgb[i * 3 + 1]!;
      let bb = image.rgb[i * 3 + 2]!;
      if (map) {
        const k = Math.max(0, Math.min(255, Math.round(map[i]! * 255))) * 3;
        rr = 0.5 * rr + 0.5 * lut[k]!;
        gg = 0.5 * gg + 0.5 * lut[k + 1]!;
        bb = 0.5 * bb + 0.5 * lut[k + 2]!;
      }
      px.data.set([rr, gg, bb, 255], i * 4);
    }
    const tmp = new OffscreenCanvas(r, r);
    tmp.getContext("2d")?.putImageData(px, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, SIZE, SIZE);
    ctx.drawImage(tmp, 0, 0, SIZE, SIZE);
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = 1.5;
    for (const b of image.boxes ?? [])
      ctx.strokeRect(b.x0 * SIZE, b.y0 * SIZE, (b.x1 - b.x0) * SIZE, (b.y1 - b.y0) * SIZE);
  }, [image, sample]);
  return (
    <figure className="text-[10px] text-muted">
      <canvas
        ref={ref}
        width={SIZE}
        height={SIZE}
        className="rounded"
        aria-label={t("tile", { index: image.index })}
      />
      {sample && (
        <figcaption>
          {t(sample.hit ? "hit" : "miss")} · {pct(sample.energy)}
        </figcaption>
      )}
    </figure>
  );
});

export function CamGrid({ result }: { result: ExperimentResult }) {
  // One network per strategy: the first seed (all seeds are scored in the table).
  const firstSeed = result.def.seed;
  const runs = result.runs.filter((r) => r.seed === firstSeed);
  const classes = result.dataset.classes;
  const t = useTranslations("lab.camGrid");
  const strategy = useStrategyLabel();
  return (
    <div data-testid="lab-cam-grid" className="overflow-x-auto" tabIndex={0}>
      <table className="text-xs">
        <thead>
          <tr>
            <th className="pr-2 text-left text-muted">{t("network")}</th>
            {result.camImages.map((im) => (
              <th key={im.index} className="px-1 text-left font-normal text-muted">
                {classes[im.label] !== undefined ? (
                  <ClassName name={classes[im.label]!} kind={result.dataset.kind} />
                ) : (
                  t("classN", { index: im.label })
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="pr-2 align-top">{t("image")}</td>
            {result.camImages.map((im) => (
              <td key={im.index} className="px-1">
                <CamTile image={im} run={null} />
              </td>
            ))}
          </tr>
          {runs.map((r) => (
            <tr key={r.id}>
              <td className="pr-2 align-top" style={{ color: LAB_COLOR[r.strategy] }}>
                <div className="font-medium">{strategy(r.strategy)}</div>
                {r.cam ? (
                  <div className="text-muted">
                    {t("pointing", { value: pct(r.cam.pointingGame) })}
                    <br />
                    {t("energy", { value: pct(r.cam.energyInBox) })}
                  </div>
                ) : (
                  <div className="text-muted">{t("notScored")}</div>
                )}
              </td>
              {result.camImages.map((im) => (
                <td key={im.index} className="px-1">
                  <CamTile image={im} run={r} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
