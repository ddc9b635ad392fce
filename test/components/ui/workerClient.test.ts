// The transport is a test double (a fake Worker that answers like the build worker's
// protocol); the client's own logic is what is tested.
import { describe, expect, test } from "vitest";

import {
  failureText,
  isCancelled,
  WorkerClient,
  WorkerCrashedError,
  WorkerJobError,
  type WorkerLike,
} from "@/components/ui/workerClient";

type Req =
  | { type: "add"; id: number; a: number; b: number }
  | { type: "slow"; id: number; steps: number }
  | { type: "cancel"; id: number }
  | { type: "forget"; id: number; key: string };
type Res =
  | { type: "sum"; id: number; value: number }
  | { type: "step"; id: number; done: number }
  | { type: "finished"; id: number }
  | { type: "cancelled"; id: number }
  | { type: "error"; id: number; message: string; code?: string };

const PROTOCOL = {
  final: { add: "sum", slow: "finished" },
  errorOf: (m: Res) => (m.type === "error" ? m.message : null),
  codeOf: (m: Res) => (m.type === "error" ? (m.code ?? null) : null),
  isCancelled: (m: Res) => m.type === "cancelled",
  cancelRequest: (id: number): Req => ({ type: "cancel", id }),
  broadcastId: -1,
} as const;

class FakeWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  sent: { msg: Req; transfer: Transferable[] }[] = [];
  terminated = false;
  postMessage(msg: unknown, transfer: Transferable[]): void {
    this.sent.push({ msg: msg as Req, transfer });
    const m = msg as Req;
    // Answers asynchronously, as a worker does.
    if (m.type === "add") {
      queueMicrotask(() =>
        m.a < 0
          ? this.reply({ type: "error", id: m.id, message: "a: negative", code: "negative" })
          : this.reply({ type: "sum", id: m.id, value: m.a + m.b }),
      );
    }
    // A notice: silent when it works, an error when it cannot.
    if (m.type === "forget" && m.key === "") {
      queueMicrotask(() => this.reply({ type: "error", id: m.id, message: "forget: no key" }));
    }
  }
  reply(m: Res): void {
    this.onmessage?.({ data: m } as MessageEvent);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = new WorkerClient<Req, Res, typeof PROTOCOL.final>(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  }, PROTOCOL);
  return { client, workers, w: () => workers.at(-1)! };
}

describe("WorkerClient", () => {
  test("starts the worker on first use; ids are unique; results are typed", async () => {
    const { client, workers, w } = setup();
    expect(workers).toHaveLength(0);
    const a = client.request({ type: "add", a: 1, b: 2 });
    const b = client.request({ type: "add", a: 5, b: 5 });
    expect(workers).toHaveLength(1);
    expect(a.id).not.toBe(b.id);
    expect(w().sent.map((s) => s.msg.id)).toEqual([a.id, b.id]);
    const r = await a.promise;
    expect(r.value).toBe(3);
    expect((await b.promise).value).toBe(10);
    expect(client.pending).toBe(0);
  });

  test("progress goes to onProgress until the final message; transfers are passed on", async () => {
    const { client, w } = setup();
    const steps: number[] = [];
    const buf = new ArrayBuffer(8);
    const job = client.request(
      { type: "slow", steps: 3 },
      { transfer: [buf], onProgress: (m) => m.type === "step" && steps.push(m.done) },
    );
    expect(w().sent[0]!.transfer).toEqual([buf]);
    for (let i = 1; i <= 3; i++) w().reply({ type: "step", id: job.id, done: i });
    w().reply({ type: "finished", id: job.id });
    await expect(job.promise).resolves.toEqual({ type: "finished", id: job.id });
    expect(steps).toEqual([1, 2, 3]);
  });

  test("a worker error rejects only that job, with its message", async () => {
    const { client } = setup();
    const bad = client.request({ type: "add", a: -1, b: 0 });
    const good = client.request({ type: "add", a: 1, b: 1 });
    const err = await bad.promise.catch((e: unknown) => e);
    expect(err).toEqual(new WorkerJobError("a: negative", "negative"));
    // The protocol's code travels with it (the CAM page picks its lead sentence by it).
    expect((err as WorkerJobError).code).toBe("negative");
    expect((await good.promise).value).toBe(2);
  });

  test("cancel settles at once, tells the worker, and ignores a late result", async () => {
    const { client, w } = setup();
    const stray: Res[] = [];
    client.onStray = (m) => stray.push(m);
    const job = client.request({ type: "slow", steps: 10 });
    job.cancel();
    await expect(job.promise).rejects.toSatisfy(isCancelled);
    expect(w().sent.at(-1)!.msg).toEqual({ type: "cancel", id: job.id });
    w().reply({ type: "finished", id: job.id });
    expect(stray).toEqual([{ type: "finished", id: job.id }]);
  });

  test("an abort signal cancels; the worker's own 'cancelled' rejects as cancelled", async () => {
    const { client, w } = setup();
    const ctl = new AbortController();
    const a = client.request({ type: "slow", steps: 1 }, { signal: ctl.signal });
    ctl.abort();
    await expect(a.promise).rejects.toSatisfy(isCancelled);
    const b = client.request({ type: "slow", steps: 1 });
    w().reply({ type: "cancelled", id: b.id });
    await expect(b.promise).rejects.toSatisfy(isCancelled);
  });

  test("a crash rejects every open job and later requests; a broadcast error fails all open jobs", async () => {
    const { client, w } = setup();
    const crashes: string[] = [];
    client.onCrash = (m) => crashes.push(m);
    const a = client.request({ type: "slow", steps: 1 });
    const b = client.request({ type: "slow", steps: 1 });
    w().reply({ type: "error", id: -1, message: "out of memory" });
    await expect(a.promise).rejects.toEqual(new WorkerJobError("out of memory"));
    await expect(b.promise).rejects.toEqual(new WorkerJobError("out of memory"));

    const c = client.request({ type: "slow", steps: 1 });
    w().crash("wasm trap");
    await expect(c.promise).rejects.toBeInstanceOf(WorkerCrashedError);
    const why = await c.promise.catch((e: unknown) => failureText(e, "test worker"));
    expect(why).toBe("The test worker stopped: wasm trap");
    expect(crashes).toEqual(["wasm trap"]);
    expect(w().terminated).toBe(true);
    await expect(client.request({ type: "add", a: 1, b: 1 }).promise).rejects.toThrow("wasm trap");
  });

  test("terminate ends the worker and cancels open jobs; the next request starts a new one", async () => {
    const { client, workers } = setup();
    const a = client.request({ type: "slow", steps: 1 });
    client.terminate();
    expect(workers[0]!.terminated).toBe(true);
    await expect(a.promise).rejects.toSatisfy(isCancelled);
    expect((await client.request({ type: "add", a: 2, b: 2 }).promise).value).toBe(4);
    expect(workers).toHaveLength(2);
  });

  test("send posts a notice that is no job; its failure reaches onStray; dead: false", async () => {
    const { client, workers, w } = setup();
    const stray: Res[] = [];
    client.onStray = (m) => stray.push(m);
    const buf = new ArrayBuffer(4);
    expect(client.send({ type: "forget", key: "a" }, [buf])).toBe(true);
    expect(workers).toHaveLength(1);
    expect(client.pending).toBe(0);
    const job = client.request({ type: "add", a: 1, b: 1 });
    expect(client.send({ type: "forget", key: "" })).toBe(true);
    const [first, , second] = w().sent;
    expect(first!.msg).toMatchObject({ type: "forget", key: "a" });
    expect(first!.transfer).toEqual([buf]);
    expect(new Set([first!.msg.id, job.id, second!.msg.id]).size).toBe(3);
    expect((await job.promise).value).toBe(2);
    await Promise.resolve();
    expect(stray).toEqual([{ type: "error", id: second!.msg.id, message: "forget: no key" }]);
    w().crash("gone");
    expect(client.send({ type: "forget", key: "a" })).toBe(false);
  });

  test("malformed messages are ignored", () => {
    const { client, w } = setup();
    const job = client.request({ type: "slow", steps: 1 });
    w().onmessage?.({ data: null } as MessageEvent);
    w().onmessage?.({ data: { type: "finished" } } as MessageEvent);
    expect(client.pending).toBe(1);
    job.cancel();
  });
});
