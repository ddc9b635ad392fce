"use client";
/** A number input bound to one key of the compare store; bad input is shown, not applied. */
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useStore } from "zustand";

import { formatValue } from "@/lib/state/props";

import { COMPARE_PROPS, type CompareKey } from "./state";
import type { CompareStore, InputProblem } from "./store";
import { useMsg } from "@/components/i18n/useMsg";

/** "; using the default 4" in either language. */
const USING = /[;；]\s*(?:using|使用).*$/;

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
  const [text, setText] = useState(initial);
  const [err, setErr] = useState<InputProblem | null>(null);
  const t = useTranslations("compare.fields");
  const tn = useTranslations("notes");
  const render = useMsg();
  const id = useId();
  // The value is refused, not replaced, so the note's "using the default ..." part is cut.
  const problemText = (p: InputProblem): string =>
    p.msgs.length
      ? p.msgs
          .map((m) => render(m))
          .join(tn("separator"))
          .replace(USING, "")
      : p.text.replace(/^[^:]*: /, "");
  const commit = (raw: string) => {
    if (raw.trim() === initial) return;
    setErr(store.getState().set(k, raw));
  };
  return (
    <label htmlFor={id} className="flex flex-col text-xs text-muted">
      {t(k)}
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
          {t("error", { label: t(k), text: problemText(err) })}
        </span>
      ) : null}
    </label>
  );
}
