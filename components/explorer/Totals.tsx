"use client";
/** Totals of the scaled network, each with its ratio to the baseline. Exact integers in data-value. */
import { useTranslations } from "next-intl";

import { BASELINES } from "@/lib/arch/baselines";
import { CONVENTION_IDS, CONVENTIONS, countTotals } from "@/lib/cost/conventions";
import { formatBytes, formatCompact, formatInt, formatRatio } from "@/lib/format";

import { useExplorer } from "./store";

interface Row {
  readonly id: string;
  readonly label: string;
  readonly note?: string;
  readonly value: number;
  readonly base: number;
  readonly text: string;
  readonly exact: string;
}

/** The "count as" switch: the same network as each tool counts it (lib/cost/conventions.ts). */
function CountAs() {
  const id = useExplorer((s) => s.params.values.convention);
  const calc = useExplorer((s) => s.calc);
  const base = useExplorer((s) => s.baseline);
  const setValue = useExplorer((s) => s.setValue);
  const c = CONVENTIONS[id];
  const baseline = BASELINES[calc.request.model];
  const t = countTotals(c, calc, baseline);
  const b = countTotals(c, base, baseline);
  const tr = useTranslations("explorer.totals");
  const tc = useTranslations("explorer.conventions");
  return (
    <div
      className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm"
      data-testid="count-as-panel"
    >
      <label htmlFor="count-as" className="font-medium">
        {tr("countAs")}
      </label>
      <select
        id="count-as"
        data-testid="count-as"
        value={id}
        onChange={(e) => setValue("convention", e.currentTarget.value)}
        className="rounded-md border border-border bg-surface px-2 py-1 text-sm"
      >
        {CONVENTION_IDS.map((k) => (
          <option key={k} value={k}>
            {tc(`${k}.label`)}
          </option>
        ))}
      </select>
      <span title={tc(`${id}.tool`)}>
        {tr.rich("paramsOps", {
          params: () => (
            <span
              className="font-mono tabular-nums"
              data-testid="convention-params"
              data-value={t.params}
            >
              {formatInt(t.params)}
            </span>
          ),
          ops: () => (
            <span
              className="font-mono tabular-nums"
              data-testid="convention-ops"
              data-value={t.ops}
            >
              {formatCompact(t.ops)}
            </span>
          ),
          unit: t.opUnit,
          ratio: formatRatio(b.ops === 0 ? 1 : t.ops / b.ops),
        })}
      </span>
    </div>
  );
}

export function Totals() {
  const t = useExplorer((s) => s.calc.totals);
  const b = useExplorer((s) => s.baseline.totals);
  const tr = useTranslations("explorer.totals");
  const rows: Row[] = [
    {
      id: "trainable-params",
      label: tr("trainableParams"),
      value: t.trainableParams,
      base: b.trainableParams,
      text: formatCompact(t.trainableParams),
      exact: formatInt(t.trainableParams),
    },
    {
      id: "non-trainable-params",
      label: tr("nonTrainableParams"),
      note: tr("bnStatistics"),
      value: t.nonTrainableParams,
      base: b.nonTrainableParams,
      text: formatCompact(t.nonTrainableParams),
      exact: formatInt(t.nonTrainableParams),
    },
    {
      id: "macs",
      label: tr("macs"),
      note: tr("macsNote"),
      value: t.macs,
      base: b.macs,
      text: formatCompact(t.macs),
      exact: formatInt(t.macs),
    },
    {
      id: "flops",
      label: tr("flops"),
      note: tr("flopsNote"),
      value: t.flops,
      base: b.flops,
      text: formatCompact(t.flops),
      exact: formatInt(t.flops),
    },
    {
      id: "weight-bytes",
      label: tr("weightMemory"),
      note: tr("fp32"),
      value: t.weightBytes.fp32,
      base: b.weightBytes.fp32,
      text: formatBytes(t.weightBytes.fp32),
      exact: tr("weightExact", {
        bytes: formatInt(t.weightBytes.fp32),
        fp16: formatBytes(t.weightBytes.fp16),
        int8: formatBytes(t.weightBytes.int8),
      }),
    },
    {
      id: "peak-activation-bytes",
      label: tr("peakActivations"),
      note: tr("peakNote"),
      value: t.peakActivationBytes,
      base: b.peakActivationBytes,
      text: formatBytes(t.peakActivationBytes),
      exact: tr("peakExact", {
        bytes: formatInt(t.peakActivationBytes),
        layer: t.peakActivationLayer,
      }),
    },
  ];
  return (
    <section aria-labelledby="totals-h">
      <h2 id="totals-h" className="sr-only">
        {tr("heading")}
      </h2>
      <CountAs />
      <dl className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
        {rows.map((r) => (
          <div
            key={r.id}
            className="rounded-lg border border-border bg-surface p-3 [contain:content]"
          >
            <dt className="text-xs text-muted">
              {r.label}
              {r.note && <span className="block text-[11px] opacity-80">{r.note}</span>}
            </dt>
            <dd className="mt-1">
              <span
                className="font-mono text-lg font-semibold tabular-nums"
                data-testid={r.id}
                data-value={r.value}
                // The exact figures name a layer (data), so the hover text is not checked as prose.
                title={r.exact}
                translate="no"
              >
                {r.text}
              </span>
              <span
                className="ml-2 text-xs whitespace-nowrap text-muted tabular-nums"
                data-testid={`${r.id}-ratio`}
              >
                {tr("ratioBase", { ratio: formatRatio(r.base === 0 ? 1 : r.value / r.base) })}
              </span>
              <span className="block truncate font-mono text-[11px] text-muted tabular-nums">
                {formatInt(r.value)}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
