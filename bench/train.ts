/**
 * Node: milliseconds per training step (forward + backward + Adam update, BatchNorm in
 * training mode: the Lab's own TrainStep from lib/lab/train.ts) of the Lab's default base network at batch 32, on wasm
 * with 1 and 2 threads (the gradient kernels of lib/tfjs/wasm-grad) and on the cpu backend,
 * and of a forward pass of the same batch on wasm, all in one run: each configuration in its
 * own process (bench/train-worker.ts), warmed up, then alternated run by run; medians.
 * Goals (issue 13): a wasm step <= 4x its forward pass, >= 20x faster than cpu.
 *
 *   npm run -s bench:train -- [--model M --width W --depth D --resolution R --classes N]
 *     [--batch 32] [--runs 5] [--cpu-runs 2] [--profile] [--json]
 */
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";

import { parseArgs, UsageError } from "../cli/args";
import { calculate } from "../lib/calculator";
import { DEFAULT_EXPERIMENT } from "../lib/lab/experiment";
import { parseRequest, type RawRequest } from "../lib/scaling/request";
import type {
  KernelCost,
  WorkerBackend,
  WorkerCommand,
  WorkerInit,
  WorkerReply,
} from "./train-worker";

/** The Lab's default base network, read from the Lab's own defaults so the two never drift. */
const DEFAULT_NET: RawRequest = {
  model: DEFAULT_EXPERIMENT.model,
  width: DEFAULT_EXPERIMENT.baseWidth,
  depth: DEFAULT_EXPERIMENT.baseDepth,
  resolution: DEFAULT_EXPERIMENT.baseResolution,
  classes: 10,
};

/** Profiled steps whose per-kernel medians --profile prints. */
const PROFILE_STEPS = 5;

const USAGE =
  "usage: npm run -s bench:train -- [--model M --width W --depth D --resolution R --classes N] [--batch 32] [--runs 5] [--cpu-runs 2] [--profile] [--json]";

interface Options {
  readonly request: RawRequest;
  readonly batch: number;
  readonly runs: number;
  readonly cpuRuns: number;
  readonly profile: boolean;
  readonly json: boolean;
}

function intOption(
  values: Record<string, string>,
  name: string,
  def: number,
  min: number,
  max: number,
): number {
  const raw = values[name];
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

function options(argv: readonly string[]): Options {
  const { values, flags } = parseArgs(
    argv,
    ["model", "width", "depth", "resolution", "classes", "batch", "runs", "cpu-runs"],
    ["json", "profile", "help"],
  );
  if (flags.has("help")) {
    process.stdout.write(USAGE + "\n");
    process.exit(0);
  }
  const request: Record<string, unknown> = { ...DEFAULT_NET };
  for (const k of ["model", "width", "depth", "resolution", "classes"] as const) {
    if (values[k] !== undefined) request[k] = k === "model" ? values[k] : Number(values[k]);
  }
  try {
    parseRequest(request); // every bad value is named here, before any process starts
  } catch (e) {
    throw new UsageError(`--${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    request,
    batch: intOption(values, "batch", DEFAULT_EXPERIMENT.batch, 1, 1024),
    runs: intOption(values, "runs", 5, 1, 1000),
    cpuRuns: intOption(values, "cpu-runs", 2, 0, 100),
    profile: flags.has("profile"),
    json: flags.has("json"),
  };
}

/** One backend process and a queue of requests to it. */
class Worker {
  private readonly child: ChildProcess;
  private waiting: ((r: WorkerReply) => void) | null = null;
  private readonly first: Promise<WorkerReply>;

  constructor(
    readonly backend: WorkerBackend,
    init: WorkerInit,
  ) {
    this.child = fork(
      fileURLToPath(new URL("./train-worker.ts", import.meta.url)),
      [JSON.stringify(init)],
      {
        execArgv: process.execArgv,
        stdio: ["ignore", "ignore", "inherit", "ipc"],
      },
    );
    this.first = new Promise((resolve) => (this.waiting = resolve));
    this.child.on("message", (m: WorkerReply) => {
      const w = this.waiting;
      this.waiting = null;
      w?.(m);
    });
    this.child.on("exit", (code) => {
      const w = this.waiting;
      this.waiting = null;
      w?.({ type: "error", message: `the ${backend} process exited (${String(code)})` });
    });
  }

  ready(): Promise<WorkerReply> {
    return this.first;
  }

  ask(cmd: WorkerCommand): Promise<WorkerReply> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.child.send(cmd);
    });
  }

  async ms(cmd: "step" | "forward" | "warmup"): Promise<number> {
    const r = await this.ask(cmd);
    if (r.type !== "ms")
      throw new Error(`${this.backend} ${cmd}: ${r.type === "error" ? r.message : r.type}`);
    return r.ms;
  }

  close(): void {
    if (this.child.connected) this.child.send("exit");
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const fmt = (ms: number): string =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;

async function main(): Promise<void> {
  let opts: Options;
  try {
    opts = options(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bench:train: ${e.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw e;
  }
  const calc = calculate(parseRequest(opts.request));
  const spec = calc.spec;
  const log = (s: string): void => {
    if (!opts.json) process.stdout.write(s + "\n");
  };
  log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, load ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")}`,
  );
  log(
    `network: ${spec.model} w${spec.width} d${spec.depth} ${spec.resolution} px, ${spec.classes} classes, ${(calc.totals.macs / 1e6).toFixed(2)}M MACs per image, batch ${opts.batch}`,
  );

  const init = (backend: WorkerBackend): WorkerInit => ({
    backend,
    request: opts.request,
    batch: opts.batch,
  });
  const w1 = new Worker("wasm1", init("wasm1"));
  const w2 = new Worker("wasm2", init("wasm2"));
  const cpu = opts.cpuRuns > 0 ? new Worker("cpu", init("cpu")) : null;
  const all = [w1, w2, ...(cpu ? [cpu] : [])];
  try {
    for (const w of all) {
      const r = await w.ready();
      if (r.type !== "ready")
        throw new Error(`${w.backend}: ${r.type === "error" ? r.message : r.type}`);
      log(`${w.backend}: ${r.detail}`);
    }
    // Warm-up: XNNPACK operators, kernel caches, the JIT.
    for (const w of [w1, w2]) {
      await w.ms("step");
      await w.ms("step");
      await w.ms("forward");
    }
    // cpu: a full step takes tens of seconds; a two-image step warms the same code.
    if (cpu) await cpu.ms("warmup");

    const t = {
      s1: [] as number[],
      s2: [] as number[],
      f1: [] as number[],
      f2: [] as number[],
      cpu: [] as number[],
    };
    for (let i = 0; i < opts.runs; i++) {
      t.s1.push(await w1.ms("step"));
      t.s2.push(await w2.ms("step"));
      if (cpu && i < opts.cpuRuns) t.cpu.push(await cpu.ms("step"));
      t.f1.push(await w1.ms("forward"));
      t.f2.push(await w2.ms("forward"));
    }
    while (cpu && t.cpu.length < opts.cpuRuns) t.cpu.push(await cpu.ms("step"));

    const wasm1MsPerStep = median(t.s1);
    const wasm2MsPerStep = median(t.s2);
    const wasm1ForwardMs = median(t.f1);
    const wasm2ForwardMs = median(t.f2);
    const wasmThreads = wasm2MsPerStep < wasm1MsPerStep ? 2 : 1;
    const wasmMsPerStep = wasmThreads === 2 ? wasm2MsPerStep : wasm1MsPerStep;
    const wasmForwardMs = wasmThreads === 2 ? wasm2ForwardMs : wasm1ForwardMs;
    const cpuMsPerStep = cpu ? median(t.cpu) : null;

    let profile: KernelCost[] | null = null;
    let profileMs = 0;
    if (opts.profile) {
      // One step's kernel times swing with the load (a GC pause or a preemption lands on
      // some kernel): per-kernel medians over PROFILE_STEPS profiled steps.
      const runs: { kernels: KernelCost[]; ms: number }[] = [];
      for (let i = 0; i < PROFILE_STEPS; i++) {
        const r = await (wasmThreads === 2 ? w2 : w1).ask("profile");
        if (r.type !== "profile")
          throw new Error(`profile: ${r.type === "error" ? r.message : r.type}`);
        runs.push(r);
      }
      const names = new Set(runs.flatMap((r) => r.kernels.map((k) => k.name)));
      profile = [...names]
        .map((name) => {
          const of = runs.map((r) => r.kernels.find((k) => k.name === name));
          return {
            name,
            calls: Math.max(...of.map((k) => k?.calls ?? 0)),
            ms: median(of.map((k) => k?.ms ?? 0)),
          };
        })
        .sort((a, b) => b.ms - a.ms);
      profileMs = median(runs.map((r) => r.ms));
    }

    const result = {
      model: spec.model,
      width: spec.width,
      depth: spec.depth,
      resolution: spec.resolution,
      classes: spec.classes,
      batch: opts.batch,
      macsPerImage: calc.totals.macs,
      runs: opts.runs,
      cpuRuns: cpu ? opts.cpuRuns : 0,
      load: os.loadavg()[0],
      wasmThreads,
      wasmMsPerStep,
      wasmForwardMs,
      stepOverForward: wasmMsPerStep / wasmForwardMs,
      cpuMsPerStep,
      speedup: cpuMsPerStep === null ? null : cpuMsPerStep / wasmMsPerStep,
      wasm1MsPerStep,
      wasm1ForwardMs,
      wasm1StepOverForward: wasm1MsPerStep / wasm1ForwardMs,
      wasm2MsPerStep,
      wasm2ForwardMs,
      wasm2StepOverForward: wasm2MsPerStep / wasm2ForwardMs,
      ...(profile ? { profile } : {}),
    };
    if (opts.json) {
      process.stdout.write(JSON.stringify(result) + "\n");
      return;
    }
    log("");
    log(`                    step       forward    step/forward   (medians of ${opts.runs})`);
    log(
      `wasm, 1 thread      ${fmt(wasm1MsPerStep).padEnd(10)} ${fmt(wasm1ForwardMs).padEnd(10)} ${result.wasm1StepOverForward.toFixed(2)}x`,
    );
    log(
      `wasm, 2 threads     ${fmt(wasm2MsPerStep).padEnd(10)} ${fmt(wasm2ForwardMs).padEnd(10)} ${result.wasm2StepOverForward.toFixed(2)}x`,
    );
    if (cpuMsPerStep !== null)
      log(`cpu                 ${fmt(cpuMsPerStep).padEnd(10)} (median of ${opts.cpuRuns})`);
    log("");
    log(
      `wasm (${wasmThreads} thread${wasmThreads === 1 ? "" : "s"}): step ${fmt(wasmMsPerStep)} = ${result.stepOverForward.toFixed(2)}x its forward pass (goal <= 4x)`,
    );
    if (result.speedup !== null) log(`cpu / wasm: ${result.speedup.toFixed(1)}x (goal >= 20x)`);
    if (profile) {
      log("");
      log(
        `per-kernel time of a wasm step under tf.profile, medians of ${PROFILE_STEPS} steps (${fmt(profileMs)} a step with profiling):`,
      );
      // tf.profile also lists the scopes around kernels: ops made with tf.customGrad (our
      // BatchNorm and swish: "unnamed scope") and tfjs op wrappers ("...__op"). Their time
      // includes the kernels they run, which are listed too; percentages are of kernels only.
      const isScope = (name: string): boolean => name === "unnamed scope" || name.endsWith("__op");
      const total = profile.reduce((s, k) => s + (isScope(k.name) ? 0 : k.ms), 0);
      log(`  (kernels: ${fmt(total)}; scopes, marked *, include their kernels' time)`);
      for (const k of profile.slice(0, 25)) {
        const share = isScope(k.name)
          ? "    *"
          : ((100 * k.ms) / total).toFixed(1).padStart(5) + "%";
        log(`  ${k.name.padEnd(38)} ${fmt(k.ms).padStart(10)} ${share}  ${k.calls} calls`);
      }
    }
  } finally {
    for (const w of all) w.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:train: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
