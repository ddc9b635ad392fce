"use client";
/**
 * /build: the configuration from the URL, built for real in TensorFlow.js inside a Web
 * Worker (progress, cancel), its layer summary checked against the calculator, the backend
 * and why, inference timing, and export. The page itself never imports tfjs.
 */
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";

import { download, MIME } from "@/components/ui/download";
import { useWorkerClient } from "@/components/ui/useWorkerClient";
import { isCancelled, type Job } from "@/components/ui/workerClient";
import type { BackendChoice } from "@/lib/tfjs/backend-info";
import type { BackendPreference, LayerSummaryRow, MemoryFigures } from "@/lib/tfjs/build-protocol";
import { deviceBudget, estimateMemory, overBudget } from "@/lib/tfjs/memory-estimate";
import { formatBytes, formatCompact, formatInt, formatSig } from "@/lib/format";
import { queryString, type StateNote } from "@/lib/state/props";

import { BackendPanel } from "./BackendPanel";
import { ExportPanel } from "./ExportPanel";
import { LatencyPanel } from "./LatencyPanel";
import { LayerSummary } from "./LayerSummary";
import { MemoryNotice } from "./MemoryNotice";
import { parseBuildQuery } from "./query";
import { TimingPanel, type TimingRequest, type TimingResult } from "./TimingPanel";
import { btn, btnPrimary, Card, ProgressBar, Stat } from "./ui";
import { BUILD_PROTOCOL, createBuildWorker } from "./buildClient";
import { ErrorDetail, NoteText } from "@/components/i18n/MsgText";

type Phase =
  | { kind: "idle" }
  | { kind: "confirm" }
  | { kind: "building"; id: number; done: number; total: number; layer: string; elapsedMs: number }
  | { kind: "built" }
  | { kind: "cancelled" }
  | { kind: "error"; message: string };

interface Built {
  readonly params: number;
  readonly buildMs: number;
  readonly layers: readonly LayerSummaryRow[];
  readonly fusedSteps: number;
  readonly memory: MemoryFigures;
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

interface DeviceInfo {
  readonly mem?: number;
  readonly isolated: boolean | null;
}
let deviceCache: DeviceInfo | null = null;
/** navigator.deviceMemory (Chrome; GB, capped at 8) and cross-origin isolation; fixed per page. */
function deviceSnapshot(): DeviceInfo {
  if (!deviceCache) {
    const mem = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
    deviceCache = { ...(mem ? { mem } : {}), isolated: self.crossOriginIsolated === true };
  }
  return deviceCache;
}
const SERVER_DEVICE: DeviceInfo = { isolated: null };
const serverDevice = (): DeviceInfo => SERVER_DEVICE;
const noSubscribe = (): (() => void) => () => {};

const locationQuery = (): string => queryString(window.location.search);

/** Keys the link carried that were not used (unknown, repeated, empty), as on every page. */
function LinkNotes({ notes }: { notes: readonly StateNote[] }) {
  const t = useTranslations("build.view");
  if (notes.length === 0) return null;
  return (
    <div
      role="status"
      data-testid="notes"
      className="rounded-lg border border-amber-500/60 bg-amber-500/10 p-3 text-sm"
    >
      <p className="font-medium">{t("linkIgnored")}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {notes.map((n, i) => (
          <li key={i} data-testid="note" data-key={n.key}>
            <NoteText note={n} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function BuildView({ query }: { query: string }) {
  // The server hands over Next's reading of the query, which drops a "__proto__" key;
  // after hydration the address bar's exact link is read instead.
  const loaded = useSyncExternalStore(
    noSubscribe,
    () => locationQuery() || query,
    () => query,
  );
  const parsed = useMemo(() => parseBuildQuery(loaded), [loaded]);
  const tv = useTranslations("build.view");
  if (!parsed.ok) {
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{tv("title")}</h1>
        <LinkNotes notes={parsed.notes} />
        <div
          role="alert"
          data-testid="config-error"
          className="rounded-lg border border-rose-300 bg-rose-50 p-4 text-sm text-rose-950 dark:border-rose-800 dark:bg-rose-950/40 dark:text-rose-100"
        >
          <p className="font-semibold">{tv("cannotBuild")}</p>
          <p className="mt-1 font-mono" data-option={parsed.option} translate="no">
            {parsed.message}
          </p>
          <p className="mt-3">
            {tv.rich("instead", {
              b0: (chunks) => (
                <Link href="/build" className="underline">
                  {chunks}
                </Link>
              ),
              back: (chunks) => (
                <Link href="/" className="underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </div>
      </section>
    );
  }
  return (
    <>
      <LinkNotes notes={parsed.notes} />
      <Builder key={parsed.query} parsed={parsed} />
    </>
  );
}

function Builder({
  parsed,
}: {
  parsed: Extract<ReturnType<typeof parseBuildQuery>, { ok: true }>;
}) {
  const { calc, request, query } = parsed;
  const t = calc.totals;
  const tv = useTranslations("build.view");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [built, setBuilt] = useState<Built | null>(null);
  const [choice, setChoice] = useState<BackendChoice | null>(null);
  const [prefer, setPrefer] = useState<BackendPreference>("auto");
  const device = useSyncExternalStore(noSubscribe, deviceSnapshot, serverDevice);
  const [timing, setTiming] = useState<{
    id: number;
    done: number;
    total: number;
    source: "random" | "upload";
    fileName?: string;
  } | null>(null);
  const [timingError, setTimingError] = useState<string | null>(null);
  const [results, setResults] = useState<TimingResult[]>([]);
  const [exporting, setExporting] = useState<{ id: number; what: "tfjs" | "keras" } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [labels, setLabels] = useState<readonly string[] | null>(null);
  const choiceRef = useRef<BackendChoice | null>(null);
  useEffect(() => {
    choiceRef.current = choice;
  }, [choice]);

  // The current job of each kind; a reply to an older one is ignored.
  const client = useWorkerClient(createBuildWorker, BUILD_PROTOCOL);
  const buildJob = useRef<Job<unknown> | null>(null);
  const timingJob = useRef<Job<unknown> | null>(null);
  const exportJob = useRef<Job<unknown> | null>(null);
  const backendJob = useRef<Job<unknown> | null>(null);
  const estimate = useMemo(() => estimateMemory(calc, { batch: 1 }), [calc]);
  const budget = useMemo(
    () => deviceBudget({ deviceMemoryGB: device.mem, backend: choice?.backend ?? "wasm" }),
    [device.mem, choice?.backend],
  );
  const over = overBudget(estimate, budget);

  const startBuild = useCallback(() => {
    setBuilt(null);
    setResults([]);
    buildJob.current?.cancel();
    const job = client.request(
      { type: "build", request, prefer },
      {
        onProgress: (m) => {
          if (m.type === "backend") setChoice(m.choice);
          else if (m.type === "progress")
            setPhase({
              kind: "building",
              id: job.id,
              done: m.done,
              total: m.total,
              layer: m.layer,
              elapsedMs: m.elapsedMs,
            });
        },
      },
    );
    buildJob.current = job;
    setPhase({
      kind: "building",
      id: job.id,
      done: 0,
      total: calc.spec.layers.length,
      layer: "",
      elapsedMs: 0,
    });
    job.promise.then(
      (m) => {
        if (buildJob.current !== job) return;
        buildJob.current = null;
        setChoice(m.choice);
        setBuilt({
          params: m.params,
          buildMs: m.buildMs,
          layers: m.layers,
          fusedSteps: m.fusedSteps,
          memory: m.memory,
        });
        setPhase({ kind: "built" });
      },
      (e: unknown) => {
        if (buildJob.current !== job) return;
        buildJob.current = null;
        setPhase(isCancelled(e) ? { kind: "cancelled" } : { kind: "error", message: errText(e) });
      },
    );
  }, [client, request, prefer, calc.spec.layers.length]);

  // On arrival, build at once unless the net is over this device's budget.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const b = deviceBudget({ deviceMemoryGB: deviceSnapshot().mem, backend: "wasm" });
    // Starting the worker job is the external system this effect synchronises with.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (overBudget(estimate, b)) setPhase({ kind: "confirm" });
    else startBuild();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page (per configuration)
  }, []);

  useEffect(() => {
    if (calc.spec.classes !== 1000 || labels) return;
    let live = true;
    void import("@/lib/tfjs/labels").then((m) => {
      if (live) setLabels(m.IMAGENET_LABELS.map(m.shortLabel));
    });
    return () => {
      live = false;
    };
  }, [calc.spec.classes, labels]);

  const cancelBuild = (): void => buildJob.current?.cancel();
  const changeBackend = (p: BackendPreference): void => {
    setPrefer(p);
    const job = client.request({ type: "backend", prefer: p });
    backendJob.current = job;
    job.promise.then(
      (m) => {
        if (backendJob.current === job) setChoice(m.choice);
      },
      () => {},
    );
  };
  const runTiming = async (r: TimingRequest): Promise<void> => {
    setTimingError(null);
    const bytes = r.file ? await r.file.arrayBuffer() : null;
    const fileName = r.file?.name;
    const job = client.request(
      {
        type: "time",
        runs: r.runs,
        warmup: r.warmup,
        batch: r.batch,
        ...(bytes && fileName ? { image: { bytes, name: fileName } } : {}),
      },
      {
        ...(bytes ? { transfer: [bytes] } : {}),
        onProgress: (m) => {
          if (m.type === "timing-progress" && timingJob.current === job)
            setTiming((s) => (s ? { ...s, done: m.done, total: m.total } : s));
        },
      },
    );
    timingJob.current = job;
    setTiming({
      id: job.id,
      done: 0,
      total: r.runs,
      source: fileName ? "upload" : "random",
      ...(fileName ? { fileName } : {}),
    });
    try {
      const m = await job.promise;
      if (timingJob.current !== job) return;
      const res: TimingResult = {
        stats: m.stats,
        source: m.source,
        backend: choiceRef.current?.detail ?? "",
        ...(fileName ? { fileName } : {}),
        ...(m.imageSize ? { imageSize: m.imageSize } : {}),
        ...(m.top ? { top: m.top } : {}),
      };
      setResults((old) =>
        [...old.filter((o) => o.source !== res.source), res].sort((a, b) =>
          a.source.localeCompare(b.source),
        ),
      );
      setBuilt((b) => (b ? { ...b, memory: m.memory } : b));
    } catch (e) {
      if (timingJob.current === job && !isCancelled(e)) setTimingError(errText(e));
    } finally {
      if (timingJob.current === job) {
        timingJob.current = null;
        setTiming(null);
      }
    }
  };
  const runExport = async (what: "tfjs" | "keras"): Promise<void> => {
    setExportError(null);
    const job = client.request({ type: "export" });
    exportJob.current = job;
    setExporting({ id: job.id, what });
    try {
      const m = await job.promise;
      const base = `${calc.spec.model}_${request.scaling.kind === "preset" ? request.scaling.preset : "scaled"}`;
      if (what === "tfjs") {
        download(m.modelJson, "model.json", MIME.json);
        download(m.weightsBin, "weights.bin", MIME.bin);
      } else {
        download(m.kerasJson, `${base}_keras_config.json`, MIME.json);
      }
    } catch (e) {
      if (!isCancelled(e)) setExportError(errText(e));
    } finally {
      if (exportJob.current === job) {
        exportJob.current = null;
        setExporting(null);
      }
    }
  };

  const building = phase.kind === "building";
  const ready = phase.kind === "built" && built !== null;
  const expected = t.trainableParams + t.nonTrainableParams;
  const name =
    request.scaling.kind === "preset"
      ? `EfficientNet-${request.scaling.preset.toUpperCase()}`
      : calc.spec.name;

  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{tv("title")}</h1>
          <p className="max-w-prose text-sm text-muted">
            {tv.rich("summary", {
              name: () => (
                <strong className="text-foreground" data-testid="build-name" translate="no">
                  {name}
                </strong>
              ),
              width: formatSig(calc.spec.width, 4),
              depth: formatSig(calc.spec.depth, 4),
              res: calc.spec.resolution,
              classes: formatInt(calc.spec.classes),
              params: formatCompact(expected),
              macs: formatCompact(t.macs),
            })}
          </p>
        </div>
        <Link href={query ? `/?${query}` : "/"} className={btn} data-testid="back-to-explorer">
          {tv("back")}
        </Link>
      </header>

      <MemoryNotice
        estimate={estimate}
        budget={budget}
        over={over}
        confirming={phase.kind === "confirm"}
        onGo={startBuild}
        onCancel={() => setPhase({ kind: "cancelled" })}
      />

      <Card
        id="build-panel"
        title={tv("card")}
        actions={
          building ? (
            <button type="button" className={btn} onClick={cancelBuild} data-testid="build-cancel">
              {tv("cancel")}
            </button>
          ) : phase.kind !== "confirm" ? (
            <button
              type="button"
              className={btnPrimary}
              onClick={startBuild}
              data-testid="build-start"
            >
              {phase.kind === "built" ? tv("rebuild") : tv("build")}
            </button>
          ) : null
        }
      >
        <div
          data-testid="build-status"
          data-state={phase.kind}
          data-build-ms={built ? built.buildMs.toFixed(1) : undefined}
          data-peak-tensor-bytes={built ? built.memory.peakTensorBytes : undefined}
          data-wasm-heap-bytes={built?.memory.wasmHeapBytes ?? undefined}
          aria-live="polite"
        >
          {phase.kind === "building" && (
            <div className="space-y-1.5">
              <ProgressBar value={phase.done} max={phase.total} label={tv("progressLabel")} />
              <p className="text-xs text-muted">
                {phase.done === 0
                  ? tv("starting")
                  : tv.rich("layerProgress", {
                      data: (chunks) => <span translate="no">{chunks}</span>,
                      done: phase.done,
                      total: phase.total,
                      layer: phase.layer,
                      seconds: (phase.elapsedMs / 1000).toFixed(1),
                    })}
              </p>
            </div>
          )}
          {phase.kind === "idle" && <p className="text-sm text-muted">{tv("preparing")}</p>}
          {phase.kind === "confirm" && <p className="text-sm text-muted">{tv("waiting")}</p>}
          {phase.kind === "cancelled" && <p className="text-sm">{tv("cancelled")}</p>}
          {phase.kind === "error" && (
            <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
              <ErrorDetail lead={tv("failed")} detail={phase.message} />
            </p>
          )}
          {ready && built && (
            <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
              <Stat
                label={tv("paramsLabel")}
                value={formatInt(built.params)}
                testId="tfjs-params"
                note={
                  <span
                    data-testid="param-check"
                    data-match={String(built.params === expected)}
                    className={
                      built.params === expected
                        ? "text-emerald-700 dark:text-emerald-400"
                        : "text-rose-600"
                    }
                  >
                    {built.params === expected
                      ? tv("paramsMatch", {
                          trainable: formatInt(t.trainableParams),
                          bn: formatInt(t.nonTrainableParams),
                        })
                      : tv("paramsDiffer", { n: formatInt(expected) })}
                  </span>
                }
              />
              <Stat
                label={tv("buildTime")}
                value={tv("seconds", { value: formatSig(built.buildMs / 1000, 3) })}
                testId="build-ms"
                note={tv("layers", { n: formatInt(built.layers.length) })}
              />
              <Stat
                label={tv("tensorMemory")}
                value={formatBytes(built.memory.tensorBytes)}
                note={tv("peak", {
                  peak: formatBytes(built.memory.peakTensorBytes),
                  wasm: built.memory.wasmHeapBytes ? "yes" : "no",
                  heap: formatBytes(built.memory.wasmHeapBytes ?? 0),
                })}
              />
              <Stat
                label={tv("fastPath")}
                value={tv("kernels", { n: built.fusedSteps })}
                note={tv("fromLayers", { n: built.layers.length })}
              />
            </dl>
          )}
        </div>
      </Card>

      <BackendPanel
        choice={choice}
        prefer={prefer}
        onPrefer={changeBackend}
        busy={building || timing !== null}
        isolated={device.isolated}
      />

      {ready && built && <LayerSummary calc={calc} rows={built.layers} />}

      <TimingPanel
        enabled={ready}
        running={timing ? { done: timing.done, total: timing.total } : null}
        error={timingError}
        results={results}
        labels={labels}
        onRun={(r) => void runTiming(r)}
        onCancel={() => timingJob.current?.cancel()}
      />

      <LatencyPanel client={client} prefer={prefer} />

      <ExportPanel
        spec={calc.spec}
        enabled={ready}
        busy={exporting !== null}
        error={exportError}
        onExport={(what) => void runExport(what)}
      />
    </div>
  );
}
