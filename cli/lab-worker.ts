/**
 * One worker thread of `npm run -s lab -- --workers N`: a LabSession, as in the browser's
 * workers/lab.worker.ts, with Node's image decoder and `--save` writer.
 */
import { parentPort, workerData } from "node:worker_threads";

import * as tf from "@tensorflow/tfjs";

import { decodeImageNode } from "../lib/image/decode-node";
import { selectTrainingBackend } from "../lib/lab/backend";
import type { ToLab } from "../lib/lab/protocol";
import { LabSession } from "../lib/lab/session";
import { saveModelTo } from "./lab-save";

const port = parentPort;
if (!port) throw new Error("cli/lab-worker.ts runs as a worker thread");
tf.enableProdMode();
const save = (workerData as { save?: string } | null)?.save;
const session = new LabSession(
  (m, transfer) => port.postMessage(m, (transfer ?? []) as ArrayBuffer[]),
  {
    selectBackend: (prefer) => selectTrainingBackend(prefer),
    decode: decodeImageNode,
    ...(save !== undefined ? { saveModel: saveModelTo(save) } : {}),
  },
);
port.on("message", (m: ToLab) => void session.handle(m));
