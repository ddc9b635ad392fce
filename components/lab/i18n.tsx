"use client";
/**
 * The Lab's words in the reader's language: durations, strategy names, the procedural
 * classes (a folder's class names are the user's data: shown as given, translate="no"),
 * and messages with markup (<raw> wraps English detail from lib/ or the browser).
 */
import { useTranslations } from "next-intl";
import { type ReactNode, useCallback } from "react";

import type { Msg, MsgValues } from "@/lib/i18n/msg";
import type { LabStrategy } from "@/lib/lab/strategies";

const TAGS = {
  raw: (c: ReactNode) => <span translate="no">{c}</span>,
  b: (c: ReactNode) => <strong translate="no">{c}</strong>,
  code: (c: ReactNode) => <code translate="no">{c}</code>,
};

/** `lab.<key>` with the tags above. */
export function useLabRich(): (key: string, values?: MsgValues) => ReactNode {
  const t = useTranslations("lab");
  return useCallback((key, values) => t.rich(key, { ...values, ...TAGS }), [t]);
}

/** A lib Msg under `lab.` with markup (its id is "lab.<key>"). */
export function useLabMsg(): (m: Msg) => ReactNode {
  const rich = useLabRich();
  return useCallback((m: Msg) => rich(m.id.replace(/^lab\./, ""), m.values), [rich]);
}

/** A duration: "42 s", "3 min 5 s" (and the same in Chinese units). */
export function useFormatMs(): (ms: number) => string {
  const t = useTranslations("lab.time");
  return useCallback(
    (ms: number) => {
      if (!Number.isFinite(ms)) return "–";
      const s = Math.round(ms / 1000);
      return s >= 60 ? t("minutes", { m: Math.floor(s / 60), s: s % 60 }) : t("seconds", { s });
    },
    [t],
  );
}

export function useStrategyLabel(): (s: LabStrategy) => string {
  const t = useTranslations("lab.strategies");
  return useCallback((s: LabStrategy) => t(s), [t]);
}

/** A class name: the procedural dataset's are translated, a folder's are data. */
export function ClassName({ name, kind }: { name: string; kind: "procedural" | "folder" }) {
  const t = useTranslations("lab.classes");
  return kind === "procedural" && t.has(name) ? <>{t(name)}</> : <span translate="no">{name}</span>;
}

export function useClassName(): (name: string, kind: "procedural" | "folder") => string {
  const t = useTranslations("lab.classes");
  return useCallback(
    (name: string, kind: "procedural" | "folder") =>
      kind === "procedural" && t.has(name) ? t(name) : name,
    [t],
  );
}

/** The backend a run trains on, in the reader's language where lib/ gave its parts. */
export function useBackendText(): (b: {
  readonly detail: string;
  readonly detailMsg?: Msg;
  readonly workers?: number;
}) => string {
  const t = useTranslations();
  return useCallback(
    (b) => {
      const m = b.detailMsg;
      if (!m || !t.has(m.id)) return b.detail;
      const workers = b.workers ?? 1;
      return t(m.id, m.values) + (workers > 1 ? t("lab.progress.workers", { n: workers }) : "");
    },
    [t],
  );
}
