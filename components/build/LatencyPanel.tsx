"use client";
/**
 * Paper table 4 on this device: every baseline and EfficientNet preset built and timed in
 * the build worker, cheapest first, within a time budget the user sets (progress, cancel),
 * plotted against MACs beside the paper's figures, exportable as CSV.
 */
import dynamic from "next/dynamic";
import { useMemo, useRef, useState } from "react";

import { DownloadButton } from "@/components/ui/DownloadButton";
import { MIME } from "@/components/ui/download";
import { isCancelled, type Job, type WorkerClient } from "@/components/ui/workerClient";
import { formatCompact } from "@/lib/format";
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
import { btn, btnPrimary, Card, input, ProgressBar } from "./ui";

const LatencyChart = dynamic(() => import("./LatencyChart"), {
  ssr: false,
  loading: () => <div className="h-[360px] animate-pulse rounded-lg border border-border" />,
});

type Client = WorkerClient<ToWorker, FromWorker, (typeof BUILD_PROTOCOL)["final"]>;

const FIELD_LABEL: Record<string, string> = {
  budgetSec: "Time budget",
  runs: "Runs per net",
};

function ms(v: number | undefined): string {
  return v === undefined ? "–" : v < 10 ? v.toFixed(2) : v.toFixed(1);
}

export function LatencyPanel({ client, prefer }: { client: Client; prefer: BackendPreference }) {
  const [budget, setBudget] = useState(String(LATENCY_DEFAULTS.budgetSec));
  const [runs, setRuns] = useState(String(LATENCY_DEFAULTS.runs));
  const [formError, setFormError] = useState<string | null>(null);
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
      const label = e instanceof ConfigError ? (FIELD_LABEL[e.option] ?? e.option) : "";
      setFormError(
        `${label}: ${e instanceof ConfigError ? e.message.slice(e.option.length + 2) : String(e)}`,
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
      title="Latency on this device (paper table 4)"
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
            Download CSV
          </DownloadButton>
        ) : null
      }
    >
      <p className="mb-3 max-w-prose text-xs text-muted">
        Builds each of the {candidates.length} networks below (every baseline, and EfficientNet B0
        and up to {formatCompact(LATENCY_DEFAULTS.maxMacsB * 1e9)} MACs) in the worker, cheapest
        first, and times batch-1 inference with random weights on the backend chosen above. No new
        network starts once the time budget is spent (the one running finishes). The paper timed on
        one Xeon core; this runs on your browser&apos;s backend, so compare shapes, not values.
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-xs">
          <span className="text-muted">Time budget (s)</span>
          <input
            className={`${input} w-24`}
            inputMode="decimal"
            value={budget}
            onChange={(e) => setBudget(e.currentTarget.value)}
            disabled={running}
            data-testid="latency-budget"
            aria-describedby="latency-budget-range"
          />
          <span id="latency-budget-range" className="sr-only">
            from {L.budgetSec.min} to {L.budgetSec.max} seconds
          </span>
        </label>
        <label className="text-xs">
          <span className="text-muted">Runs per net</span>
          <input
            className={`${input} w-20`}
            inputMode="numeric"
            value={runs}
            onChange={(e) => setRuns(e.currentTarget.value)}
            disabled={running}
            data-testid="latency-runs"
          />
        </label>
        {running ? (
          <button type="button" className={btn} onClick={cancel} data-testid="latency-cancel">
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className={btnPrimary}
            onClick={() => void run()}
            data-testid="latency-run"
          >
            {table ? "Time again" : "Time the networks"}
          </button>
        )}
      </div>
      {formError && (
        <p role="alert" className="mt-2 text-sm text-rose-600 dark:text-rose-400">
          {formError}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-600 dark:text-rose-400">
          The latency run failed: {error}
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
            <ProgressBar
              value={progress.done}
              max={progress.total}
              label="Latency sweep progress"
            />
            <p className="text-xs text-muted">
              {progress.done} of {progress.total} done
              {progress.current ? ` · ${progress.current}` : ""} ·{" "}
              {(progress.elapsedMs / 1000).toFixed(1)} s of {budget} s
            </p>
          </>
        )}
        {table && (
          <p className="text-xs text-muted">
            {timed.length} of {table.rows.length} timed in {(table.elapsedMs / 1000).toFixed(1)} s
            on {table.backend}
            {table.complete ? "." : "; the budget ran out before the rest (raise it to time them)."}
          </p>
        )}
      </div>
      {(rows.length > 0 || table) && (
        <div className="mt-3 grid gap-4 xl:grid-cols-2">
          <div className="overflow-x-auto">
            <table className="w-full text-sm tabular-nums" data-testid="latency-table">
              <thead className="text-left text-xs text-muted">
                <tr>
                  <th className="py-1 pr-2 font-medium">Network</th>
                  <th className="py-1 pr-2 text-right font-medium">px</th>
                  <th className="py-1 pr-2 text-right font-medium">MACs</th>
                  <th className="py-1 pr-2 text-right font-medium">Mean ms</th>
                  <th className="py-1 pr-2 text-right font-medium">Median ms</th>
                  <th className="py-1 font-medium">Status</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key} className="border-t border-border" data-status={r.status}>
                    <td className="py-1 pr-2">{r.label}</td>
                    <td className="py-1 pr-2 text-right">{r.resolution}</td>
                    <td className="py-1 pr-2 text-right">{formatCompact(r.macs)}</td>
                    <td className="py-1 pr-2 text-right">{ms(r.meanMs)}</td>
                    <td className="py-1 pr-2 text-right">{ms(r.medianMs)}</td>
                    <td className="py-1 text-xs text-muted">
                      {r.status === "timed" ? `${r.runs} runs` : (r.note ?? r.status)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {timed.length > 0 && <LatencyChart rows={rows} backend={backend || "?"} />}
        </div>
      )}
    </Card>
  );
}
