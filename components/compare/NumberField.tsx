"use client";
/** A number input bound to one key of the compare store; bad input is shown, not applied. */
import { useId, useState } from "react";
import { useStore } from "zustand";

import { formatValue } from "@/lib/state/props";

import { COMPARE_PROPS, type CompareKey } from "./state";
import type { CompareStore } from "./store";

interface Props {
  store: CompareStore;
  k: CompareKey;
  width?: string;
}

export function NumberField(props: Props) {
  const value = useStore(props.store, (s) => s.values[props.k]);
  const shown = formatValue(COMPARE_PROPS[props.k], value);
  // Remounts (fresh text, no error) whenever the store's value changes, e.g. from the URL.
  return <Field key={`${props.k}:${shown}`} {...props} initial={shown} />;
}

function Field({ store, k, width = "w-24", initial }: Props & { initial: string }) {
  const prop = COMPARE_PROPS[k];
  const [text, setText] = useState(initial);
  const [err, setErr] = useState<string | null>(null);
  const id = useId();
  const commit = (raw: string) => {
    if (raw.trim() === initial) return;
    setErr(store.getState().set(k, raw));
  };
  return (
    <label htmlFor={id} className="flex flex-col text-xs text-muted">
      {prop.label}
      <input
        id={id}
        inputMode="decimal"
        value={text}
        data-testid={`field-${k}`}
        aria-invalid={err ? true : undefined}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit(e.currentTarget.value);
        }}
        className={`${width} rounded-md border bg-background px-2 py-1 text-sm text-foreground tabular-nums ${err ? "border-red-500" : "border-border"}`}
      />
      {err ? (
        <span role="alert" className="max-w-48 text-red-600 dark:text-red-400">
          {err}
        </span>
      ) : null}
    </label>
  );
}
