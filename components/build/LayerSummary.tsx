"use client";
/** The built model's layers (from tfjs), grouped by stage, checked against the calculator. */
import { useTranslations } from "next-intl";

import type { Calculation } from "@/lib/calculator";
import type { LayerSummaryRow } from "@/lib/tfjs/build-protocol";
import { formatInt } from "@/lib/format";

import { Card, shape } from "./ui";

export function LayerSummary({
  calc,
  rows,
}: {
  calc: Calculation;
  rows: readonly LayerSummaryRow[];
}) {
  const t = useTranslations("build.layers");
  const byStage = calc.stages.map((s) => ({
    stage: s,
    rows: [] as { row: LayerSummaryRow; expected: number }[],
  }));
  rows.forEach((row, i) => {
    const spec = calc.spec.layers[i];
    const calcRow = calc.layers[i];
    if (!spec || !calcRow) return;
    byStage[spec.stage]?.rows.push({
      row,
      expected: calcRow.trainableParams + calcRow.nonTrainableParams,
    });
  });
  return (
    <Card id="layer-summary" title={t("title", { n: formatInt(rows.length) })}>
      <div className="space-y-2">
        {byStage.map(({ stage, rows: rs }) => {
          const params = rs.reduce((a, r) => a + r.row.params, 0);
          const bad = rs.filter((r) => r.row.params !== r.expected).length;
          return (
            <details
              key={stage.index}
              className="group rounded-md border border-border bg-background/40"
              data-testid="stage-group"
              data-stage={stage.index}
            >
              <summary className="flex cursor-pointer list-none flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2 text-sm select-none">
                <span
                  aria-hidden
                  className="inline-block w-3 text-muted transition-transform group-open:rotate-90"
                >
                  {"▸"}
                </span>
                <span className="font-medium">
                  {t.rich("stage", {
                    data: (chunks) => <span translate="no">{chunks}</span>,
                    n: stage.index + 1,
                    operator: stage.operator,
                  })}
                </span>
                <span className="text-xs text-muted">
                  {stage.repeats > 1 ? t("blocks", { n: stage.repeats }) : ""}
                  {`${stage.outRes[0]}×${stage.outRes[1]}×${stage.outChannels}`}
                </span>
                <span className="ml-auto font-mono text-xs tabular-nums">
                  {t("params", { params: formatInt(params), n: rs.length })}
                  {bad > 0 && <span className="ml-2 text-rose-600">{t("differ", { n: bad })}</span>}
                </span>
              </summary>
              <div className="overflow-x-auto border-t border-border" tabIndex={0}>
                <table className="w-full text-left text-xs">
                  <thead className="text-muted">
                    <tr>
                      <th className="px-3 py-1.5 font-medium">{t("layer")}</th>
                      <th className="px-3 py-1.5 font-medium">{t("type")}</th>
                      <th className="px-3 py-1.5 font-medium">{t("shape")}</th>
                      <th className="px-3 py-1.5 text-right font-medium">{t("paramsHead")}</th>
                    </tr>
                  </thead>
                  <tbody className="font-mono tabular-nums">
                    {rs.map(({ row, expected }) => (
                      <tr key={row.name} className="border-t border-border/60">
                        <td className="px-3 py-1 whitespace-nowrap" translate="no">
                          {row.name}
                        </td>
                        <td className="px-3 py-1" translate="no">
                          {row.className}
                        </td>
                        <td className="px-3 py-1 whitespace-nowrap">{shape(row.outShape)}</td>
                        <td
                          className={`px-3 py-1 text-right ${row.params !== expected ? "text-rose-600" : ""}`}
                          title={
                            row.params !== expected
                              ? t("calculator", { n: formatInt(expected) })
                              : undefined
                          }
                        >
                          {formatInt(row.params)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          );
        })}
      </div>
    </Card>
  );
}
