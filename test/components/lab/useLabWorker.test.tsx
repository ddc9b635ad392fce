// Runs in the "components" vitest project (jsdom); see vitest.config.ts.
/**
 * The page's handle on the Lab pool. The CI once saw a Start click whose message never left
 * the page ("Starting the worker…" for two minutes): the pool was made in an effect, and a
 * click that React handles before the page's effects have run found no pool. Here a layout
 * effect (which runs before any passive effect) sends on first mount.
 */
import { useLayoutEffect } from "react";
import { afterEach, describe, expect, it } from "vitest";

import { useLabWorker } from "@/components/lab/useLabWorker";
import { parseExperiment } from "@/lib/lab/experiment";
import type { LabPort, PortFactory } from "@/lib/lab/pool";
import type { FromLab, ToLab } from "@/lib/lab/protocol";
import { cleanup, render } from "@/test/components/intl";

afterEach(cleanup);

/** Records what the pool posts to each worker (the transport; the pool and hook are real). */
function recorder() {
  const posted: { index: number; msg: ToLab }[] = [];
  const terminated: number[] = [];
  const deliver: ((m: FromLab) => void)[] = [];
  const factory: PortFactory = (index, onMessage): LabPort => {
    deliver[index] = onMessage;
    return {
      post: (msg) => posted.push({ index, msg }),
      terminate: () => terminated.push(index),
    };
  };
  return { posted, terminated, deliver, factory };
}

const def = parseExperiment({ strategies: "base,compound", epochs: 1, trainImages: 16 });

function EarlyStart(props: { factory: PortFactory; ids: number[]; received: FromLab[] }): null {
  const { send } = useLabWorker((m) => props.received.push(m), props.factory);
  useLayoutEffect(() => {
    props.ids.push(send({ type: "start", experimentId: "x", def, prefer: "wasm" }));
  }, [send, props.ids]);
  return null;
}

describe("useLabWorker", () => {
  it("delivers a message sent before the component's effects have run", () => {
    const r = recorder();
    const ids: number[] = [];
    const received: FromLab[] = [];
    render(<EarlyStart factory={r.factory} ids={ids} received={received} />);
    expect(ids).toEqual([1]);
    // The pool asks worker 0 for the backend first, under the job's id.
    expect(r.posted).toHaveLength(1);
    expect(r.posted[0]).toMatchObject({ index: 0, msg: { type: "probe", id: 1, prefer: "wasm" } });
    // Its answers reach the page's handler.
    r.deliver[0]!({ type: "error", id: 1, message: "no backend" });
    expect(received).toEqual([{ type: "error", id: 1, message: "no backend" }]);
  });

  it("stops its workers when the page goes away", () => {
    const r = recorder();
    const { unmount } = render(<EarlyStart factory={r.factory} ids={[]} received={[]} />);
    expect(r.terminated).toEqual([]);
    unmount();
    expect(r.terminated).toEqual([0]);
  });
});
