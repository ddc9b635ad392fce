// Starts a TypeScript worker thread (cli/lab-worker.ts) under tsx: worker threads do not
// inherit the main thread's loader hooks.
import { workerData } from "node:worker_threads";

import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
