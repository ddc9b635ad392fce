"use client";
/**
 * A button that makes a file and saves it. `make` may be async (PNG encoding, a worker
 * round trip); while it runs the button is busy, and a failure is shown beside it.
 */
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";

import { Button, type ButtonVariant } from "./Button";
import { download, type Downloadable } from "./download";

export interface DownloadFile {
  readonly data: Downloadable;
  readonly filename: string;
  readonly type?: string;
}

export function DownloadButton({
  make,
  children,
  variant = "default",
  disabled = false,
  testId,
  title,
}: {
  /** The file(s) to save; null saves nothing (e.g. nothing to export yet). */
  make: () =>
    | DownloadFile
    | readonly DownloadFile[]
    | null
    | Promise<DownloadFile | readonly DownloadFile[] | null>;
  children: ReactNode;
  variant?: ButtonVariant;
  disabled?: boolean;
  testId?: string;
  title?: string;
}) {
  const t = useTranslations("common.ui.download");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (): Promise<void> => {
    setError(null);
    setBusy(true);
    try {
      const made = await make();
      const files: readonly DownloadFile[] = made === null ? [] : "data" in made ? [made] : made;
      for (const f of files) download(f.data, f.filename, f.type);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="inline-flex flex-col">
      <Button
        variant={variant}
        disabled={disabled || busy}
        aria-busy={busy || undefined}
        data-testid={testId}
        title={title}
        onClick={() => void run()}
      >
        {children}
      </Button>
      {error && (
        <span role="alert" className="mt-1 text-xs text-rose-600 dark:text-rose-400">
          {t.rich("failed", {
            detail: error,
            // The browser's or the maker's own words: shown as they came.
            raw: (c) => <span translate="no">{c}</span>,
          })}
        </span>
      )}
    </span>
  );
}
