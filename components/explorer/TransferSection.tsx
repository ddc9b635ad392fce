"use client";
/**
 * Transfer learning (paper section 5.3): table 5 and figure 6's accuracy-against-parameters
 * panels, one per dataset. Static published data: it never reads the explorer's store.
 */
import dynamic from "next/dynamic";

import { transferPanels } from "@/components/charts/transferData";
import { TABLE5, TABLE5_GEO_MEAN } from "@/lib/paper";

const TransferChart = dynamic(() => import("@/components/charts/TransferChart"), {
  ssr: false,
  loading: () => (
    <div
      className="h-[330px] animate-pulse rounded-lg border border-border bg-surface"
      aria-label="Loading chart"
    />
  ),
});

const PANELS = transferPanels();

const acc = (v: number, bold: boolean) => (
  <span className={bold ? "font-semibold" : undefined}>{v.toFixed(1)}%</span>
);
const params = (v: number | null) => (v === null ? "–" : `${v}M`);

export function TransferSection() {
  return (
    <section aria-labelledby="transfer-h" className="space-y-3" data-testid="transfer-section">
      <h2 id="transfer-h" className="text-lg font-semibold">
        Transfer learning{" "}
        <span className="text-sm font-normal text-muted">(paper table 5, figure 6)</span>
      </h2>
      <p className="max-w-prose text-sm text-muted">
        ImageNet-pretrained networks fine-tuned on eight datasets. Against the best public models
        EfficientNet uses {TABLE5_GEO_MEAN.publicModels}× fewer parameters on geometric mean;
        against the best reported results (GPipe, DAT), {TABLE5_GEO_MEAN.reported}× fewer, and is
        best on {TABLE5.filter((r) => r.reported.ours.bold).length} of {TABLE5.length} datasets.
      </p>
      <div className="overflow-x-auto rounded-lg border border-border" tabIndex={0}>
        <table className="w-full text-sm tabular-nums" data-testid="transfer-table">
          <thead className="bg-background text-left text-xs text-muted">
            <tr>
              <th className="px-2 py-1.5 font-medium">Dataset</th>
              <th className="px-2 py-1.5 font-medium">Best public</th>
              <th className="px-2 py-1.5 font-medium">EfficientNet</th>
              <th className="px-2 py-1.5 font-medium">Best reported</th>
              <th className="px-2 py-1.5 font-medium">EfficientNet</th>
              <th className="px-2 py-1.5 font-medium">Row</th>
            </tr>
          </thead>
          <tbody>
            {TABLE5.map((r) => (
              <tr key={r.dataset} className="border-t border-border" title={r.note}>
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
                    {params(r.publicModels.ours.paramsM)} ({r.publicModels.ratio}×)
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
                  {r.source.table}.{r.source.row}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-muted">
        Bold: the better of each pair as printed. Ratios are the paper&apos;s (their parameters over
        ours); the Oxford-IIIT Pets ratio 5.6× is printed although 58M / 17M is 3.4×.
      </p>
      <div className="grid gap-4 md:grid-cols-2" data-testid="transfer-charts">
        {PANELS.map((p) => (
          <TransferChart key={p.dataset} panel={p} />
        ))}
      </div>
      <p className="text-xs text-muted">
        Figure 6 draws full accuracy-against-parameters curves (ResNet, DenseNet, Inception, NASNet
        families), but its points are not printed in the paper&apos;s text; these panels plot what
        table 5 gives: per dataset, the best public model and the best reported result with the
        EfficientNet compared against each. Table 6 (the datasets&apos; sizes) is referenced but not
        printed either.
      </p>
    </section>
  );
}
