"use client";
/** Copy link, and links carrying the same configuration to /build and /compare. */
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { COMPARE_DEFAULTS, compareQuery } from "@/components/compare/state";
import { serializeExplorer } from "@/lib/state/explorer";

import { useExplorer } from "./store";

const btn =
  "inline-flex items-center gap-1 rounded-md border border-border bg-surface px-3 py-1.5 text-sm font-medium hover:bg-border/60";

export function ShareBar() {
  const params = useExplorer((s) => s.params);
  const query = useExplorer((s) => s.query);
  const [copied, setCopied] = useState<"ok" | "fail" | null>(null);
  const full = serializeExplorer(params, { full: true });
  const t = useTranslations("explorer.share");

  const copy = async (): Promise<void> => {
    // From the store, not location: the address bar is updated with a short delay.
    const url = `${window.location.origin}${window.location.pathname}${query ? `?${query}` : ""}`;
    try {
      await navigator.clipboard.writeText(url);
      setCopied("ok");
    } catch {
      // Clipboard blocked (permissions, insecure context): leave the URL selectable instead.
      window.prompt(t("prompt"), url);
      setCopied("fail");
    }
    window.setTimeout(() => setCopied(null), 2000);
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" onClick={copy} className={btn} data-testid="copy-link">
        {copied === "ok" ? t("copied") : t("copy")}
      </button>
      {/* No prefetch: the href changes on every slider move. */}
      <Link href={`/build?${full}`} prefetch={false} className={btn} data-testid="build-link">
        {t("build")}
      </Link>
      <Link
        href={`/compare?${compareQuery({ ...COMPARE_DEFAULTS, model: params.values.model })}`}
        prefetch={false}
        className={btn}
        data-testid="compare-link"
      >
        {t("compare")}
      </Link>
      <span className="sr-only" aria-live="polite">
        {copied === "ok" ? t("copiedAnnounce") : ""}
      </span>
    </div>
  );
}
