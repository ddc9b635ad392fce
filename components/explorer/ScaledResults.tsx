"use client";
/**
 * The paper's scaled-baseline rows (the table the baseline's `paper` facts name: 3 for
 * MobileNetV1/V2 and ResNet-50, 7 for EfficientNet-B0; none for later baselines) with the user's configuration placed among them by FLOPs. Each row also
 * shows the MACs our counting rules give for its printed coefficients.
 */
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, type ReactNode } from "react";

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
import { useDataTag } from "./rich";
import { useExplorer } from "./store";

interface Row {
  readonly kind: "paper" | "you";
  /** English, as printed (the CSV's row column). */
  readonly label: string;
  readonly result: ScaledResult | null;
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
      result: r,
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
  const data = useDataTag();
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
      result: null,
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
  const t = useTranslations("explorer.scaled");
  const rowLabel = (r: Row): ReactNode =>
    r.result === null ? t.rich("you", { name, data }) : scaledLabel(r.result, t as unknown as RowT);
  const source = (r: Row): string =>
    r.result === null
      ? t("calculated")
      : t("source", {
          table: String(r.result.source.table),
          row: String(r.result.source.row),
        });

  return (
    <section aria-labelledby="scaled-h" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="scaled-h" className="text-lg font-semibold">
          {t.rich("heading", { name: BASELINES[model].name, data })}{" "}
          <span className="text-sm font-normal text-muted">
            {table === null ? t("notInPaper") : t("paperTable", { table: String(table) })}
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
          {t("exportCsv")}
        </DownloadButton>
      </div>
      <div className="overflow-x-auto rounded-lg border border-border" tabIndex={0}>
        <table className="w-full text-sm tabular-nums" data-testid="scaled-table">
          <thead className="bg-background text-left text-xs text-muted">
            <tr>
              <th scope="col" className="px-2 py-1.5">
                {t("model")}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right">
                {t("flops")}
              </th>
              <th scope="col" className="hidden w-1/4 px-2 py-1.5 sm:table-cell">
                <span className="sr-only">{t("flopsLog")}</span>
              </th>
              <th scope="col" className="px-2 py-1.5 text-right">
                {t("top1")}
              </th>
              <th scope="col" className="px-2 py-1.5 text-right" title={t("oursTitle")}>
                {t("ours")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.label}
                data-you={r.kind === "you" || undefined}
                className={`border-t border-border ${r.kind === "you" ? "bg-accent/10 font-semibold" : ""}`}
                title={source(r)}
              >
                <td className="px-2 py-1">{rowLabel(r)}</td>
                <td className="px-2 py-1 text-right">
                  {`${formatSig(r.flopsB, r.kind === "you" ? 3 : 2)}B`}
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
        {t.rich("caption", {
          lab: (c) => (
            <Link
              className="text-accent underline"
              href={labHref({ model, ...coef })}
              data-testid="open-lab"
            >
              {c}
            </Link>
          ),
        })}{" "}
        {paper
          ? paper.notes.map((n) => paperNote(n, t as unknown as RowT)).join(" ")
          : t.rich("noRows", { name: BASELINES[model].name, data })}
      </p>
    </section>
  );
}

/** The slice of the translator the row labels use (keys under explorer.scaled). */
export type RowT = {
  (key: string, values?: Record<string, string>): string;
  has: (key: string) => boolean;
};

/** A lib/paper note in the reader's language (the English as given when not catalogued). */
const PAPER_NOTES: Readonly<Record<string, string>> = {
  "The paper's d=4 and w=2 ResNet-50 rows look swapped against the counting rules.":
    "paperNotes.swapped",
  "The paper does not give the compound coefficients for this baseline.":
    "paperNotes.noCoefficients",
};

function paperNote(note: string, t: RowT): string {
  const key = PAPER_NOTES[note];
  return key ? t(key) : note;
}

/**
 * A table 3 / table 7 row label in the reader's language, rebuilt from the row's data
 * (strategy, printed coefficients); the English matches the printed labels exactly.
 */
export function scaledLabel(r: ScaledResult, t: RowT): string {
  const name = BASELINES[r.model].name;
  const c = r.coefficients ?? {};
  const v = {
    name,
    d: String(c.depth ?? ""),
    w: String(c.width ?? ""),
    r: String(c.resolution ?? ""),
  };
  // Table 7 calls EfficientNet-B0 "the model"; table 3 names the baseline.
  const t7 = r.source.table === 7;
  switch (r.strategy) {
    case "baseline":
      return t(t7 ? "rows.baselineModel" : "rows.baseline", v);
    case "depth":
      return t(t7 ? "rows.modelDepth" : "rows.depth", v);
    case "width":
      return t(t7 ? "rows.modelWidth" : "rows.width", v);
    case "resolution":
      return t(t7 ? "rows.modelResolution" : "rows.resolution", v);
    case "compound":
      if (r.coefficients?.depth === undefined) return t("rows.compoundNamed", v);
      return t(t7 ? "rows.modelCompound" : "rows.compound", v);
  }
}
