"use client";
/** The dataset the runs train on: how it is made to reward each dimension, and samples with boxes. */
import { useTranslations } from "next-intl";
import { memo, useEffect, useState } from "react";

import { Card } from "@/components/build/ui";
import { proceduralDataset, type LabDataset } from "@/lib/lab/dataset";
import type { LabValues } from "@/lib/lab/state";

import Gallery from "./Gallery";

const PER_CLASS = 4;

export const DatasetSection = memo(function DatasetSection({ values }: { values: LabValues }) {
  const [ds, setDs] = useState<LabDataset | null>(null);
  const { seed, resolution, data } = values;
  const t = useTranslations("lab.dataset");
  useEffect(() => {
    if (data !== "procedural") return;
    // Rendered after paint, off the first frame; 60 images take milliseconds.
    const t = setTimeout(() => {
      setDs(proceduralDataset({ seed, split: "train", count: PER_CLASS * 15, resolution }));
    }, 0);
    return () => clearTimeout(t);
  }, [seed, resolution, data]);
  return (
    <Card title={t("title")} id="lab-dataset">
      {data === "procedural" ? (
        <>
          <p className="mb-2 max-w-3xl text-sm text-muted">{t("procedural")}</p>
          {ds ? (
            <Gallery dataset={ds} perClass={PER_CLASS} />
          ) : (
            <p className="text-sm text-muted">{t("rendering")}</p>
          )}
        </>
      ) : (
        <p className="text-sm text-muted">{t("folder")}</p>
      )}
    </Card>
  );
});
