"use client";
/** One row per strategy: w, d, r, MACs, parameters, training time, accuracy mean and spread, links. */
import Link from "next/link";

import { formatSig } from "@/lib/format";
import { summarize, type ExperimentResult } from "@/lib/lab/results";
import { runLinks } from "@/lib/lab/state";
import { STRATEGY_INFO } from "@/lib/lab/strategies";

import { formatMs, LAB_COLOR, pct } from "./colors";

export function ResultsTable({ result }: { result: ExperimentResult }) {
  const rows = summarize(result.runs);
  const classes = result.dataset.classes.length;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm tabular-nums" data-testid="lab-results-table">
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="py-1 pr-3">strategy</th>
            <th className="pr-3">w</th>
            <th className="pr-3">d</th>
            <th className="pr-3">r</th>
            <th className="pr-3">MACs</th>
            <th className="pr-3">params</th>
            <th className="pr-3">train time</th>
            <th className="pr-3">test acc.</th>
            <th className="pr-3">pointing</th>
            <th className="pr-3">energy in box</th>
            <th>open</th>
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
                  {STRATEGY_INFO[s.strategy].label}
                </td>
                <td className="pr-3">{formatSig(r.width, 3)}</td>
                <td className="pr-3">{formatSig(r.depth, 3)}</td>
                <td className="pr-3">{r.resolution}</td>
                <td className="pr-3">{formatSig(r.macs / 1e6, 3)}M</td>
                <td className="pr-3">{formatSig(r.trainableParams / 1e3, 3)}k</td>
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
                    explorer
                  </Link>{" "}
                  ·{" "}
                  <Link className="text-accent underline" href={links.build}>
                    build
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
