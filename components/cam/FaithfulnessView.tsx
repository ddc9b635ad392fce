"use client";
/** Deletion and insertion curves of one map, their areas, and the box scores. */
import { useTranslations } from "next-intl";

import type { Faithfulness } from "@/lib/tfjs/cam-faithfulness";

function Curve({ ys, label, color }: { ys: readonly number[]; label: string; color: string }) {
  const t = useTranslations("cam.faith");
  const W = 120;
  const H = 48;
  const max = Math.max(1e-6, ...ys);
  const pts = ys
    .map((y, i) => `${((i / (ys.length - 1)) * W).toFixed(1)},${(H - (y / max) * H).toFixed(1)}`)
    .join(" ");
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="h-12 w-32 rounded border border-border"
      role="img"
      aria-label={t("curve", {
        label,
        from: ys[0].toFixed(3),
        to: ys[ys.length - 1].toFixed(3),
      })}
    >
      <polygon points={`0,${H} ${pts} ${W},${H}`} fill={color} fillOpacity={0.2} />
      <polyline points={pts} fill="none" stroke={color} strokeWidth={1.5} />
    </svg>
  );
}

export function FaithfulnessView({ f }: { f: Faithfulness }) {
  const t = useTranslations("cam.faith");
  return (
    <div className="flex flex-wrap items-center gap-4 text-xs" data-testid="faithfulness">
      <div className="flex items-center gap-2">
        <Curve ys={f.deletionCurve} label={t("deletion")} color="#dc2626" />
        <span>
          {t("deletionAuc")}{" "}
          <strong className="tabular-nums" data-testid="deletion-auc">
            {f.deletion.toFixed(3)}
          </strong>
          <br />
          <span className="text-muted">{t("lower")}</span>
        </span>
      </div>
      <div className="flex items-center gap-2">
        <Curve ys={f.insertionCurve} label={t("insertion")} color="#16a34a" />
        <span>
          {t("insertionAuc")}{" "}
          <strong className="tabular-nums" data-testid="insertion-auc">
            {f.insertion.toFixed(3)}
          </strong>
          <br />
          <span className="text-muted">{t("higher")}</span>
        </span>
      </div>
      {f.box && <BoxScores box={f.box} />}
    </div>
  );
}

/** Pointing-game hit and energy inside the box (also in the comparison row). */
export function BoxScores({ box }: { box: NonNullable<Faithfulness["box"]> }) {
  const t = useTranslations("cam.faith");
  return (
    <span data-testid="box-scores" data-hit={box.hit}>
      {t("box", { hit: String(box.hit) })}{" "}
      <strong className="tabular-nums">{(box.energy * 100).toFixed(1)}%</strong>
    </span>
  );
}
