"use client";
/**
 * The compound-scaling constraint alpha*beta^2*gamma^2 (paper eq. 3), its distance from 2,
 * the FLOPs multiplier it predicts next to the calculator's real one, and the derived d, w,
 * r and input pixels.
 */
import { useTranslations } from "next-intl";
import { useMemo } from "react";

import { formatSig } from "@/lib/format";
import { scalingInsight } from "@/lib/state/explorer";

import { sup } from "./rich";
import { useExplorer } from "./store";

/** Relative distance from 2 beyond which the constraint is flagged. */
const WARN = 0.05;
const BAD = 0.25;

export function Insight() {
  const params = useExplorer((s) => s.params);
  const calc = useExplorer((s) => s.calc);
  const baseline = useExplorer((s) => s.baseline);
  const i = useMemo(() => scalingInsight(params, calc, baseline), [params, calc, baseline]);
  const compound = params.mode === "compound";
  const level = i.constraintError > BAD ? "bad" : i.constraintError > WARN ? "warn" : "ok";
  const tone =
    level === "bad"
      ? "border-red-500/60 bg-red-500/10"
      : level === "warn"
        ? "border-amber-500/60 bg-amber-500/10"
        : "border-emerald-500/50 bg-emerald-500/10";
  const predicted = i.predictedByConstraint;
  const predictionOff = predicted !== null ? Math.abs(i.actual / predicted - 1) : 0;
  const t = useTranslations("explorer.insight");

  return (
    <section aria-labelledby="insight-h" className="space-y-3">
      <h2 id="insight-h" className="sr-only">
        {t("heading")}
      </h2>
      <dl className="grid grid-cols-4 gap-2 text-center" data-testid="derived">
        <Coef label={t("depth")} value={`×${formatSig(i.d, 3)}`} testId="derived-d" raw={i.d} />
        <Coef label={t("width")} value={`×${formatSig(i.w, 3)}`} testId="derived-w" raw={i.w} />
        <Coef
          label={t("resolution")}
          value={`×${formatSig(i.r, 3)}`}
          testId="derived-r"
          raw={i.r}
        />
        <Coef
          label={t("input")}
          value={`${i.resolution}px`}
          testId="derived-px"
          raw={i.resolution}
        />
      </dl>
      {compound || params.mode === "preset" ? (
        <div
          className={`rounded-lg border p-3 text-sm ${compound ? tone : "border-border"}`}
          data-testid="constraint"
          data-level={compound ? level : "ok"}
        >
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <span>
              {"α·β²·γ² = "}
              <strong className="font-mono" data-testid="flops-base">
                {formatSig(i.flopsBase, 4)}
              </strong>
            </span>
            <span className="text-xs">
              {compound ? (
                <>
                  {t("fromTwo", {
                    sign: i.flopsBase >= 2 ? "+" : "−",
                    diff: formatSig(Math.abs(i.flopsBase - 2), 3),
                    percent: formatSig(i.constraintError * 100, 2),
                  })}
                  {level !== "ok" && (
                    <strong className="ml-1">{t(level === "bad" ? "far" : "off")}</strong>
                  )}
                </>
              ) : (
                t("paperConstants")
              )}
            </span>
          </div>
          <div className="mt-2 grid grid-cols-2 gap-2">
            <div>
              <div className="text-xs text-muted">
                {t.rich("predicted", { sup })}
                {i.phi !== null && t("predictedPhi", { phi: formatSig(i.phi, 4) })}
              </div>
              <div className="font-mono text-base" data-testid="predicted-multiplier">
                ×{predicted === null ? "–" : formatSig(predicted, 3)}
              </div>
            </div>
            <div>
              <div className="text-xs text-muted">{t("real")}</div>
              <div className="font-mono text-base" data-testid="actual-multiplier">
                ×{formatSig(i.actual, 3)}
              </div>
            </div>
          </div>
          {predictionOff > 0.15 && (
            <p className="mt-1 text-xs text-muted">
              {t(params.mode === "preset" ? "realDiffersPreset" : "realDiffers", {
                percent: formatSig(predictionOff * 100, 2),
              })}
            </p>
          )}
        </div>
      ) : (
        <div
          className="rounded-lg border border-border p-3 text-sm"
          data-testid="constraint"
          data-level="ok"
        >
          <div className="grid grid-cols-2 gap-2">
            <div>
              <div className="text-xs text-muted">{t("predictedCoefficients")}</div>
              <div className="font-mono text-base" data-testid="predicted-multiplier">
                ×{formatSig(i.predictedByCoefficients, 3)}
              </div>
            </div>
            <div>
              <div className="text-xs text-muted">{t("real")}</div>
              <div className="font-mono text-base" data-testid="actual-multiplier">
                ×{formatSig(i.actual, 3)}
              </div>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

function Coef({
  label,
  value,
  testId,
  raw,
}: {
  label: string;
  value: string;
  testId: string;
  raw: number;
}) {
  return (
    <div className="rounded-md border border-border bg-background px-1 py-1.5">
      <dt className="text-[11px] text-muted">{label}</dt>
      <dd
        className="font-mono text-sm font-semibold tabular-nums"
        data-testid={testId}
        data-value={raw}
      >
        {value}
      </dd>
    </div>
  );
}
