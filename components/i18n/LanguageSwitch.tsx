"use client";
/**
 * English | 中文. Switching reloads the page with `lang` set in its link: every page's state
 * lives in its query, so nothing is lost, and the server renders the new language.
 */
import { usePathname } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";

import { HTML_LANG, isLocale, LOCALE_NAMES, LOCALES, withLang } from "@/lib/i18n/locale";

export default function LanguageSwitch() {
  const t = useTranslations("common.language");
  const raw = useLocale();
  const current = isLocale(raw) ? raw : "en";
  const pathname = usePathname();
  return (
    <ul
      aria-label={t("label")}
      className="flex shrink-0 items-center overflow-hidden rounded-md border border-border text-xs"
      data-testid="language-switch"
    >
      {LOCALES.map((l) => (
        <li key={l}>
          <a
            href={withLang(pathname, l)}
            lang={HTML_LANG[l]}
            hrefLang={HTML_LANG[l]}
            aria-current={l === current ? "true" : undefined}
            data-testid={`lang-${l}`}
            onClick={(e) => {
              e.preventDefault();
              const here = window.location;
              window.location.assign(withLang(`${here.pathname}${here.search}${here.hash}`, l));
            }}
            className={
              "block px-2 py-1.5 whitespace-nowrap " +
              (l === current
                ? "bg-accent/10 font-medium text-accent"
                : "text-muted hover:bg-border/60 hover:text-foreground")
            }
          >
            {LOCALE_NAMES[l]}
          </a>
        </li>
      ))}
    </ul>
  );
}
