/**
 * The app's one typed worker client: request/response over postMessage with job ids,
 * progress callbacks, cancel, termination and errors, for any protocol whose messages carry
 * `type` and `id` (lib/tfjs/build-protocol.ts, cam-protocol.ts, workers/grid.worker.ts).
 *
 * A request returns a Job: its promise resolves with the job's final message, or rejects
 * with a WorkerJobError (the worker reported an error), a WorkerCancelledError (cancelled
 * here, or the worker said so) or a WorkerCrashedError (the worker died; every open job
 * fails). Messages before the final one go to `onProgress`. Cancel settles the job at once,
 * so a result the worker was already posting is ignored. `send` posts a notice that is no job.
 */

/** What the client needs of a Worker (a real one, or a test double of the transport). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
}

export interface Identified {
  readonly type: string;
  readonly id: number;
}

export type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** For each request type that is a job, the response type that ends it successfully. */
export type FinalMap<Req extends Identified, Res extends Identified> = {
  readonly [K in Req["type"]]?: Res["type"];
};

/** How a protocol marks the end of a job. */
export interface WorkerProtocol<
  Req extends Identified,
  Res extends Identified,
  F extends FinalMap<Req, Res> = FinalMap<Req, Res>,
> {
  /** Request type -> the response type that ends its job (every other message is progress). */
  readonly final: F;
  /** The worker's error text when `res` reports a failure, else null. */
  readonly errorOf: (res: Res) => string | null;
  /** The error's code when `res` reports a failure with one. */
  readonly codeOf?: (res: Res) => string | null;
  /** True when the worker reports the job as cancelled. */
  readonly isCancelled?: (res: Res) => boolean;
  /** The request that asks the worker to stop job `id` (none: cancel is local only). */
  readonly cancelRequest?: (id: number) => Req;
  /** Id the worker uses for failures not tied to one job (every open job fails). */
  readonly broadcastId?: number;
}

export class WorkerJobError extends Error {
  /** The worker's error code, where its protocol has one (picks a translated lead). */
  readonly code: string | null;
  constructor(message: string, code: string | null = null) {
    super(message);
    this.name = "WorkerJobError";
    this.code = code;
  }
}
export class WorkerCancelledError extends Error {
  constructor() {
    super("cancelled");
    this.name = "WorkerCancelledError";
  }
}
export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkerCrashedError";
  }
}

export const isCancelled = (e: unknown): e is WorkerCancelledError =>
  e instanceof WorkerCancelledError;

/** A job's failure for the page: the worker's own message, or that `worker` stopped. */
export function failureText(e: unknown, worker: string): string {
  if (e instanceof WorkerCrashedError) return `The ${worker} stopped: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

export interface Job<Res> {
  readonly id: number;
  readonly promise: Promise<Res>;
  cancel(): void;
}

export interface RequestOptions<Res> {
  readonly onProgress?: (m: Res) => void;
  readonly transfer?: Transferable[];
  /** Aborting cancels the job. */
  readonly signal?: AbortSignal;
}

/** The final response of a `K` request under final map `F`. */
export type FinalOf<Res extends Identified, F, K> = K extends keyof F
  ? Extract<Res, { type: F[K] }>
  : never;

interface Open<Res> {
  readonly finalType: string;
  readonly onProgress?: (m: Res) => void;
  readonly resolve: (m: Res) => void;
  readonly reject: (e: Error) => void;
}

export class WorkerClient<
  Req extends Identified,
  Res extends Identified,
  F extends FinalMap<Req, Res> = FinalMap<Req, Res>,
> {
  private worker: WorkerLike | null = null;
  private nextId = 0;
  private readonly open = new Map<number, Open<Res>>();
  private dead: Error | null = null;
  /** Called once when the worker dies (after every open job has been rejected). */
  onCrash: ((message: string) => void) | null = null;
  /** Messages that belong to no open job (late results, unsolicited notices). */
  onStray: ((m: Res) => void) | null = null;

  constructor(
    private readonly create: () => WorkerLike,
    private readonly protocol: WorkerProtocol<Req, Res, F>,
  ) {}

  /** Number of jobs still running. */
  get pending(): number {
    return this.open.size;
  }

  private ensure(): WorkerLike {
    if (this.dead) throw this.dead;
    if (this.worker) return this.worker;
    const w = this.create();
    w.onmessage = (ev: MessageEvent) => this.receive(ev.data as Res);
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault?.();
      this.crash(ev.message || "the worker crashed");
    };
    this.worker = w;
    return w;
  }

  private settle(id: number): Open<Res> | undefined {
    const o = this.open.get(id);
    this.open.delete(id);
    return o;
  }

  private receive(m: Res): void {
    if (!m || typeof m !== "object" || typeof m.id !== "number") return;
    const p = this.protocol;
    if (p.broadcastId !== undefined && m.id === p.broadcastId) {
      const err = p.errorOf(m);
      if (err !== null) {
        const code = p.codeOf?.(m) ?? null;
        for (const id of [...this.open.keys()])
          this.settle(id)?.reject(new WorkerJobError(err, code));
        return;
      }
    }
    const o = this.open.get(m.id);
    if (!o) {
      this.onStray?.(m);
      return;
    }
    const err = p.errorOf(m);
    if (err !== null) this.settle(m.id)?.reject(new WorkerJobError(err, p.codeOf?.(m) ?? null));
    else if (p.isCancelled?.(m)) this.settle(m.id)?.reject(new WorkerCancelledError());
    else if (m.type === o.finalType) this.settle(m.id)?.resolve(m);
    else o.onProgress?.(m);
  }

  private crash(message: string): void {
    const err = new WorkerCrashedError(message);
    for (const id of [...this.open.keys()]) this.settle(id)?.reject(err);
    this.worker?.terminate();
    this.worker = null;
    this.dead = err;
    this.onCrash?.(message);
  }

  /** Sends `req` with a fresh id. Never throws: a dead client returns a rejected job. */
  request<R extends WithoutId<Req> & { readonly type: keyof F }>(
    req: R,
    opts: RequestOptions<Res> = {},
  ): Job<FinalOf<Res, F, R["type"]>> {
    type Out = FinalOf<Res, F, R["type"]>;
    const id = ++this.nextId;
    let resolve!: (m: Res) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<Out>((res, rej) => {
      resolve = res as (m: Res) => void;
      reject = rej;
    });
    // Callers that only cancel may never await: keep an unobserved rejection quiet.
    promise.catch(() => {});
    const job: Job<Out> = { id, promise, cancel: () => this.cancel(id) };
    const finalType = this.protocol.final[req.type] as string | undefined;
    if (finalType === undefined) {
      reject(new WorkerJobError(`"${String(req.type)}" is not a request with a result`));
      return job;
    }
    if (opts.signal?.aborted) {
      reject(new WorkerCancelledError());
      return job;
    }
    try {
      const w = this.ensure();
      this.open.set(id, {
        finalType,
        resolve,
        reject,
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      });
      w.postMessage({ ...req, id }, opts.transfer ?? []);
      opts.signal?.addEventListener("abort", () => this.cancel(id), { once: true });
    } catch (e) {
      this.open.delete(id);
      reject(e instanceof Error ? e : new WorkerCrashedError(String(e)));
    }
    return job;
  }

  /**
   * Posts a notice that starts no job (the worker answers nothing, or only a failure, which
   * reaches `onStray`). Never throws: false when the worker is dead or refused the message.
   */
  send(
    req: WithoutId<Exclude<Req, { readonly type: keyof F }>>,
    transfer: Transferable[] = [],
  ): boolean {
    try {
      this.ensure().postMessage({ ...req, id: ++this.nextId }, transfer);
      return true;
    } catch {
      return false;
    }
  }

  /** Asks the worker to stop job `id` and rejects it at once with WorkerCancelledError. */
  cancel(id: number): void {
    const o = this.settle(id);
    if (!o) return;
    const msg = this.protocol.cancelRequest?.(id);
    if (msg && this.worker) this.worker.postMessage(msg, []);
    o.reject(new WorkerCancelledError());
  }

  /** Ends the worker; open jobs are rejected as cancelled. A later request starts a new one. */
  terminate(): void {
    for (const id of [...this.open.keys()]) this.settle(id)?.reject(new WorkerCancelledError());
    this.worker?.terminate();
    this.worker = null;
  }
}
