/**
 * next-intl's per-request configuration: the language proxy.ts chose for this request
 * (the link's `lang`, else the browser's Accept-Language; lib/i18n/locale.ts) and its
 * catalogues (lib/i18n/messages.ts).
 */
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";

import { DEFAULT_LOCALE, isLocale, LOCALE_HEADERS } from "@/lib/i18n/locale";
import { MESSAGES } from "@/lib/i18n/messages";

export default getRequestConfig(async () => {
  const h = await headers();
  const given = h.get(LOCALE_HEADERS.locale);
  const locale = isLocale(given) ? given : DEFAULT_LOCALE;
  return { locale, messages: MESSAGES[locale] };
});
