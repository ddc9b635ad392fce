/** Small shared pieces of the /build page. */
import type { ReactNode } from "react";

import { BUTTON_CLASS } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";

/** The shared button styles (components/ui/Button.tsx) under the names this page uses. */
export const btn = BUTTON_CLASS.default;
export const btnPrimary = BUTTON_CLASS.primary;
export const input =
  "w-full rounded-md border border-border bg-background px-2 py-1 text-sm tabular-nums focus:border-accent";

export { Card };

export function Stat({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: ReactNode;
  note?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="rounded-md border border-border bg-background/60 p-2.5">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="mt-0.5 font-mono text-sm font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {note && <dd className="mt-0.5 text-[11px] text-muted">{note}</dd>}
    </div>
  );
}

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const pct = max > 0 ? Math.min(100, (100 * value) / max) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      className="h-2.5 w-full overflow-hidden rounded-full bg-border"
    >
      <div
        className="h-full rounded-full bg-accent transition-[width] duration-150"
        style={{ width: `${pct}%` }}
      />
    </div>
  );
}

export function shape(s: readonly number[]): string {
  return `${s.join(" × ")}`;
}
