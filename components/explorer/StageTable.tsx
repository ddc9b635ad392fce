"use client";
/** The scaled network's stages in the form of the paper's table 1, with per-stage cost. */
import { useTranslations } from "next-intl";

import { csvFile } from "@/components/ui/download";
import { DownloadButton } from "@/components/ui/DownloadButton";
import { formatCompact, formatInt } from "@/lib/format";
import type { StageRow } from "@/lib/cost/analyze";

import { slug } from "./csv";
import { useExplorer } from "./store";

const HEADER = [
  "stage",
  "operator",
  "resolution",
  "channels",
  "layers",
  "trainable_params",
  "non_trainable_params",
  "macs",
] as const;

function cells(s: StageRow): (string | number)[] {
  return [
    s.index + 1,
    s.operator,
    `${s.inRes[0]}x${s.inRes[1]}`,
    s.outChannels,
    s.repeats,
    s.trainableParams,
    s.nonTrainableParams,
    s.macs,
  ];
}

export function StageTable() {
  const stages = useExplorer((s) => s.calc.stages);
  const base = useExplorer((s) => s.baseline.stages);
  const query = useExplorer((s) => s.query);
  const total = stages.reduce((a, s) => a + s.macs, 0);
  const t = useTranslations("explorer.stages");
  return (
    <section aria-labelledby="stages-h" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="stages-h" className="text-lg font-semibold">
          {t("heading")} <span className="text-sm font-normal text-muted">{t("form")}</span>
        </h2>
        <DownloadButton
          variant="small"
          testId="stages-csv"
          make={() => csvFile(`stages-${slug(query)}.csv`, HEADER, stages.map(cells))}
        >
          {t("exportCsv")}
        </DownloadButton>
      </div>
      <div className="overflow-x-auto rounded-lg border border-border" tabIndex={0}>
        <table className="w-full text-sm tabular-nums" data-testid="stage-table">
          <thead className="bg-background text-left text-xs text-muted">
            <tr>
              <th scope="col" className="px-2 py-1.5">
                {t("stage")}
              </th>
              <th scope="col" className="px-2 py-1.5">
                {t("operator")}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right">
                {t("resolution")}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right">
                {t("channels")}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right">
                {t("layers")}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right">
                {t("params")}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right">
                {t("macs")}
              </th>
              <th scope="col" className="hidden px-2 py-1.5 sm:table-cell">
                {t("share")}
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s, i) => {
              const b = base[i];
              const grew = (x: number, y: number | undefined) =>
                y !== undefined && x !== y ? "font-semibold text-accent" : "";
              return (
                <tr key={s.index} className="border-t border-border">
                  <td className="px-2 py-1">{s.index + 1}</td>
                  <td className="px-2 py-1 whitespace-nowrap" translate="no">
                    {s.operator}
                  </td>
                  <td className={`px-2 py-1 text-right ${grew(s.inRes[0], b?.inRes[0])}`}>
                    {s.inRes[0]}×{s.inRes[1]}
                  </td>
                  <td className={`px-2 py-1 text-right ${grew(s.outChannels, b?.outChannels)}`}>
                    {s.outChannels}
                  </td>
                  <td className={`px-2 py-1 text-right ${grew(s.repeats, b?.repeats)}`}>
                    {s.repeats}
                  </td>
                  <td
                    className="px-2 py-1 text-right"
                    title={formatInt(s.trainableParams + s.nonTrainableParams)}
                  >
                    {formatCompact(s.trainableParams + s.nonTrainableParams)}
                  </td>
                  <td className="px-2 py-1 text-right" title={formatInt(s.macs)}>
                    {formatCompact(s.macs)}
                  </td>
                  <td className="hidden w-28 px-2 py-1 sm:table-cell">
                    <div className="h-1.5 rounded bg-border">
                      <div
                        className="h-1.5 rounded bg-accent"
                        style={{ width: `${total ? (100 * s.macs) / total : 0}%` }}
                      />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-muted">{t("caption")}</p>
    </section>
  );
}
