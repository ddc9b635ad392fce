"use client";
/** The dataset the runs train on: how it is made to reward each dimension, and samples with boxes. */
import { useEffect, useState } from "react";

import { Card } from "@/components/build/ui";
import { proceduralDataset, type LabDataset } from "@/lib/lab/dataset";
import type { LabValues } from "@/lib/lab/state";

import Gallery from "./Gallery";

const PER_CLASS = 4;

export function DatasetSection({ values }: { values: LabValues }) {
  const [ds, setDs] = useState<LabDataset | null>(null);
  const { seed, resolution, data } = values;
  useEffect(() => {
    if (data !== "procedural") return;
    // Rendered after paint, off the first frame; 60 images take milliseconds.
    const t = setTimeout(() => {
      setDs(proceduralDataset({ seed, split: "train", count: PER_CLASS * 15, resolution }));
    }, 0);
    return () => clearTimeout(t);
  }, [seed, resolution, data]);
  return (
    <Card title="Dataset" id="lab-dataset">
      {data === "procedural" ? (
        <>
          <p className="mb-2 max-w-3xl text-sm text-muted">
            Ten classes drawn from a seed at any resolution, each image with its object&apos;s box.
            Some classes differ only by a fine texture or a small gap (1–3% of the image: lost at
            low resolution), some only by how the same parts are arranged (a receptive field over
            the whole object: depth), and every image varies in position, scale, rotation, colour,
            lighting, background and distractors (capacity: width). Training, validation and test
            images come from disjoint streams of the seed.
          </p>
          {ds ? (
            <Gallery dataset={ds} perClass={PER_CLASS} />
          ) : (
            <p className="text-sm text-muted">Rendering samples…</p>
          )}
        </>
      ) : (
        <p className="text-sm text-muted">
          Your folder: one subfolder per class; 20% of the images are held out for testing and 10%
          for validation (chosen by the seed). Folders have no boxes, so CAM scores are not shown.
        </p>
      )}
    </Card>
  );
}
