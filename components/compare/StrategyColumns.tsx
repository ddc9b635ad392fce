"use client";
/** The four configurations side by side: numbers, accuracy (published or estimate), diagram, stages. */
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useMemo } from "react";

import { ArchitectureDiagram } from "@/components/diagram/ArchitectureDiagram";
import { BASELINES } from "@/lib/arch/baselines";
import { diagramScale } from "@/lib/diagram/layout";
import type { CompareView } from "@/lib/estimate/compareView";
import type { ConfigAccuracy } from "@/lib/estimate";
import { formatBillions, formatBytes, formatCompact, formatSig } from "@/lib/format";
import { labHref } from "@/lib/lab/state";
import type { Strategy } from "@/lib/scaling/invert";

import { MsgText } from "@/components/i18n/MsgText";

/** A strategy's name in the page's language ("Depth only", ...). */
export function useStrategyLabel(): (s: Strategy) => string {
  const t = useTranslations("compare.strategy");
  return (s: Strategy) => t(s);
}

export const STRATEGY_COLOR: Readonly<Record<Strategy, string>> = {
  depth: "#0ea5e9",
  width: "#f59e0b",
  resolution: "#10b981",
  compound: "#e11d48",
};

function coefText(s: Strategy, c: number): string {
  const sym = s === "depth" ? "d" : s === "width" ? "w" : s === "resolution" ? "r" : "φ";
  return `${sym} = ${formatSig(c, 4)}`;
}

export function AccuracyBlock({ a }: { a: ConfigAccuracy }) {
  const t = useTranslations("compare.accuracy");
  if (a.kind === "published") {
    return (
      <div data-testid="accuracy" data-kind="published">
        <div className="text-2xl font-semibold tabular-nums">{a.top1.toFixed(1)}%</div>
        <div className="text-xs text-muted">
          {t.rich("published", {
            data: (chunks) => <span translate="no">{chunks}</span>,
            table: a.source.table,
            row: a.source.row,
            label: a.label,
            flops: a.flopsB,
          })}
        </div>
      </div>
    );
  }
  if (a.kind === "estimate") {
    return (
      <div data-testid="accuracy" data-kind="estimate">
        <div className="text-2xl font-semibold tabular-nums">
          {`≈${a.top1.toFixed(1)}%`}{" "}
          <span className="align-middle rounded bg-amber-500/15 px-1.5 py-0.5 text-xs font-medium text-amber-800 dark:text-amber-300">
            {t("estimate")}
          </span>
        </div>
        <div className="text-xs text-muted">
          {t("estimateNote", {
            mae: a.looMae.toFixed(2),
            n: a.looN,
            top1: a.anchor.top1,
            table: a.anchor.source.table,
          })}
        </div>
      </div>
    );
  }
  return (
    <div data-testid="accuracy" data-kind="unsupported">
      <div className="text-lg font-semibold text-muted">{t("none")}</div>
      <div className="text-xs text-muted">
        <MsgText m={a.msg} english={a.reason} />
        {t("end")}
      </div>
    </div>
  );
}

export function StrategyColumns({ view }: { view: CompareView }) {
  const t = useTranslations("compare.columns");
  const label = useStrategyLabel();
  const c = view.comparison;
  const scale = useMemo(
    () => diagramScale(view.baselineStages, ...c.configs.map((x) => x.stages)),
    [view.baselineStages, c.configs],
  );
  const diagramOptions = useMemo(() => ({ scale, maxSlabs: 10 }), [scale]);
  return (
    <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="strategy-columns">
      {c.configs.map((cfg, i) => {
        const a = view.accuracy[i]!;
        const err = cfg.relativeError;
        return (
          <article
            key={cfg.strategy}
            data-testid={`column-${cfg.strategy}`}
            className="flex min-w-0 flex-col gap-3 rounded-lg border border-border bg-surface p-3"
            style={{ borderTopColor: STRATEGY_COLOR[cfg.strategy], borderTopWidth: 4 }}
          >
            <header>
              <h3 className="font-semibold">{label(cfg.strategy)}</h3>
              <p className="font-mono text-sm">{coefText(cfg.strategy, cfg.coefficient)}</p>
            </header>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
              <dt className="text-muted">{t("widthDepth")}</dt>
              <dd className="tabular-nums">
                {formatSig(cfg.width, 4)} × {formatSig(cfg.depth, 4)}
              </dd>
              <dt className="text-muted">{t("resolution")}</dt>
              <dd className="tabular-nums">{`${cfg.resolution} px`}</dd>
              <dt className="text-muted">{t("macs")}</dt>
              <dd className="tabular-nums" data-testid="macs" data-value={cfg.macs}>
                {formatBillions(cfg.macs)}{" "}
                <span
                  className={Math.abs(err) > 0.05 ? "text-red-600 dark:text-red-400" : "text-muted"}
                >
                  {t("vsBudget", {
                    sign: err >= 0 ? "+" : "",
                    pct: (err * 100).toFixed(2),
                    clamped: cfg.clamped ? "yes" : "no",
                  })}
                </span>
              </dd>
              <dt className="text-muted">{t("params")}</dt>
              <dd className="tabular-nums">{formatCompact(cfg.trainableParams)}</dd>
              <dt className="text-muted">{t("peak")}</dt>
              <dd className="tabular-nums">
                {/* The title names a layer (data): the whole value is marked as data. */}
                <span translate="no" title={t("peakTitle", { layer: cfg.peakActivationLayer })}>
                  {formatBytes(cfg.peakActivationBytes)}
                </span>
              </dd>
            </dl>
            <AccuracyBlock a={a} />
            <Link
              className="text-xs text-accent underline"
              href={labHref({
                model: c.model,
                budget: Math.min(16, Math.max(1, cfg.multiplier)),
                runs: ["base", cfg.strategy],
              })}
              data-testid={`lab-${cfg.strategy}`}
            >
              {t("lab")}
            </Link>
            <ArchitectureDiagram
              stages={cfg.stages}
              baseline={view.baselineStages}
              label={t("diagram", {
                strategy: label(cfg.strategy),
                model: BASELINES[c.model].name,
              })}
              options={diagramOptions}
              testId={`diagram-${cfg.strategy}`}
              className="h-auto w-full text-foreground"
            />
            <table
              className="w-full text-xs tabular-nums"
              aria-label={t("stagesLabel", { strategy: label(cfg.strategy) })}
            >
              <thead className="text-muted">
                <tr>
                  <th className="text-left font-normal">{t("stage")}</th>
                  <th className="text-right font-normal">{t("res")}</th>
                  <th className="text-right font-normal">{t("ch")}</th>
                  <th className="text-right font-normal">{t("layers")}</th>
                </tr>
              </thead>
              <tbody>
                {cfg.stages.map((s, si) => {
                  const b = view.baselineStages[si];
                  const grew = (v: number, w: number | undefined) =>
                    w !== undefined && v > w ? "font-semibold" : "";
                  return (
                    <tr key={s.index}>
                      <td className="truncate pr-1" title={s.operator} translate="no">
                        {s.index + 1}
                      </td>
                      <td className={`text-right ${grew(s.inRes[0], b?.inRes[0])}`}>
                        {s.inRes[0]}
                      </td>
                      <td className={`text-right ${grew(s.outChannels, b?.outChannels)}`}>
                        {s.outChannels}
                      </td>
                      <td className={`text-right ${grew(s.repeats, b?.repeats)}`}>{s.repeats}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </article>
        );
      })}
    </div>
  );
}
