"use client";
/** Training progress: each run in training (epoch, batch, loss), the share done and ETA, backend with reasons, pause/resume/cancel. */
import { useTranslations } from "next-intl";
import { useStore } from "zustand";

import { btn, Card, ProgressBar } from "@/components/build/ui";
import { useMsgPartsText } from "@/components/i18n/useMsg";
import { BACKEND_LABELS } from "@/lib/tfjs/backend-info";

import { useBackendText, useFormatMs, useLabRich } from "./i18n";
import type { LabStore } from "./store";

export function ProgressPanel({
  store,
  onPause,
  onResume,
  onCancel,
}: {
  store: LabStore;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}) {
  const status = useStore(store, (s) => s.status);
  const p = useStore(store, (s) => s.progress);
  const backend = useStore(store, (s) => s.backend);
  const error = useStore(store, (s) => s.error);
  const t = useTranslations("lab.progress");
  const rich = useLabRich();
  const formatMs = useFormatMs();
  const backendText = useBackendText();
  const reasonText = useMsgPartsText();
  if (status === "idle" && !error) return null;
  const live = status === "running" || status === "paused" || status === "starting";
  return (
    <Card
      title={t("title")}
      id="lab-progress"
      actions={
        live ? (
          <div className="flex gap-2">
            {status === "paused" ? (
              <button type="button" className={btn} onClick={onResume} data-testid="lab-resume">
                {t("resume")}
              </button>
            ) : (
              <button
                type="button"
                className={btn}
                onClick={onPause}
                disabled={status !== "running"}
                data-testid="lab-pause"
              >
                {t("pause")}
              </button>
            )}
            <button type="button" className={btn} onClick={onCancel} data-testid="lab-cancel">
              {t("cancel")}
            </button>
          </div>
        ) : null
      }
    >
      <p className="text-sm" data-testid="lab-status" role="status">
        {status === "starting" && t("starting")}
        {status === "running" &&
          p?.active.map((r) => (
            <span key={r.runId} className="block">
              {rich("progress.running", {
                run: r.runIndex + 1,
                total: p.runTotal,
                id: r.runId,
                epoch: r.epoch,
                epochs: r.epochs,
                step: r.step,
                steps: r.totalSteps,
                loss: Number.isFinite(r.loss) ? r.loss.toFixed(3) : "–",
              })}
            </span>
          ))}
        {status === "running" && !p && t("rendering")}
        {status === "paused" && t("paused")}
        {status === "done" && t("done")}
        {status === "cancelled" && t("cancelled")}
        {status === "error" && (
          <span className="text-red-600 dark:text-red-400">
            {rich("progress.error", { detail: error ?? "" })}
          </span>
        )}
      </p>
      {p && live && (
        <div className="mt-2 space-y-1">
          <ProgressBar value={p.share} max={1} label={t("bar")} />
          <p className="text-xs text-muted">
            {t("share", { pct: Math.round(p.share * 100) })}
            {p.etaMs !== null ? t("eta", { time: formatMs(p.etaMs) }) : ""}
          </p>
        </div>
      )}
      {backend && (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer">
            {rich("progress.backend", { detail: backendText(backend) })}
          </summary>
          <ul className="mt-1 space-y-0.5">
            {backend.checks.map((c) => (
              <li key={c.name}>
                {rich("progress.check", {
                  name: BACKEND_LABELS[c.name],
                  status: t(`status.${c.status}`),
                  reason: reasonText(c.msgs, c.reason),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}
