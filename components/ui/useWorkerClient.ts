"use client";
/** A WorkerClient owned by a component: made once, its worker terminated on unmount. */
import { useEffect, useState } from "react";

import {
  WorkerClient,
  type FinalMap,
  type Identified,
  type WorkerLike,
  type WorkerProtocol,
} from "./workerClient";

export function useWorkerClient<
  Req extends Identified,
  Res extends Identified,
  F extends FinalMap<Req, Res>,
>(create: () => WorkerLike, protocol: WorkerProtocol<Req, Res, F>): WorkerClient<Req, Res, F> {
  // The worker itself only starts on the first request (never on the server).
  const [client] = useState(() => new WorkerClient(create, protocol));
  useEffect(() => () => client.terminate(), [client]);
  return client;
}
