"use client";
/**
 * Paper table 4 on this device: every baseline and EfficientNet preset built and timed in
 * the build worker, cheapest first, within a time budget the user sets (progress, cancel),
 * plotted against MACs beside the paper's figures, exportable as CSV.
 */
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useMemo, useRef, useState } from "react";

import { DownloadButton } from "@/components/ui/DownloadButton";
import { MIME } from "@/components/ui/download";
import { isCancelled, type Job, type WorkerClient } from "@/components/ui/workerClient";
import { formatCompact } from "@/lib/format";
import { TABLE4, TABLE4_SETUP, TABLE4_SPEEDUPS } from "@/lib/paper";
import { ConfigError } from "@/lib/scaling/request";
import type { BackendPreference, FromWorker, ToWorker } from "@/lib/tfjs/build-protocol";
import {
  LATENCY_DEFAULTS,
  LATENCY_LIMITS,
  latencyCandidates,
  latencyCsv,
  latencyOptions,
  type LatencyRow,
  type LatencyTable,
} from "@/lib/tfjs/latency-table";

import type { BUILD_PROTOCOL } from "./buildClient";
import { ErrorDetail } from "@/components/i18n/MsgText";
import { btn, btnPrimary, Card, input, ProgressBar } from "./ui";

const LatencyChart = dynamic(() => import("./LatencyChart"), {
  ssr: false,
  loading: () => <div className="h-[360px] animate-pulse rounded-lg border border-border" />,
});

type Client = WorkerClient<ToWorker, FromWorker, (typeof BUILD_PROTOCOL)["final"]>;

const FIELDS = ["budgetSec", "runs"] as const;
const data = (chunks: React.ReactNode) => <span translate="no">{chunks}</span>;

/** The paper's table 4 as printed, shown until this device has rows of its own. */
function PaperTable4() {
  const t = useTranslations("build.latency.paper");
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm tabular-nums" data-testid="paper-table4">
        <caption className="pb-1 text-left text-xs text-muted">
          {t.rich("caption", {
            data,
            cpu: TABLE4_SETUP.cpu,
            cores: TABLE4_SETUP.cores,
            batch: TABLE4_SETUP.batch,
            runs: TABLE4_SETUP.runs,
          })}
        </caption>
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="py-1 pr-2 font-medium">{t("network")}</th>
            <th className="py-1 pr-2 text-right font-medium">{t("top1")}</th>
            <th className="py-1 pr-2 text-right font-medium">{t("latency")}</th>
            <th className="py-1 font-medium">{t("row")}</th>
          </tr>
        </thead>
        <tbody>
          {TABLE4.map((r) => (
            <tr key={r.name} className="border-t border-border">
              <td className="py-1 pr-2" translate="no">
                {r.name}
              </td>
              <td className="py-1 pr-2 text-right">{`${r.top1.toFixed(1)}%`}</td>
              <td className="py-1 pr-2 text-right">
                <Seconds value={r.latencySec} />
              </td>
              <td className="py-1 text-xs text-muted">
                {t("rowRef", {
                  table: r.source.table,
                  row: r.source.row,
                  column: r.source.column,
                })}
              </td>
            </tr>
          ))}
          {TABLE4_SPEEDUPS.map((s) => (
            <tr key={s.ours} className="border-t border-border text-muted">
              <td className="py-1 pr-2" colSpan={2} translate="no">
                {t("vs", { ours: s.ours, baseline: s.baseline })}
              </td>
              <td className="py-1 pr-2 text-right">{t("faster", { speedup: s.speedup })}</td>
              <td className="py-1 text-xs">
                {t("rowRef", {
                  table: s.source.table,
                  row: s.source.row,
                  column: s.source.column,
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Seconds in the page's language ("0.5 s", "0.5 秒"). */
function Seconds({ value }: { value: number | string }) {
  const t = useTranslations("build.view");
  return <>{t("seconds", { value: String(value) })}</>;
}

function ms(v: number | undefined): string {
  return v === undefined ? "–" : v < 10 ? v.toFixed(2) : v.toFixed(1);
}

export function LatencyPanel({ client, prefer }: { client: Client; prefer: BackendPreference }) {
  const t = useTranslations("build.latency");
  const [budget, setBudget] = useState(String(LATENCY_DEFAULTS.budgetSec));
  const [runs, setRuns] = useState(String(LATENCY_DEFAULTS.runs));
  const [formError, setFormError] = useState<{ option: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{
    done: number;
    total: number;
    current: string;
    elapsedMs: number;
  } | null>(null);
  const [rows, setRows] = useState<readonly LatencyRow[]>([]);
  const [table, setTable] = useState<LatencyTable | null>(null);
  const [backend, setBackend] = useState("");
  const job = useRef<Job<unknown> | null>(null);
  const candidates = useMemo(() => latencyCandidates(), []);

  const run = async (): Promise<void> => {
    let options;
    try {
      options = latencyOptions({ budgetSec: budget, runs });
      setFormError(null);
    } catch (e) {
      setFormError(
        e instanceof ConfigError
          ? { option: e.option, text: e.message.slice(e.option.length + 2) }
          : { option: "", text: String(e) },
      );
      return;
    }
    job.current?.cancel();
    setError(null);
    setTable(null);
    setRows([]);
    setProgress({ done: 0, total: candidates.length, current: "", elapsedMs: 0 });
    const j = client.request(
      { type: "latency", prefer, options },
      {
        onProgress: (m) => {
          if (job.current !== j) return;
          if (m.type === "backend") setBackend(m.choice.backend);
          if (m.type === "latency-progress") {
            setProgress({
              done: m.done,
              total: m.total,
              current: m.current,
              elapsedMs: m.elapsedMs,
            });
            setRows(m.rows);
          }
        },
      },
    );
    job.current = j;
    try {
      const m = await j.promise;
      if (job.current !== j) return;
      setTable(m.table);
      setRows(m.table.rows);
      setBackend(m.table.backend);
    } catch (e) {
      if (job.current === j && !isCancelled(e))
        setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (job.current === j) {
        job.current = null;
        setProgress(null);
      }
    }
  };
  const cancel = (): void => {
    job.current?.cancel();
    job.current = null;
    setProgress(null);
  };

  const running = progress !== null;
  const timed = rows.filter((r) => r.status === "timed");
  const L = LATENCY_LIMITS;
  return (
    <Card
      id="latency-panel"
      title={t("title")}
      actions={
        table ? (
          <DownloadButton
            testId="latency-csv"
            make={() => ({
              data: latencyCsv(table),
              filename: "latency-table.csv",
              type: MIME.csv,
            })}
          >
            {t("csv")}
          </DownloadButton>
        ) : null
      }
    >
      <p className="mb-3 max-w-prose text-xs text-muted">
        {t("intro", {
          n: candidates.length,
          macs: formatCompact(LATENCY_DEFAULTS.maxMacsB * 1e9),
        })}
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <label className="w-28 text-xs">
          <span className="text-muted">{t("budget")}</span>
          <input
            className={input}
            inputMode="decimal"
            value={budget}
            onChange={(e) => setBudget(e.currentTarget.value)}
            disabled={running}
            data-testid="latency-budget"
            aria-describedby="latency-budget-range"
          />
          <span id="latency-budget-range" className="sr-only">
            {t("budgetRange", { min: L.budgetSec.min, max: L.budgetSec.max })}
          </span>
        </label>
        <label className="w-24 text-xs">
          <span className="text-muted">{t("runs")}</span>
          <input
            className={input}
            inputMode="numeric"
            value={runs}
            onChange={(e) => setRuns(e.currentTarget.value)}
            disabled={running}
            data-testid="latency-runs"
          />
        </label>
        {running ? (
          <button type="button" className={btn} onClick={cancel} data-testid="latency-cancel">
            {t("cancel")}
          </button>
        ) : (
          <button
            type="button"
            className={btnPrimary}
            onClick={() => void run()}
            data-testid="latency-run"
          >
            {table ? t("again") : t("start")}
          </button>
        )}
      </div>
      {formError && (
        <p role="alert" className="mt-2 text-sm text-rose-600 dark:text-rose-400">
          {(FIELDS as readonly string[]).includes(formError.option)
            ? t("fieldError", { label: t(`field.${formError.option as (typeof FIELDS)[number]}`) })
            : formError.option
              ? `${formError.option}:`
              : ""}{" "}
          <span translate="no">{formError.text}</span>
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-600 dark:text-rose-400">
          <ErrorDetail lead={t("failed")} detail={error} />
        </p>
      )}
      <div
        className="mt-3 space-y-1.5"
        aria-live="polite"
        data-testid="latency-status"
        data-state={running ? "running" : table ? "done" : "idle"}
      >
        {progress && (
          <>
            <ProgressBar value={progress.done} max={progress.total} label={t("progressLabel")} />
            <p className="text-xs text-muted">
              {t("progress", { done: progress.done, total: progress.total })}
              {progress.current ? (
                <>
                  {" · "}
                  <span translate="no">{progress.current}</span>
                </>
              ) : null}
              {" · "}
              {t("elapsed", { elapsed: (progress.elapsedMs / 1000).toFixed(1), budget })}
            </p>
          </>
        )}
        {table && (
          <p className="text-xs text-muted">
            {t("done", {
              timed: timed.length,
              rows: table.rows.length,
              seconds: (table.elapsedMs / 1000).toFixed(1),
              backend: table.backend,
              complete: table.complete ? "yes" : "no",
            })}
          </p>
        )}
      </div>
      <div className="mt-3 grid gap-4 xl:grid-cols-2">
        {rows.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm tabular-nums" data-testid="latency-table">
              <thead className="text-left text-xs text-muted">
                <tr>
                  <th className="py-1 pr-2 font-medium">{t("network")}</th>
                  <th className="py-1 pr-2 text-right font-medium">{"px"}</th>
                  <th className="py-1 pr-2 text-right font-medium">{t("macs")}</th>
                  <th className="py-1 pr-2 text-right font-medium">{t("mean")}</th>
                  <th className="py-1 pr-2 text-right font-medium">{t("median")}</th>
                  <th className="py-1 font-medium">{t("status")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key} className="border-t border-border" data-status={r.status}>
                    <td className="py-1 pr-2" translate="no">
                      {r.label}
                    </td>
                    <td className="py-1 pr-2 text-right">{r.resolution}</td>
                    <td className="py-1 pr-2 text-right">{formatCompact(r.macs)}</td>
                    <td className="py-1 pr-2 text-right">{ms(r.meanMs)}</td>
                    <td className="py-1 pr-2 text-right">{ms(r.medianMs)}</td>
                    <td className="py-1 text-xs text-muted">
                      <RowStatus row={r} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <PaperTable4 />
        )}
        {/* The paper's points from the start; this device's join them as they are timed. */}
        <LatencyChart rows={rows} backend={backend} />
      </div>
    </Card>
  );
}

/** A row's status: runs when timed, why not otherwise (a failure's text is data). */
function RowStatus({ row: r }: { row: LatencyRow }) {
  const t = useTranslations("build.latency");
  if (r.status === "timed") return <>{t("timedRuns", { n: r.runs ?? 0 })}</>;
  if (r.status === "skipped") return <>{t("skipped")}</>;
  if (r.status === "failed" && r.note)
    return <ErrorDetail lead={t("failedLead")} detail={r.note} />;
  return <>{t(`statusName.${r.status}`)}</>;
}
