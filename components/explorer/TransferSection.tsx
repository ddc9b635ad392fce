"use client";
/**
 * Transfer learning (paper section 5.3): table 5 and figure 6's accuracy-against-parameters
 * panels, one per dataset. Static published data: it never reads the explorer's store.
 */
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";

import { transferPanels } from "@/components/charts/transferData";
import { TABLE5, TABLE5_GEO_MEAN } from "@/lib/paper";

const TransferChart = dynamic(() => import("@/components/charts/TransferChart"), {
  ssr: false,
  loading: () => <ChartPlaceholder />,
});

function ChartPlaceholder() {
  const t = useTranslations("explorer.transfer");
  return (
    <div
      className="h-[330px] animate-pulse rounded-lg border border-border bg-surface"
      aria-label={t("loading")}
    />
  );
}

const PANELS = transferPanels();

const acc = (v: number, bold: boolean) => (
  <span className={bold ? "font-semibold" : undefined}>{v.toFixed(1)}%</span>
);
const params = (v: number | null) => (v === null ? "–" : `${v}M`);

export function TransferSection() {
  const t = useTranslations("explorer.transfer");
  const note = (r: (typeof TABLE5)[number]): string | undefined =>
    r.note === undefined
      ? undefined
      : t.has(`notes.${r.dataset}`)
        ? t(`notes.${r.dataset}`)
        : r.note;
  return (
    <section aria-labelledby="transfer-h" className="space-y-3" data-testid="transfer-section">
      <h2 id="transfer-h" className="text-lg font-semibold">
        {t("heading")} <span className="text-sm font-normal text-muted">{t("source")}</span>
      </h2>
      <p className="max-w-prose text-sm text-muted">
        {t("intro", {
          publicRatio: String(TABLE5_GEO_MEAN.publicModels),
          reportedRatio: String(TABLE5_GEO_MEAN.reported),
          best: String(TABLE5.filter((r) => r.reported.ours.bold).length),
          total: String(TABLE5.length),
        })}
      </p>
      <div className="overflow-x-auto rounded-lg border border-border" tabIndex={0}>
        <table className="w-full text-sm tabular-nums" data-testid="transfer-table">
          <thead className="bg-background text-left text-xs text-muted">
            <tr>
              <th className="px-2 py-1.5 font-medium">{t("dataset")}</th>
              <th className="px-2 py-1.5 font-medium">{t("bestPublic")}</th>
              <th className="px-2 py-1.5 font-medium">{t("efficientnet")}</th>
              <th className="px-2 py-1.5 font-medium">{t("bestReported")}</th>
              <th className="px-2 py-1.5 font-medium">{t("efficientnet")}</th>
              <th className="px-2 py-1.5 font-medium">{t("row")}</th>
            </tr>
          </thead>
          <tbody>
            {TABLE5.map((r) => (
              <tr key={r.dataset} className="border-t border-border" title={note(r)}>
                <td className="px-2 py-1">{r.dataset}</td>
                <td className="px-2 py-1">
                  {r.publicModels.theirs.model}{" "}
                  {acc(r.publicModels.theirs.acc, r.publicModels.theirs.bold)}{" "}
                  <span className="text-muted">{params(r.publicModels.theirs.paramsM)}</span>
                </td>
                <td className="px-2 py-1">
                  {r.publicModels.ours.model.replace("EfficientNet-", "")}{" "}
                  {acc(r.publicModels.ours.acc, r.publicModels.ours.bold)}{" "}
                  <span className="text-muted">
                    {`${params(r.publicModels.ours.paramsM)} (${r.publicModels.ratio}×)`}
                  </span>
                </td>
                <td className="px-2 py-1">
                  {r.reported.theirs.model} {acc(r.reported.theirs.acc, r.reported.theirs.bold)}{" "}
                  <span className="text-muted">{params(r.reported.theirs.paramsM)}</span>
                </td>
                <td className="px-2 py-1">
                  {r.reported.ours.model.replace("EfficientNet-", "")}{" "}
                  {acc(r.reported.ours.acc, r.reported.ours.bold)}{" "}
                  <span className="text-muted">
                    {params(r.reported.ours.paramsM)}
                    {r.reported.ratio !== null ? ` (${r.reported.ratio}×)` : ""}
                  </span>
                </td>
                <td className="px-2 py-1 text-xs text-muted">
                  {`${r.source.table}.${r.source.row}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-muted">{t("bold")}</p>
      <div className="grid gap-4 md:grid-cols-2" data-testid="transfer-charts">
        {PANELS.map((p) => (
          <TransferChart key={p.dataset} panel={p} />
        ))}
      </div>
      <p className="text-xs text-muted">{t("figure6")}</p>
    </section>
  );
}
