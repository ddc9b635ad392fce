"use client";
/**
 * "Add Lab test images" on /cam: the next few test images of a Lab dataset, drawn here by the
 * Lab's generator (lib/lab/cam-images.ts, loaded on first use) one at a time (about 30 ms
 * each at 224 px), stored in the worker as raw pixels (put-image), each with its object's true
 * box, which the worker scores exactly as a drawn box.
 */
import { type Dispatch, type SetStateAction, useRef, useState } from "react";

import type { WorkerClient } from "@/components/ui/workerClient";
import { failureText } from "@/components/ui/workerClient";
import type { CamRequest, CamResponse } from "@/lib/tfjs/cam-protocol";

import { CAM_PROTOCOL, CAM_WORKER } from "./client";
import { type Problem, rawProblem, useModelName } from "./rich";
import { type ImageEntry, markReady, type ModelEntry } from "./types";

let counter = 0;

interface Options {
  client: WorkerClient<CamRequest, CamResponse, typeof CAM_PROTOCOL.final>;
  images: readonly ImageEntry[];
  setImages: Dispatch<SetStateAction<ImageEntry[]>>;
  setActiveImage: Dispatch<SetStateAction<string | null>>;
  setImageErrors: Dispatch<SetStateAction<Problem[]>>;
  /** A loaded model that records its Lab dataset, or none (the Lab's default dataset). */
  from: ModelEntry | undefined;
}

export function useLabImages(o: Options): { add: () => Promise<void>; note: Problem | null } {
  const [note, setNote] = useState<Problem | null>(null);
  const modelName = useModelName();
  // One batch at a time, so a second press continues after the first instead of repeating it.
  const adding = useRef(false);

  const add = async () => {
    if (adding.current) return;
    adding.current = true;
    try {
      o.setImageErrors([]);
      const lab = await import("@/lib/lab/cam-images");
      const dataset = o.from?.summary?.labDataset ?? lab.DEFAULT_LAB_CAM_DATASET;
      // Each press adds the next test images of that dataset.
      const start = o.images.reduce(
        (n, x) => (x.lab?.seed === dataset.seed ? Math.max(n, x.lab.index + 1) : n),
        0,
      );
      const count = lab.LAB_CAM_IMAGES.count;
      const values = { from: start, to: start + count - 1, seed: dataset.seed };
      setNote(
        o.from
          ? { key: "images.labAdded", values: { ...values, model: modelName(o.from) } }
          : { key: "images.labAddedDefault", values },
      );
      for (let k = 0; k < count; k++) {
        let im: ReturnType<typeof lab.labCamImages>[number];
        try {
          [im] = lab.labCamImages({ seed: dataset.seed, start: start + k, count: 1 });
        } catch (e) {
          o.setImageErrors([rawProblem("errors.raw", e)]);
          return;
        }
        const id = `lab${++counter}`;
        const info = { seed: im.seed, index: im.index, className: im.className, trueBox: im.box };
        o.setImages((is) => [
          ...is,
          { id, name: im.name, status: "decoding", box: im.box, lab: info },
        ]);
        if (k === 0) o.setActiveImage(id);
        const rgba = im.rgba.slice().buffer;
        try {
          await o.client.request(
            {
              type: "put-image",
              imageId: id,
              name: im.name,
              width: im.width,
              height: im.height,
              rgba,
            },
            { transfer: [rgba] },
          ).promise;
          const image = { width: im.width, height: im.height, data: im.rgba };
          o.setImages(
            markReady(id, {
              image,
              display: image, // 224 px: no smaller copy needed
              originalWidth: im.width,
              originalHeight: im.height,
            }),
          );
        } catch (e) {
          o.setImages((is) => is.filter((x) => x.id !== id));
          o.setActiveImage((a) => (a === id ? null : a));
          o.setImageErrors((es) => [
            ...es,
            rawProblem("errors.decode", failureText(e, CAM_WORKER)),
          ]);
        }
      }
    } finally {
      adding.current = false;
    }
  };
  return { add, note };
}
