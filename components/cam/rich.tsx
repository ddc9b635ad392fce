"use client";
/**
 * The /cam page's messages with markup: `<raw>` wraps data and English detail from lib/ or
 * the browser (file names, URLs, error text), which stays as given (translate="no");
 * `<m>` and `<c>` are emphasised method and class names (class names are the model's own
 * data, kept in English); `<code>` is a path.
 */
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback } from "react";

import type { MsgValues } from "@/lib/i18n/msg";

const TAGS = {
  raw: (c: ReactNode) => <span translate="no">{c}</span>,
  m: (c: ReactNode) => <span className="font-medium">{c}</span>,
  c: (c: ReactNode) => (
    <span className="font-medium" translate="no">
      {c}
    </span>
  ),
  /** The top-1 class in a comparison row (tests find it by its test id). Not named `top`:
   * tags and values share one namespace, and `{top}` is the class name. */
  top1: (c: ReactNode) => (
    <span className="font-medium" translate="no" data-testid="compare-top1">
      {c}
    </span>
  ),
  code: (c: ReactNode) => (
    <code className="text-xs" translate="no">
      {c}
    </code>
  ),
};

/** A message key (under `cam.`) with values, for text that may carry <raw> parts. */
export interface Problem {
  readonly key: string;
  readonly values?: MsgValues;
}

/** Renders `cam.<key>` with the tags above. */
export function useCamRich(): (key: string, values?: MsgValues) => ReactNode {
  const t = useTranslations("cam");
  return useCallback((key, values) => t.rich(key, { ...values, ...TAGS }), [t]);
}

export function ProblemText({ p }: { p: Problem }) {
  return <>{useCamRich()(p.key, p.values)}</>;
}

/** An English error text from lib/ or the browser under a translated lead. */
export const rawProblem = (key: string, e: unknown): Problem => ({
  key,
  values: { detail: e instanceof Error ? e.message : String(e) },
});

/** A model's name as shown: its message when it has one, else its own (data) name. */
export function useModelName(): (m: { label: string; labelMsg?: Problem }) => string {
  const t = useTranslations("cam");
  return useCallback(
    (m: { label: string; labelMsg?: Problem }) =>
      m.labelMsg ? t(m.labelMsg.key, m.labelMsg.values) : m.label,
    [t],
  );
}

/** The name in a span; a name that is data (a file, a URL, a model's id) is translate="no". */
export function ModelName({ m }: { m: { label: string; labelMsg?: Problem } }) {
  const name = useModelName()(m);
  return m.labelMsg ? <>{name}</> : <span translate="no">{name}</span>;
}
