"use client";
/**
 * A labelled range slider with a numeric box beside it, both bound to one NumberProp.
 * The slider covers the prop's UI range; the box accepts anything (typing, arrow keys) and
 * the store corrects out-of-range or malformed input with a note. Screen readers get the
 * label and `valueText` (e.g. "φ 3.5: depth ×1.89, width ×1.40, 365 px").
 */
import { useTranslations } from "next-intl";
import { memo, useId, useState } from "react";

import type { NumberProp } from "@/lib/state/props";
import { formatValue } from "@/lib/state/props";

export interface SliderFieldProps {
  readonly name: string;
  readonly prop: NumberProp;
  readonly value: number;
  readonly onChange: (name: string, raw: string | number) => void;
  readonly label?: string;
  /** Narrower slider range than prop.ui (e.g. phi's feasible interval). */
  readonly min?: number;
  readonly max?: number;
  readonly valueText?: string;
  readonly hint?: string;
}

function SliderFieldImpl({
  name,
  prop,
  value,
  onChange,
  label = prop.label,
  min = prop.ui.min,
  max = prop.ui.max,
  valueText,
  hint,
}: SliderFieldProps) {
  const id = useId();
  const t = useTranslations("explorer.slider");
  const shown = formatValue(prop, value);
  // The box shows the value (following the slider, resets, links) except while the user is
  // editing it: then their text, until blur. Derived in render, not synced in an effect: an
  // effect's setState would cost a second render on every slider move.
  const [draft, setDraft] = useState<string | null>(null);

  const commitText = (text: string): void => {
    onChange(name, text);
  };
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);

  return (
    <div className="space-y-1" data-field={name}>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={`${id}-range`} className="text-sm font-medium">
          {label}
        </label>
        {hint && <span className="text-xs text-muted">{hint}</span>}
      </div>
      <div className="flex items-center gap-3">
        {/* No name attribute: React 19 clears and sets an input's name on every update, a
            form-control rename per slider move, and nothing submits these as a form. */}
        <input
          id={`${id}-range`}
          type="range"
          data-testid={`slider-${name}`}
          min={lo}
          max={hi}
          step={prop.ui.step}
          value={Math.min(hi, Math.max(lo, value))}
          aria-valuetext={valueText ?? `${label} ${shown}`}
          onChange={(e) => onChange(name, Number(e.currentTarget.value))}
          className="h-2 min-w-0 flex-1 cursor-pointer accent-[var(--accent)]"
        />
        <input
          type="number"
          inputMode="decimal"
          aria-label={t("valueLabel", { label })}
          data-testid={`input-${name}`}
          min={prop.min}
          max={prop.max}
          step={prop.ui.step}
          value={draft ?? shown}
          onBlur={(e) => {
            if (e.currentTarget.value !== shown) commitText(e.currentTarget.value);
            setDraft(null);
          }}
          onChange={(e) => {
            const t = e.currentTarget.value;
            setDraft(t);
            // Commit complete numbers at once (typing, arrow keys); anything else on blur/Enter.
            const n = Number(t);
            if (t.trim() !== "" && Number.isFinite(n) && n >= prop.min && n <= prop.max)
              commitText(t);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") commitText(e.currentTarget.value);
          }}
          className="w-24 rounded-md border border-border bg-surface px-2 py-1 text-right font-mono text-sm tabular-nums"
        />
      </div>
    </div>
  );
}

export const SliderField = memo(SliderFieldImpl);
