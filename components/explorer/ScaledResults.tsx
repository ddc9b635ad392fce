"use client";
/**
 * The paper's scaled-baseline rows (the table the baseline's `paper` facts name: 3 for
 * MobileNetV1/V2 and ResNet-50, 7 for EfficientNet-B0; none for later baselines) with the user's configuration placed among them by FLOPs. Each row also
 * shows the MACs our counting rules give for its printed coefficients.
 */
import Link from "next/link";
import { useMemo } from "react";

import { csvFile } from "@/components/ui/download";
import { DownloadButton } from "@/components/ui/DownloadButton";
import { BASELINES } from "@/lib/arch/baselines";
import type { ModelId } from "@/lib/arch/types";
import { formatSig } from "@/lib/format";
import { labHref } from "@/lib/lab/state";
import { TABLE3, TABLE7 } from "@/lib/paper";
import type { ScaledResult } from "@/lib/paper/types";
import { macsOf } from "@/lib/scaling/invert";
import { scaleResolution } from "@/lib/scaling/rounding";

import { slug } from "./csv";
import { useExplorer } from "./store";

interface Row {
  readonly kind: "paper" | "you";
  readonly label: string;
  readonly flopsB: number;
  readonly top1: number | null;
  readonly ours: number | null;
  readonly source: string;
}

const cache = new Map<ModelId, Row[]>();

/** Published rows of one baseline with our MACs for their coefficients (computed once). */
function paperRows(model: ModelId): Row[] {
  let rows = cache.get(model);
  if (rows) return rows;
  const table = BASELINES[model].paper?.table;
  const src: readonly ScaledResult[] =
    table === 7 ? TABLE7 : table === 3 ? TABLE3.filter((r) => r.model === model) : [];
  const base = BASELINES[model].resolution;
  rows = src.map((r) => {
    const c = r.coefficients;
    const ours = c
      ? macsOf(model, c.width ?? 1, c.depth ?? 1, scaleResolution(base, c.resolution ?? 1)) / 1e9
      : null;
    return {
      kind: "paper" as const,
      label: r.label,
      flopsB: r.flopsB,
      top1: r.top1,
      ours,
      source: `table ${r.source.table}, row ${r.source.row}`,
    };
  });
  cache.set(model, rows);
  return rows;
}

export function ScaledResults() {
  const model = useExplorer((s) => s.params.values.model);
  const macs = useExplorer((s) => s.calc.totals.macs);
  const name = useExplorer((s) => s.name);
  const query = useExplorer((s) => s.query);
  const coef = useExplorer((s) => s.calc.coefficients);
  const published = useMemo(() => paperRows(model), [model]);
  const rows = useMemo(() => {
    const you: Row = {
      kind: "you",
      label: `Your network (${name})`,
      flopsB: macs / 1e9,
      top1: null,
      ours: macs / 1e9,
      source: "calculated",
    };
    return [...published, you].sort((a, b) => a.flopsB - b.flopsB);
  }, [published, macs, name]);
  const max = Math.max(...rows.map((r) => r.flopsB));
  const min = Math.min(...rows.map((r) => r.flopsB));
  const lg = (x: number) =>
    max > min ? (Math.log(x) - Math.log(min)) / (Math.log(max) - Math.log(min)) : 1;
  const paper = BASELINES[model].paper;
  const table = paper?.table ?? null;

  return (
    <section aria-labelledby="scaled-h" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="scaled-h" className="text-lg font-semibold">
          Scaling {BASELINES[model].name}{" "}
          <span className="text-sm font-normal text-muted">
            {table === null ? "(not in the paper)" : `(paper table ${table})`}
          </span>
        </h2>
        <DownloadButton
          variant="small"
          testId="scaled-csv"
          make={() =>
            csvFile(
              `${table === null ? "scaled" : `paper-table${table}`}-${slug(query)}.csv`,
              ["row", "published_flops_b", "top1", "our_macs_b", "source"],
              rows.map((r) => [
                r.label,
                r.kind === "paper" ? r.flopsB : "",
                r.top1 ?? "",
                r.ours ?? "",
                r.source,
              ]),
            )
          }
        >
          Export CSV
        </DownloadButton>
      </div>
      <div className="overflow-x-auto rounded-lg border border-border" tabIndex={0}>
        <table className="w-full text-sm tabular-nums" data-testid="scaled-table">
          <thead className="bg-background text-left text-xs text-muted">
            <tr>
              <th scope="col" className="px-2 py-1.5">
                Model
              </th>
              <th scope="col" className="px-2 py-1.5 text-right">
                FLOPS
              </th>
              <th scope="col" className="hidden w-1/4 px-2 py-1.5 sm:table-cell">
                <span className="sr-only">FLOPS, log scale</span>
              </th>
              <th scope="col" className="px-2 py-1.5 text-right">
                Top-1
              </th>
              <th
                scope="col"
                className="px-2 py-1.5 text-right"
                title="MACs our counting rules give for the printed coefficients"
              >
                Ours
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.label}
                data-you={r.kind === "you" || undefined}
                className={`border-t border-border ${r.kind === "you" ? "bg-accent/10 font-semibold" : ""}`}
                title={r.source}
              >
                <td className="px-2 py-1">{r.label}</td>
                <td className="px-2 py-1 text-right">
                  {formatSig(r.flopsB, r.kind === "you" ? 3 : 2)}B
                </td>
                <td className="hidden px-2 py-1 sm:table-cell">
                  <div className="h-2 rounded bg-border">
                    <div
                      className={`h-2 rounded ${r.kind === "you" ? "bg-accent" : "bg-muted/60"}`}
                      style={{ width: `${4 + 96 * lg(r.flopsB)}%` }}
                    />
                  </div>
                </td>
                <td className="px-2 py-1 text-right">
                  {r.top1 === null ? "?" : `${r.top1.toFixed(1)}%`}
                </td>
                <td className="px-2 py-1 text-right text-muted">
                  {r.ours === null ? "–" : `${formatSig(r.ours, 3)}B`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-muted">
        FLOPS as printed (multiply-adds, billions). Your network&apos;s accuracy is unknown: it
        would have to be trained:{" "}
        <Link
          className="text-accent underline"
          href={labHref({ model, ...coef })}
          data-testid="open-lab"
        >
          train it in the Lab
        </Link>
        .{" "}
        {paper
          ? paper.notes.join(" ")
          : `The EfficientNet paper publishes no scaled ${BASELINES[model].name}; only your network is shown.`}
      </p>
    </section>
  );
}
