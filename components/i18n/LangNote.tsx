"use client";
/** A `lang` in the link that names no known language: said once, above the page. */
import { useLocale, useTranslations } from "next-intl";

import { isLocale, LOCALE_NAMES } from "@/lib/i18n/locale";

export default function LangNote({ given }: { given: string }) {
  const t = useTranslations("common.language");
  const raw = useLocale();
  const name = LOCALE_NAMES[isLocale(raw) ? raw : "en"];
  return (
    <p
      role="status"
      data-testid="lang-note"
      className="mb-4 rounded-lg border border-amber-500/60 bg-amber-500/10 p-3 text-sm"
    >
      {t("rejected", { given, name })}
    </p>
  );
}
