"use client";
/** One row per strategy: w, d, r, MACs, parameters, training time, accuracy mean and spread, links. */
import Link from "next/link";
import { useTranslations } from "next-intl";

import { formatSig } from "@/lib/format";
import { camChanceLevel, summarize, type ExperimentResult } from "@/lib/lab/results";
import { runLinks } from "@/lib/lab/state";
import { LAB_COLOR, pct } from "./colors";
import { useFormatMs, useStrategyLabel } from "./i18n";

export function ResultsTable({ result }: { result: ExperimentResult }) {
  const rows = summarize(result.runs);
  const classes = result.dataset.classes.length;
  const t = useTranslations("lab.table");
  const strategy = useStrategyLabel();
  const formatMs = useFormatMs();
  const chance = camChanceLevel(result.runs);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm tabular-nums" data-testid="lab-results-table">
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="py-1 pr-3">{t("strategy")}</th>
            {/* The paper's symbols for width, depth and resolution, the same in every language. */}
            <th className="pr-3">{"w"}</th>
            <th className="pr-3">{"d"}</th>
            <th className="pr-3">{"r"}</th>
            <th className="pr-3">{t("macs")}</th>
            <th className="pr-3">{t("params")}</th>
            <th className="pr-3">{t("trainTime")}</th>
            <th className="pr-3">{t("testAcc")}</th>
            <th className="pr-3">{t("pointing")}</th>
            <th className="pr-3">{t("energy")}</th>
            <th>{t("open")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => {
            const runs = result.runs.filter((r) => r.strategy === s.strategy);
            const r = runs[0]!;
            const links = runLinks(result.model, r, classes);
            const ms = runs.reduce((a, x) => a + x.trainMs, 0) / runs.length;
            return (
              <tr key={s.strategy} className="border-t border-border">
                <td className="py-1 pr-3 font-medium" style={{ color: LAB_COLOR[s.strategy] }}>
                  {strategy(s.strategy)}
                </td>
                <td className="pr-3">{formatSig(r.width, 3)}</td>
                <td className="pr-3">{formatSig(r.depth, 3)}</td>
                <td className="pr-3">{r.resolution}</td>
                <td className="pr-3">{`${formatSig(r.macs / 1e6, 3)}M`}</td>
                <td className="pr-3">{`${formatSig(r.trainableParams / 1e3, 3)}k`}</td>
                <td className="pr-3">{formatMs(ms)}</td>
                <td className="pr-3">
                  {pct(s.testAccuracyMean)}
                  {s.n > 1 ? ` ± ${pct(s.testAccuracyStd)}` : ""}
                </td>
                <td className="pr-3">
                  {s.pointingGameMean !== null ? pct(s.pointingGameMean) : "–"}
                </td>
                <td className="pr-3">
                  {s.energyInBoxMean !== null ? pct(s.energyInBoxMean) : "–"}
                </td>
                <td className="whitespace-nowrap">
                  <Link className="text-accent underline" href={links.explorer}>
                    {t("explorer")}
                  </Link>{" "}
                  ·{" "}
                  <Link className="text-accent underline" href={links.build}>
                    {t("build")}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {chance ? (
        <p className="mt-1 text-xs text-muted" data-testid="lab-cam-chance">
          {t("chance", { pointing: pct(chance.pointing), energy: pct(chance.energy) })}
          {chance.pointingFixed !== null && chance.energyCentre !== null
            ? ` ${t("chanceFixed", { pointing: pct(chance.pointingFixed), energy: pct(chance.energyCentre) })}`
            : null}
        </p>
      ) : null}
    </div>
  );
}
