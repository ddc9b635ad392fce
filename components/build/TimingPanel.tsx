"use client";
/** Inference timing: warm-up, N runs, median / p90, GMAC/s; random or uploaded image. */
import { useTranslations } from "next-intl";
import { useState } from "react";

import type { TopClass } from "@/lib/tfjs/build-protocol";
import { checkCount, type TimingStats } from "@/lib/tfjs/timing-stats";
import { formatSig } from "@/lib/format";

import { ErrorDetail } from "@/components/i18n/MsgText";
import { btn, btnPrimary, Card, input, ProgressBar, Stat } from "./ui";

export interface TimingResult {
  readonly stats: TimingStats;
  readonly source: "random" | "upload";
  readonly backend: string;
  readonly fileName?: string;
  readonly imageSize?: readonly [number, number];
  readonly top?: readonly TopClass[];
}

export interface TimingRequest {
  readonly runs: number;
  readonly warmup: number;
  readonly batch: number;
  readonly file?: File;
}

const BATCHES = [1, 2, 4, 8, 16, 32];

export function TimingPanel({
  enabled,
  running,
  error,
  results,
  labels,
  onRun,
  onCancel,
}: {
  enabled: boolean;
  running: { done: number; total: number } | null;
  error: string | null;
  results: readonly TimingResult[];
  labels: readonly string[] | null;
  onRun: (r: TimingRequest) => void;
  onCancel: () => void;
}) {
  const [runs, setRuns] = useState("20");
  const [warmup, setWarmup] = useState("3");
  const [batch, setBatch] = useState("1");
  const [file, setFile] = useState<File | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const t = useTranslations("build.timing");
  const data = (chunks: React.ReactNode) => <span translate="no">{chunks}</span>;

  const start = (withFile: boolean): void => {
    try {
      const r = {
        runs: checkCount("runs", runs),
        warmup: checkCount("warmup", warmup),
        batch: checkCount("batch", batch),
      };
      if (withFile && !file) throw new Error(t("noFile"));
      setFormError(null);
      onRun(withFile && file ? { ...r, file } : r);
    } catch (e) {
      setFormError(e instanceof Error ? e.message : String(e));
    }
  };
  const busy = running !== null;

  return (
    <Card id="timing-panel" title={t("title")}>
      <p className="mb-3 text-xs text-muted">{t("intro")}</p>
      <div className="grid grid-cols-3 gap-2 sm:max-w-md">
        <label className="text-xs">
          <span className="text-muted">{t("runs")}</span>
          <input
            className={input}
            inputMode="numeric"
            value={runs}
            onChange={(e) => setRuns(e.target.value)}
            data-testid="timing-runs"
          />
        </label>
        <label className="text-xs">
          <span className="text-muted">{t("warmup")}</span>
          <input
            className={input}
            inputMode="numeric"
            value={warmup}
            onChange={(e) => setWarmup(e.target.value)}
            data-testid="timing-warmup"
          />
        </label>
        <label className="text-xs">
          <span className="text-muted">{t("batch")}</span>
          <select
            className={input}
            value={batch}
            onChange={(e) => setBatch(e.target.value)}
            data-testid="timing-batch"
          >
            {BATCHES.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={btnPrimary}
          disabled={!enabled || busy}
          onClick={() => start(false)}
          data-testid="time-random"
        >
          {t("timeRandom")}
        </button>
        <label className={`${btn} cursor-pointer`}>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif,image/bmp"
            className="sr-only"
            data-testid="timing-file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {file ? t.rich("image", { data, name: file.name }) : t("choose")}
        </label>
        <button
          type="button"
          className={btn}
          disabled={!enabled || busy || !file}
          onClick={() => start(true)}
          data-testid="time-upload"
        >
          {t("timeThis")}
        </button>
        {busy && (
          <button type="button" className={btn} onClick={onCancel} data-testid="timing-cancel">
            {t("cancel")}
          </button>
        )}
      </div>
      {busy && running && (
        <div className="mt-3 space-y-1" data-testid="timing-progress">
          <ProgressBar value={running.done} max={running.total} label={t("progressLabel")} />
          <p className="text-xs text-muted">
            {running.done === 0
              ? t("warming")
              : t("runOf", { done: running.done, total: running.total })}
          </p>
        </div>
      )}
      {(formError ?? error) && (
        <p
          role="alert"
          className="mt-3 text-sm text-rose-600 dark:text-rose-400"
          data-testid="timing-error"
        >
          <ErrorDetail lead={t("errorLead")} detail={(formError ?? error)!} />
        </p>
      )}
      {results.map((r) => (
        <div key={r.source} className="mt-4" data-testid={`timing-result-${r.source}`}>
          <h3 className="mb-2 text-sm font-medium">
            {r.source === "random" ? t("random") : t("uploaded")}
            {r.source !== "random" && r.fileName ? (
              <>
                {" · "}
                <span translate="no">{r.fileName}</span>
              </>
            ) : null}
            {r.imageSize && (
              <span className="text-xs font-normal text-muted">
                {" "}
                {t("resized", { w: r.imageSize[0], h: r.imageSize[1] })}
              </span>
            )}
            <span className="text-xs font-normal text-muted">
              {" · "}
              <span translate="no">{r.backend}</span>
            </span>
          </h3>
          <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
            <Stat
              label={t("median")}
              value={`${formatSig(r.stats.medianMs, 3)} ms`}
              testId={`timing-median-${r.source}`}
            />
            <Stat label={t("p90")} value={`${formatSig(r.stats.p90Ms, 3)} ms`} />
            <Stat label={t("gmacs")} value={formatSig(r.stats.gmacPerSec, 3)} />
            <Stat label={t("imagesPerSec")} value={formatSig(r.stats.imagesPerSec, 3)} />
            <Stat
              label={t("runsStat")}
              value={t("runsValue", { runs: r.stats.runs, batch: r.stats.batch })}
              note={t("afterWarmup", { n: r.stats.warmup })}
            />
          </dl>
          {r.top && (
            <div className="mt-2 text-xs">
              <p className="text-muted">{t("top")}</p>
              <ol
                className="mt-1 list-decimal pl-5 font-mono"
                data-testid="timing-top"
                translate="no"
              >
                {r.top.map((t) => (
                  <li key={t.index}>
                    {labels?.[t.index] ? `${labels[t.index]} ` : ""}#{t.index} ·{" "}
                    {(t.probability * 100).toFixed(2)}%
                  </li>
                ))}
              </ol>
            </div>
          )}
        </div>
      ))}
    </Card>
  );
}
