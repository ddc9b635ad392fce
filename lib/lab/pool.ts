/**
 * Several Lab workers training one experiment's runs at once, presented to the page as one
 * worker (the same ToLab / FromLab messages). Why: the Lab's networks are small, and WASM's
 * threads help them little (a step of the default base takes longer on 2 threads than on 1,
 * `npm run -s bench:train`), while two single-threaded workers on two cores train two runs in
 * about the time of one. Runs are independent (own seed, own model), so the results are the
 * same as one worker's, run by run.
 *
 * Steps: worker 0 starts its backend ("probe"); on a CPU-side backend (WASM, CPU) the runs are
 * split across up to `size` workers by estimated cost (longest first, to the least loaded),
 * on a GPU one worker trains them all. The pool merges the workers' events: run numbering,
 * overall share and ETA (the slowest worker's), and one partial result per finished run,
 * which it persists (workers do not, or they would overwrite each other's runs).
 */
import type { BackendChoice, BackendName } from "../tfjs/backend-info";
import { planRuns, type RunPlan } from "./experiment";
import type { FromLab, ToLab } from "./protocol";
import { labBackend, withWorkers } from "./backend-detail";
import type { ExperimentResult, LabBackend, RunResult } from "./results";
import type { LabEvent } from "./runner";

/** One worker as the pool sees it. */
export interface LabPort {
  post(m: ToLab, transfer?: Transferable[]): void;
  terminate(): void;
}

/** Makes worker `index`; its messages go to `onMessage`. */
export type PortFactory = (index: number, onMessage: (m: FromLab) => void) => LabPort;

export interface LabPoolOptions {
  /** Workers at most (a browser: its logical cores, capped). */
  readonly size: number;
  readonly persist?: (r: ExperimentResult) => Promise<void>;
}

/** Backends that compute on the CPU's cores, where more workers mean more cores at work. */
const PARALLEL_BACKENDS: readonly BackendName[] = ["wasm", "cpu"];

/** Relative cost of a run: MACs per image (every run sees the same images and epochs). */
function cost(r: Pick<RunPlan, "macs">): number {
  return r.macs;
}

/**
 * Splits runs across `n` workers: longest first, each to the least-loaded worker (LPT).
 * Within a worker, runs keep plan order. Deterministic; no worker is left empty if n <= runs.
 */
export function shardRuns(runs: readonly Pick<RunPlan, "id" | "macs">[], n: number): string[][] {
  const k = Math.max(1, Math.min(Math.floor(n), runs.length));
  const load = new Array<number>(k).fill(0);
  const picked = Array.from({ length: k }, () => new Set<string>());
  const order = runs.map((r, i) => ({ r, i })).sort((a, b) => cost(b.r) - cost(a.r) || a.i - b.i);
  for (const { r } of order) {
    let w = 0;
    for (let j = 1; j < k; j++) if (load[j]! < load[w]!) w = j;
    load[w]! += cost(r);
    picked[w]!.add(r.id);
  }
  return picked.map((set) => runs.filter((r) => set.has(r.id)).map((r) => r.id));
}

type Start = Extract<ToLab, { type: "start" }>;

interface Share {
  readonly port: number;
  readonly runIds: readonly string[];
  /** MACs x images of its runs, for the overall share. */
  readonly units: number;
  fraction: number;
  etaMs: number | null;
  settled: "done" | "cancelled" | "error" | null;
}

interface Job {
  readonly msg: Start;
  readonly runs: readonly RunPlan[];
  readonly t0: number;
  phase: "probing" | "training" | "stopping";
  shares: Share[];
  results: Map<string, RunResult>;
  started: number;
  last: ExperimentResult | null;
  error: string | null;
  cancelled: boolean;
  paused: boolean | null;
  /** The backend as the results state it (with the worker count). */
  backend: LabBackend | null;
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

export class LabPool {
  private readonly ports: LabPort[] = [];
  private job: Job | null = null;

  constructor(
    private readonly makePort: PortFactory,
    private readonly emit: (m: FromLab, transfer?: Transferable[]) => void,
    private readonly opts: LabPoolOptions,
  ) {}

  get busy(): boolean {
    return this.job !== null;
  }

  handle(msg: ToLab, transfer?: Transferable[]): void {
    switch (msg.type) {
      case "start":
        this.start(msg);
        return;
      case "pause":
      case "resume":
      case "cancel":
        this.control(msg);
        return;
      case "probe":
      case "export":
      case "forget":
        // One worker suffices; it answers with the same id.
        this.port(0).post(msg, transfer);
        return;
    }
  }

  /** Stops every worker (the page is going away). */
  terminate(): void {
    for (const p of this.ports) p.terminate();
    this.ports.length = 0;
    this.job = null;
  }

  private port(i: number): LabPort {
    while (this.ports.length <= i) {
      const index = this.ports.length;
      this.ports.push(this.makePort(index, (m) => this.fromWorker(index, m)));
    }
    return this.ports[i]!;
  }

  private start(msg: Start): void {
    if (this.job) {
      this.emit({
        type: "error",
        id: msg.id,
        message: "an experiment is already running; cancel it first",
      });
      return;
    }
    let runs: readonly RunPlan[];
    try {
      // The class count only moves the classifier's MACs; the split needs relative costs.
      runs = planRuns(msg.def, 10).runs;
    } catch (e) {
      this.emit({ type: "error", id: msg.id, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const wanted = Math.max(1, Math.min(Math.floor(this.opts.size), runs.length));
    this.job = {
      msg,
      runs,
      t0: now(),
      phase: "probing",
      shares: [],
      results: new Map(),
      started: 0,
      last: null,
      error: null,
      cancelled: false,
      paused: null,
      backend: null,
    };
    this.port(0).post({
      type: "probe",
      id: msg.id,
      prefer: msg.prefer,
      ...(wanted > 1 ? { threads: 1 } : {}),
    });
  }

  private control(msg: Extract<ToLab, { type: "pause" | "resume" | "cancel" }>): void {
    const job = this.job;
    if (!job) return;
    if (msg.type === "cancel") job.cancelled = true;
    // While probing there is nothing to pause; a cancel is acted on when the probe answers.
    if (job.phase === "probing") return;
    for (const s of job.shares)
      if (!s.settled) this.ports[s.port]!.post({ ...msg, id: job.msg.id });
  }

  private fromWorker(index: number, m: FromLab): void {
    const job = this.job;
    // Not the running job's (export, forget, or a worker's crash outside a job): pass on.
    if (!job || (m.id !== job.msg.id && m.id !== -1)) {
      this.emit(m);
      return;
    }
    if (job.phase === "probing") {
      if (index !== 0) return;
      if (m.type === "backend") this.split(job, m.choice);
      else if (m.type === "error")
        this.finish(job, { type: "error", id: job.msg.id, message: m.message });
      return;
    }
    const share = job.shares.find((s) => s.port === index);
    if (!share) return;
    switch (m.type) {
      case "backend":
        return; // worker 0's was passed on
      case "event":
        this.onEvent(job, share, m.event);
        return;
      case "paused":
        if (job.paused !== m.paused) {
          job.paused = m.paused;
          this.emit({ type: "paused", id: job.msg.id, paused: m.paused });
        }
        return;
      case "done":
        share.settled = "done";
        share.fraction = 1;
        share.etaMs = 0;
        for (const r of m.result.runs) job.results.set(r.id, r);
        job.last = m.result;
        break;
      case "cancelled":
        share.settled = "cancelled";
        break;
      case "error":
        share.settled = "error";
        job.error ??= m.message;
        this.stopOthers(job);
        break;
      case "exported":
        this.emit(m);
        return;
    }
    if (job.shares.every((s) => s.settled)) this.settle(job);
  }

  /** The backend is known: split the runs and start every worker on its share. */
  private split(job: Job, choice: BackendChoice): void {
    if (job.cancelled) {
      this.finish(job, { type: "cancelled", id: job.msg.id });
      return;
    }
    const parallel = PARALLEL_BACKENDS.includes(choice.backend);
    const n = parallel ? Math.min(Math.floor(this.opts.size), job.runs.length) : 1;
    const groups = shardRuns(job.runs, n);
    const images = job.msg.def.epochs * job.msg.def.trainImages;
    job.shares = groups.map((ids, port) => ({
      port,
      runIds: ids,
      units: job.runs.filter((r) => ids.includes(r.id)).reduce((s, r) => s + cost(r) * images, 0),
      fraction: 0,
      etaMs: null,
      settled: null,
    }));
    job.phase = "training";
    const stated = withWorkers(choice, groups.length);
    job.backend = labBackend(stated);
    this.emit({ type: "backend", id: job.msg.id, choice: stated });
    for (const s of job.shares) {
      this.port(s.port).post({
        ...job.msg,
        prefer: choice.backend,
        ...(groups.length > 1 ? { runIds: s.runIds, threads: 1 } : {}),
      });
    }
  }

  private onEvent(job: Job, share: Share, e: LabEvent): void {
    switch (e.type) {
      case "plan":
        // Every worker plans the whole experiment; the page needs it once.
        if (share.port === job.shares[0]!.port)
          this.emit({ type: "event", id: job.msg.id, event: e });
        return;
      case "run-start":
        this.emit({
          type: "event",
          id: job.msg.id,
          event: { ...e, index: job.started++, total: job.runs.length },
        });
        return;
      case "batch": {
        share.fraction = e.experimentShare;
        share.etaMs = e.etaMs;
        const total = job.shares.reduce((s, x) => s + x.units, 0);
        const done = job.shares.reduce((s, x) => s + x.units * x.fraction, 0);
        // The experiment ends with its slowest worker; unknown until each has an estimate.
        const etas = job.shares.map((x) => (x.settled ? 0 : x.etaMs));
        const etaMs = etas.some((x) => x === null) ? null : Math.max(...(etas as number[]));
        this.emit({
          type: "event",
          id: job.msg.id,
          event: { ...e, etaMs, experimentShare: total > 0 ? done / total : 0 },
        });
        return;
      }
      case "epoch":
        this.emit({ type: "event", id: job.msg.id, event: e });
        return;
      case "run-done": {
        job.results.set(e.run.id, e.run);
        const partial = this.merged(job, e.partial, false);
        job.last = partial;
        if (this.opts.persist) void this.opts.persist(partial).catch(() => undefined);
        this.emit({ type: "event", id: job.msg.id, event: { ...e, partial } });
        return;
      }
    }
  }

  /** A worker's snapshot with every worker's finished runs, in plan order. */
  private merged(job: Job, from: ExperimentResult, finished: boolean): ExperimentResult {
    const runs = job.runs.flatMap((r) => {
      const done = job.results.get(r.id);
      return done ? [done] : [];
    });
    return {
      ...from,
      finished,
      runs,
      wallMs: now() - job.t0,
      ...(job.backend ? { backend: job.backend } : {}),
    };
  }

  private stopOthers(job: Job): void {
    if (job.phase === "stopping") return;
    job.phase = "stopping";
    for (const s of job.shares)
      if (!s.settled) this.ports[s.port]!.post({ type: "cancel", id: job.msg.id });
  }

  private settle(job: Job): void {
    const id = job.msg.id;
    if (job.error !== null) {
      this.finish(job, { type: "error", id, message: job.error });
      return;
    }
    if (job.cancelled || job.shares.some((s) => s.settled === "cancelled") || !job.last) {
      this.finish(job, { type: "cancelled", id });
      return;
    }
    const result = this.merged(job, job.last, true);
    const persisted = this.opts.persist ? this.opts.persist(result) : Promise.resolve();
    // The page reloads the saved list on "done": persist first, as one worker did.
    void persisted
      .catch(() => undefined)
      .then(() => this.finish(job, { type: "done", id, result }));
  }

  private finish(job: Job, m: FromLab): void {
    if (this.job === job) this.job = null;
    this.emit(m);
  }
}
