"use client";
/**
 * Every layer of the scaled network: collapsed by default (a B7 has ~800 layers), sortable
 * by any column, paginated when open, exportable as CSV (all rows, current sort).
 */
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";

import { csvFile } from "@/components/ui/download";
import { DownloadButton } from "@/components/ui/DownloadButton";
import type { LayerRow } from "@/lib/cost/analyze";
import { formatCompact, formatInt, formatShape } from "@/lib/format";

import { slug } from "./csv";
import { CONVENTIONS, countLayer, type Convention } from "@/lib/cost/conventions";

import { useExplorer } from "./store";

type Col = {
  readonly key: string;
  readonly label: string;
  readonly num: boolean;
  readonly get: (l: LayerRow, i: number) => number | string;
  readonly show?: (l: LayerRow) => string;
};

type Label = (key: "layer" | "op" | "stage" | "kernel" | "output" | "params") => string;

/** Columns; Params and Ops follow the "count as" convention (lib/cost/conventions.ts). */
function columns(c: Convention, t: Label): readonly Col[] {
  return [
    { key: "index", label: "#", num: true, get: (_, i) => i },
    { key: "name", label: t("layer"), num: false, get: (l) => l.name },
    { key: "op", label: t("op"), num: false, get: (l) => l.op },
    { key: "stage", label: t("stage"), num: true, get: (l) => l.stage + 1 },
    {
      key: "kernel",
      label: t("kernel"),
      num: true,
      get: (l) => l.kernel,
      show: (l) => (l.kernel ? `${l.kernel}×${l.kernel}/${l.stride}` : ""),
    },
    {
      key: "out",
      label: t("output"),
      num: true,
      get: (l) => l.outShape.reduce((a, b) => a * b, 1),
      show: (l) => formatShape(l.outShape),
    },
    {
      key: "params",
      label: t("params"),
      num: true,
      get: (l) => countLayer(c, l).params,
      show: (l) => formatInt(countLayer(c, l).params),
    },
    {
      key: "macs",
      label: c.opUnit,
      num: true,
      get: (l) => countLayer(c, l).ops,
      show: (l) => formatCompact(countLayer(c, l).ops),
    },
  ];
}

const PAGE = 50;

export function LayerTable() {
  const [open, setOpen] = useState(false);
  const count = useExplorer((s) => s.calc.layers.length);
  const t = useTranslations("explorer.layers");
  return (
    <section aria-labelledby="layers-h" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="layers-h" className="text-lg font-semibold">
          {t("heading")} <span className="text-sm font-normal text-muted">({count})</span>
        </h2>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="layer-table-body"
          data-testid="layers-toggle"
          onClick={() => setOpen((o) => !o)}
          className="rounded-md border border-border px-2 py-1 text-xs hover:bg-border/60"
        >
          {open ? t("hide") : t("show")}
        </button>
      </div>
      {open && <LayerTableBody />}
    </section>
  );
}

function LayerTableBody() {
  const layers = useExplorer((s) => s.calc.layers);
  const query = useExplorer((s) => s.query);
  const convention = CONVENTIONS[useExplorer((s) => s.params.values.convention)];
  const t = useTranslations("explorer.layers");
  const COLS = useMemo(() => columns(convention, t), [convention, t]);
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 }>({ key: "index", dir: 1 });
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => {
    const col = COLS.find((c) => c.key === sort.key) ?? COLS[0]!;
    const idx = layers.map((l, i) => ({ l, i, v: col.get(l, i) }));
    idx.sort((a, b) => {
      const c =
        typeof a.v === "number" && typeof b.v === "number"
          ? a.v - b.v
          : String(a.v).localeCompare(String(b.v));
      return c === 0 ? a.i - b.i : c * sort.dir;
    });
    return idx;
  }, [layers, sort, COLS]);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE));
  const p = Math.min(page, pages - 1);
  const rows = sorted.slice(p * PAGE, (p + 1) * PAGE);

  const exportCsv = () =>
    csvFile(
      `layers-${slug(query)}.csv`,
      [
        "index",
        "name",
        "op",
        "stage",
        "block",
        "kernel",
        "stride",
        "groups",
        "in_shape",
        "out_shape",
        "trainable_params",
        "non_trainable_params",
        "macs",
        `${convention.id}_params`,
        `${convention.id}_ops`,
      ],
      sorted.map(({ l, i }) => [
        i,
        l.name,
        l.op,
        l.stage + 1,
        l.block,
        l.kernel,
        l.stride,
        l.groups,
        l.inShape.join("x"),
        l.outShape.join("x"),
        l.trainableParams,
        l.nonTrainableParams,
        l.macs,
        countLayer(convention, l).params,
        countLayer(convention, l).ops,
      ]),
    );

  return (
    <div id="layer-table-body" className="space-y-2">
      <div className="overflow-x-auto rounded-lg border border-border" tabIndex={0}>
        <table className="w-full text-xs tabular-nums" data-testid="layer-table">
          <thead className="bg-background text-left text-muted">
            <tr>
              {COLS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={
                    sort.key === c.key ? (sort.dir === 1 ? "ascending" : "descending") : "none"
                  }
                  className={`px-2 py-1 ${c.num ? "text-right" : ""}`}
                >
                  <button
                    type="button"
                    data-testid={`sort-${c.key}`}
                    onClick={() => {
                      setSort((s) => ({
                        key: c.key,
                        dir:
                          s.key === c.key
                            ? (-s.dir as 1 | -1)
                            : c.num && c.key !== "index"
                              ? -1
                              : 1,
                      }));
                      setPage(0);
                    }}
                    className="font-medium hover:text-foreground"
                  >
                    {c.label}
                    {sort.key === c.key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ l, i }) => (
              <tr key={l.name} className="border-t border-border">
                {COLS.map((c) => (
                  <td
                    key={c.key}
                    className={`px-2 py-0.5 whitespace-nowrap ${c.num ? "text-right" : ""} ${c.key === "name" ? "font-mono" : ""}`}
                    translate={c.key === "name" || c.key === "op" ? "no" : undefined}
                  >
                    {c.show ? c.show(l) : c.get(l, i)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs">
        <div className="flex items-center gap-1">
          <button
            type="button"
            disabled={p === 0}
            onClick={() => setPage(p - 1)}
            className="rounded border border-border px-2 py-0.5 disabled:opacity-40"
          >
            {t("prev")}
          </button>
          <span aria-live="polite">{t("page", { page: String(p + 1), pages: String(pages) })}</span>
          <button
            type="button"
            disabled={p >= pages - 1}
            onClick={() => setPage(p + 1)}
            className="rounded border border-border px-2 py-0.5 disabled:opacity-40"
          >
            {t("next")}
          </button>
        </div>
        <DownloadButton variant="small" testId="layers-csv" make={exportCsv}>
          {t("exportCsv", { rows: String(sorted.length) })}
        </DownloadButton>
      </div>
    </div>
  );
}
