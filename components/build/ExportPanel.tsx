"use client";
/** Downloads (tfjs model.json + weights.bin, Keras JSON config) and Keras / PyTorch code. */
import { useTranslations } from "next-intl";
import { useState } from "react";

import type { NetworkSpec } from "@/lib/arch/types";
import { codeSnippets } from "@/lib/tfjs/snippets";

import { ErrorDetail, MsgText } from "@/components/i18n/MsgText";
import { btn, Card } from "./ui";

export function ExportPanel({
  spec,
  enabled,
  busy,
  error,
  onExport,
}: {
  spec: NetworkSpec;
  enabled: boolean;
  busy: boolean;
  error: string | null;
  onExport: (what: "tfjs" | "keras") => void;
}) {
  const t = useTranslations("build.export");
  const data = (chunks: React.ReactNode) => <span translate="no">{chunks}</span>;
  const snippets = codeSnippets(spec);
  const [tab, setTab] = useState(0);
  const [copied, setCopied] = useState(false);
  const s = snippets[tab] ?? snippets[0]!;
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(s.code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Card id="export-panel" title={t("title")}>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={btn}
          disabled={!enabled || busy}
          onClick={() => onExport("tfjs")}
          data-testid="export-tfjs"
        >
          {t.rich("tfjs", { f: data })}
        </button>
        <button
          type="button"
          className={btn}
          disabled={!enabled || busy}
          onClick={() => onExport("keras")}
          data-testid="export-keras"
        >
          {t("keras")}
        </button>
        {busy && <span className="self-center text-xs text-muted">{t("serialising")}</span>}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-600 dark:text-rose-400">
          <ErrorDetail lead={t("errorLead")} detail={error} />
        </p>
      )}
      <div className="mt-4">
        <div
          role="tablist"
          aria-label={t("snippets")}
          className="flex flex-wrap gap-1 border-b border-border"
        >
          {snippets.map((sn, i) => (
            <button
              key={sn.id}
              role="tab"
              type="button"
              aria-selected={i === tab}
              onClick={() => setTab(i)}
              data-testid={`snippet-tab-${sn.id}`}
              className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${i === tab ? "border-accent font-medium text-accent" : "border-transparent text-muted hover:text-foreground"}`}
            >
              {t.rich(`tab.${sn.id}`, { data })}
            </button>
          ))}
        </div>
        <div role="tabpanel" className="relative mt-2">
          <pre
            tabIndex={0}
            translate="no"
            className="overflow-x-auto rounded-md pr-16 bg-slate-900 p-3 text-xs leading-relaxed text-slate-100 dark:bg-black/60"
            data-testid="snippet-code"
          >
            <code>{s.code}</code>
          </pre>
          <button
            type="button"
            onClick={() => void copy()}
            className="absolute top-2 right-2 rounded border border-slate-600 bg-slate-800 px-2 py-0.5 text-[11px] text-slate-100 hover:bg-slate-700"
          >
            {copied ? t("copied") : t("copy")}
          </button>
          {s.notes.length > 0 && (
            <ul className="mt-2 list-disc space-y-0.5 pl-5 text-xs text-muted">
              {s.notes.map((n, i) => (
                <li key={n}>
                  <MsgText m={s.noteMsgs[i]} english={n} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Card>
  );
}
