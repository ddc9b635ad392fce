"use client";
/** Totals of the scaled network, each with its ratio to the baseline. Exact integers in data-value. */
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
  return (
    <div
      className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm"
      data-testid="count-as-panel"
    >
      <label htmlFor="count-as" className="font-medium">
        Count as
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
            {CONVENTIONS[k].label}
          </option>
        ))}
      </select>
      <span title={c.tool}>
        <span
          className="font-mono tabular-nums"
          data-testid="convention-params"
          data-value={t.params}
        >
          {formatInt(t.params)}
        </span>{" "}
        params,{" "}
        <span className="font-mono tabular-nums" data-testid="convention-ops" data-value={t.ops}>
          {formatCompact(t.ops)}
        </span>{" "}
        {t.opUnit} ({formatRatio(b.ops === 0 ? 1 : t.ops / b.ops)} base)
      </span>
    </div>
  );
}

export function Totals() {
  const t = useExplorer((s) => s.calc.totals);
  const b = useExplorer((s) => s.baseline.totals);
  const rows: Row[] = [
    {
      id: "trainable-params",
      label: "Trainable params",
      value: t.trainableParams,
      base: b.trainableParams,
      text: formatCompact(t.trainableParams),
      exact: formatInt(t.trainableParams),
    },
    {
      id: "non-trainable-params",
      label: "Non-trainable params",
      note: "BN statistics",
      value: t.nonTrainableParams,
      base: b.nonTrainableParams,
      text: formatCompact(t.nonTrainableParams),
      exact: formatInt(t.nonTrainableParams),
    },
    {
      id: "macs",
      label: "MACs",
      note: "the paper's “FLOPS”",
      value: t.macs,
      base: b.macs,
      text: formatCompact(t.macs),
      exact: formatInt(t.macs),
    },
    {
      id: "flops",
      label: "FLOPs",
      note: "2 × MACs",
      value: t.flops,
      base: b.flops,
      text: formatCompact(t.flops),
      exact: formatInt(t.flops),
    },
    {
      id: "weight-bytes",
      label: "Weight memory",
      note: "fp32",
      value: t.weightBytes.fp32,
      base: b.weightBytes.fp32,
      text: formatBytes(t.weightBytes.fp32),
      exact: `${formatInt(t.weightBytes.fp32)} bytes; fp16 ${formatBytes(t.weightBytes.fp16)}, int8 ${formatBytes(t.weightBytes.int8)}`,
    },
    {
      id: "peak-activation-bytes",
      label: "Peak activations",
      note: "fp32, batch 1",
      value: t.peakActivationBytes,
      base: b.peakActivationBytes,
      text: formatBytes(t.peakActivationBytes),
      exact: `${formatInt(t.peakActivationBytes)} bytes at ${t.peakActivationLayer}`,
    },
  ];
  return (
    <section aria-labelledby="totals-h">
      <h2 id="totals-h" className="sr-only">
        Totals
      </h2>
      <CountAs />
      <dl className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
        {rows.map((r) => (
          <div
            key={r.id}
            className="rounded-lg border border-border bg-surface p-3 [contain:content]"
            title={r.exact}
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
              >
                {r.text}
              </span>
              <span
                className="ml-2 text-xs whitespace-nowrap text-muted tabular-nums"
                data-testid={`${r.id}-ratio`}
              >
                {formatRatio(r.base === 0 ? 1 : r.value / r.base)} base
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
