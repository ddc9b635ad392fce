// @vitest-environment node
/**
 * The /cam page's protocol (CAM_PROTOCOL) over the shared WorkerClient, with the worker's
 * real logic (CamSession on wasm, the real MobileNet over HTTP, a real photo) behind an
 * in-process transport: load progress, results, errors as job errors, a Score-CAM cancel as
 * a cancel, notices that are no job; nothing leaks.
 */
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";

import { CAM_PROTOCOL } from "@/components/cam/client";
import {
  isCancelled,
  type Job,
  WorkerClient,
  WorkerJobError,
  type WorkerLike,
} from "@/components/ui/workerClient";
import { decodeImageNode } from "@/lib/image/decode-node";
import type { CamMethod } from "@/lib/tfjs/cam-methods";
import type { CamRequest, CamResponse } from "@/lib/tfjs/cam-protocol";
import { CamSession } from "@/lib/tfjs/cam-session";

import { imageBuffer, serveMobileNetOnWasm } from "../../lib/tfjs/cam-fixtures";

const model = serveMobileNetOnWasm();

/** A WorkerLike whose "worker" is a CamSession in this process. */
function inProcess(): {
  client: WorkerClient<CamRequest, CamResponse, typeof CAM_PROTOCOL.final>;
  sessions: CamSession[];
} {
  const sessions: CamSession[] = [];
  const client = new WorkerClient<CamRequest, CamResponse, typeof CAM_PROTOCOL.final>(() => {
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (m) => void session.handle(m as CamRequest),
      terminate: () => session.dispose(),
    };
    const session = new CamSession(
      (m) => queueMicrotask(() => w.onmessage?.({ data: m } as MessageEvent)),
      (b, n) => decodeImageNode(b, n),
    );
    sessions.push(session);
    return w;
  }, CAM_PROTOCOL);
  return { client, sessions };
}

/** An analyze request for model "a" and image "d", top classes. */
const mapOf = (method: CamMethod) =>
  ({
    type: "analyze",
    key: "a",
    imageId: "d",
    method,
    classes: "top",
    resize: "stretch",
    preprocess: "symmetric",
  }) as const;

describe("CAM_PROTOCOL over WorkerClient", () => {
  it("loads with progress, maps, cancels Score-CAM, reports errors, forgets images", async () => {
    const { client } = inProcess();
    const stray: CamResponse[] = [];
    client.onStray = (m) => stray.push(m);
    expect((await client.request({ type: "init" }).promise).backend).toBe("wasm");
    const before = tf.memory().numTensors;

    const loadProgress: number[] = [];
    const url = model.url();
    const loaded = await client.request(
      { type: "load", key: "a", source: { kind: "url", url } },
      { onProgress: (m) => m.type === "progress" && loadProgress.push(m.fraction) },
    ).promise;
    expect(loaded.summary.numClasses).toBeGreaterThanOrEqual(1000);
    expect(loadProgress.length).toBeGreaterThan(0);

    // A worker's failure is the job's error, with the worker's message.
    const bad = client.request({
      type: "decode",
      imageId: "x",
      name: "x.jpg",
      bytes: new ArrayBuffer(8),
    });
    await expect(bad.promise).rejects.toBeInstanceOf(WorkerJobError);
    const refused = client.request({
      type: "load",
      key: "b",
      source: { kind: "url", url },
      labels: ["cat", "dog"],
    });
    await expect(refused.promise).rejects.toThrow(/2 names but the model has 1000 outputs/);

    const decoded = await client.request({
      type: "decode",
      imageId: "d",
      name: "dog.jpg",
      bytes: imageBuffer("dog.jpg"),
    }).promise;
    expect(decoded.width).toBeGreaterThan(0);

    // Score-CAM: cancel once the first batch has reported; the job settles as cancelled and
    // the session's late "aborted" reply is no failure.
    let job: Job<Extract<CamResponse, { type: "result" }>> | null = null;
    const scoreProgress: number[] = [];
    job = client.request(mapOf("scorecam"), {
      onProgress: (m) => {
        if (m.type !== "progress") return;
        scoreProgress.push(m.fraction);
        job?.cancel();
      },
    });
    await expect(job.promise).rejects.toSatisfy(isCancelled);
    expect(scoreProgress.length).toBe(1);

    // The worker goes on: a Grad-CAM map of the same photo.
    const r = await client.request(mapOf("gradcam")).promise;
    expect(r.maps.length).toBeGreaterThan(0);
    expect(r.maps[0]!.grid.length).toBe(r.maps[0]!.width * r.maps[0]!.height);
    expect(stray.filter((m) => m.type !== "progress")).toEqual([
      { type: "error", id: job.id, code: "aborted", message: "Cancelled." },
    ]);

    // A notice: the image is forgotten, so the next map of it fails with a clear message.
    expect(client.send({ type: "forget-image", imageId: "d" })).toBe(true);
    const gone = client.request(mapOf("cam"));
    await expect(gone.promise).rejects.toThrow("image d is not decoded");

    await client.request({ type: "unload", key: "a" }).promise;
    expect(tf.memory().numTensors).toBe(before);
    client.terminate();
  }, 300_000);
});
