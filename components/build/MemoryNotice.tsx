"use client";
/** Memory the build will need (from the calculator) against this device's budget. */
import { useTranslations } from "next-intl";

import type { MemoryBudget, MemoryEstimate } from "@/lib/tfjs/memory-estimate";
import { formatBytes } from "@/lib/format";

import { MsgText } from "@/components/i18n/MsgText";
import { btn, btnPrimary } from "./ui";

export function MemoryNotice({
  estimate,
  budget,
  over,
  confirming,
  onGo,
  onCancel,
}: {
  estimate: MemoryEstimate;
  budget: MemoryBudget;
  over: boolean;
  confirming: boolean;
  onGo: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("build.memory");
  const b = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  const figures = () =>
    t.rich("figures", {
      b,
      weights: formatBytes(estimate.weightBytes),
      fused: formatBytes(estimate.fusedBytes),
      batch: estimate.batch,
      activations: formatBytes(estimate.activationBytes),
      total: formatBytes(estimate.totalBytes),
    });
  const src = () => <MsgText m={budget.sourceMsg} english={budget.source} />;
  if (!over) {
    return (
      <p className="text-xs text-muted" data-testid="memory-estimate" data-over="false">
        {t.rich("estimate", { fig: figures, src, budget: formatBytes(budget.bytes) })}
      </p>
    );
  }
  return (
    <div
      role="alert"
      data-testid="memory-estimate"
      data-over="true"
      className="rounded-lg border border-amber-400/70 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-500/50 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="font-semibold">{t("heavy")}</p>
      <p className="mt-1">
        {t.rich("needs", { fig: figures, src, b, budget: formatBytes(budget.bytes) })}
      </p>
      {confirming && (
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="button" className={btnPrimary} onClick={onGo} data-testid="memory-go">
            {t("go")}
          </button>
          <button type="button" className={btn} onClick={onCancel} data-testid="memory-cancel">
            {t("dont")}
          </button>
        </div>
      )}
    </div>
  );
}
