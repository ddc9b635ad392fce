"use client";
/** Live learning curves: validation accuracy per epoch, one line per run. */
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { useStore } from "zustand";

import { Card } from "@/components/build/ui";
import { CHART_THEMES, useIsDark } from "@/components/charts/useIsDark";

import { LAB_COLOR } from "./colors";
import type { LabStore } from "./store";

export const CurvesChart = memo(function CurvesChart({ store }: { store: LabStore }) {
  const curves = useStore(store, (s) => s.curves);
  const plan = useStore(store, (s) => s.plan);
  const theme = CHART_THEMES[useIsDark() ? "dark" : "light"];
  const t = useTranslations("lab.curves");
  const ids = Object.keys(curves);
  if (!ids.length) return null;
  const epochs = Math.max(...ids.map((id) => curves[id]!.length));
  const data = Array.from({ length: epochs }, (_, i) => {
    const row: Record<string, number> = { epoch: i + 1 };
    for (const id of ids) {
      const p = curves[id]![i];
      if (p) row[id] = p.valAccuracy * 100;
    }
    return row;
  });
  return (
    <Card title={t("title")} id="lab-curves">
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
            <CartesianGrid stroke={theme.grid} />
            <XAxis dataKey="epoch" stroke={theme.muted} tick={{ fontSize: 11 }} />
            <YAxis stroke={theme.muted} tick={{ fontSize: 11 }} unit="%" domain={[0, 100]} />
            <Tooltip contentStyle={{ background: theme.background, color: theme.text }} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {ids.map((id) => {
              const strategy = plan.find((r) => r.id === id)?.strategy ?? "base";
              return (
                <Line
                  key={id}
                  dataKey={id}
                  stroke={LAB_COLOR[strategy]}
                  dot
                  isAnimationActive={false}
                />
              );
            })}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
});
