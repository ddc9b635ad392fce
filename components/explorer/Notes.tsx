"use client";
/** Corrections made to the link or to typed input, shown until dismissed. */
import { useTranslations } from "next-intl";

import { NoteText } from "@/components/i18n/MsgText";

import { useExplorer } from "./store";

export function Notes() {
  const link = useExplorer((s) => s.linkNotes);
  const input = useExplorer((s) => s.inputNotes);
  const dismiss = useExplorer((s) => s.dismissNotes);
  const all = [...link, ...input];
  const t = useTranslations("notes");
  return (
    <div role="status" aria-live="polite" data-testid="notes">
      {all.length > 0 && (
        <div className="rounded-lg border border-amber-500/60 bg-amber-500/10 p-3 text-sm">
          <div className="flex items-start justify-between gap-3">
            <div>
              <p className="font-medium">
                {t(link.length > 0 ? "linkCorrected" : "inputCorrected")}
              </p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {all.map((n, i) => (
                  <li key={i} data-testid="note" data-key={n.key}>
                    <NoteText note={n} />
                  </li>
                ))}
              </ul>
            </div>
            <button
              type="button"
              onClick={dismiss}
              className="shrink-0 rounded-md border border-border px-2 py-0.5 text-xs hover:bg-border/60"
              aria-label={t("dismissLabel")}
            >
              {t("dismiss")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
