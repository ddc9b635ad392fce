"use client";
/** Figure 8 in miniature, measured: test accuracy against MACs per strategy, mean ± spread over seeds. */
import { useTranslations } from "next-intl";
import {
  CartesianGrid,
  ErrorBar,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";

import { linearTicks } from "@/components/charts/chartData";
import { CHART_THEMES, useIsDark } from "@/components/charts/useIsDark";
import { formatSig } from "@/lib/format";
import { summarize, type ExperimentResult } from "@/lib/lab/results";

import { LAB_COLOR } from "./colors";
import { useStrategyLabel } from "./i18n";

export function ResultsChart({ result }: { result: ExperimentResult }) {
  const theme = CHART_THEMES[useIsDark() ? "dark" : "light"];
  const rows = summarize(result.runs);
  const t = useTranslations("lab.results");
  const strategy = useStrategyLabel();
  const macs = result.runs.map((r) => r.macs);
  const x = linearTicks(Math.min(...macs), Math.max(...macs), 1e6);
  return (
    <figure className="min-w-0" data-testid="lab-results-chart">
      <figcaption className="mb-1 text-sm font-semibold">{t("chart")}</figcaption>
      <div className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 5, right: 10, bottom: 15, left: 0 }}>
            <CartesianGrid stroke={theme.grid} />
            <XAxis
              type="number"
              dataKey="x"
              name="MACs"
              stroke={theme.muted}
              tick={{ fontSize: 11 }}
              domain={x.domain}
              ticks={x.ticks}
              tickFormatter={(v: number) => (v / 1e6).toFixed(x.decimals) + "M"}
            />
            <YAxis
              type="number"
              dataKey="y"
              name={t("accuracy")}
              unit="%"
              stroke={theme.muted}
              tick={{ fontSize: 11 }}
              domain={["auto", "auto"]}
            />
            <ZAxis range={[70, 70]} />
            <Tooltip
              contentStyle={{ background: theme.background, color: theme.text }}
              formatter={(v) => (typeof v === "number" ? formatSig(v, 4) : String(v))}
            />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {rows.map((r) => (
              <Scatter
                key={r.strategy}
                name={
                  r.n > 1
                    ? t("seriesSeeds", { name: strategy(r.strategy), n: r.n })
                    : strategy(r.strategy)
                }
                data={[{ x: r.macs, y: r.testAccuracyMean * 100, err: r.testAccuracyStd * 100 }]}
                fill={LAB_COLOR[r.strategy]}
                isAnimationActive={false}
              >
                <ErrorBar dataKey="err" direction="y" stroke={LAB_COLOR[r.strategy]} width={6} />
              </Scatter>
            ))}
            {rows.map((r) => (
              <Scatter
                key={`${r.strategy}-seeds`}
                legendType="none"
                name={t("seeds", { name: strategy(r.strategy) })}
                data={result.runs
                  .filter((x) => x.strategy === r.strategy)
                  .map((x) => ({ x: x.macs, y: x.testAccuracy * 100 }))}
                fill={LAB_COLOR[r.strategy]}
                fillOpacity={0.35}
                shape="diamond"
                isAnimationActive={false}
              />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <p className="mt-1 text-xs text-muted">{t("chartNote")}</p>
    </figure>
  );
}
