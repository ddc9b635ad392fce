/**
 * The interface languages and how a request picks one: the `lang` URL key when it names a
 * known language, else the browser's Accept-Language (highest q first), else English.
 * Pure: proxy.ts runs it per request; pages and tests call it the same way.
 */
export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The URL key every page accepts (lib/state/props.ts treats it as known everywhere). */
export const LANG_KEY = "lang";

/** BCP 47 tags for <html lang> and Content-Language. */
export const HTML_LANG: Readonly<Record<Locale, string>> = { en: "en", zh: "zh-CN" };

/** Each language's own name, shown in the switcher in that language. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: "English", zh: "中文" };

export function isLocale(s: unknown): s is Locale {
  return typeof s === "string" && (LOCALES as readonly string[]).includes(s);
}

/** "zh", "zh-CN", "zh-Hans-CN", "ZH_tw" -> "zh"; unsupported tags -> null. */
export function localeOfTag(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return isLocale(primary) ? primary : null;
}

/**
 * The best supported language in an Accept-Language header, by q-value (ties keep header
 * order); null when none is supported. Malformed parts are skipped, never thrown on.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  let best: { locale: Locale; q: number } | null = null;
  // Bounded: a header is at most a few hundred characters in practice.
  for (const part of header.slice(0, 2000).split(",").slice(0, 50)) {
    const [tag = "", ...params] = part.split(";");
    const locale = localeOfTag(tag);
    if (!locale) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=(.*)$/i.exec(p);
      if (m) q = /^\s*[0-9.]+\s*$/.test(m[1] ?? "") ? Number(m[1]) : NaN;
    }
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { locale, q };
  }
  return best?.locale ?? null;
}

export interface ResolvedLocale {
  readonly locale: Locale;
  /** Where it came from: the link's `lang`, the browser's languages, or the default. */
  readonly source: "link" | "browser" | "default";
  /** The link's `lang` text when it named no known language (shown as a note). */
  readonly rejected: string | null;
}

/** `lang` is the first `lang` value of the link (null when absent). */
export function resolveLocale(
  lang: string | null | undefined,
  acceptLanguage: string | null | undefined,
): ResolvedLocale {
  const given = lang?.trim().toLowerCase() ?? "";
  if (isLocale(given)) return { locale: given, source: "link", rejected: null };
  const rejected = lang != null && given !== "" ? lang.slice(0, 40) : null;
  const browser = localeFromAcceptLanguage(acceptLanguage);
  if (browser) return { locale: browser, source: "browser", rejected };
  return { locale: DEFAULT_LOCALE, source: "default", rejected };
}

/** `href` with `lang` set to the locale (other keys and the hash kept). */
export function withLang(href: string, locale: Locale): string {
  const hashAt = href.indexOf("#");
  const hash = hashAt >= 0 ? href.slice(hashAt) : "";
  const rest = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const qAt = rest.indexOf("?");
  const path = qAt >= 0 ? rest.slice(0, qAt) : rest;
  const sp = new URLSearchParams(qAt >= 0 ? rest.slice(qAt + 1) : "");
  sp.set(LANG_KEY, locale);
  return `${path}?${sp.toString()}${hash}`;
}

/** Request headers proxy.ts sets for the page (any the client sent are replaced). */
export const LOCALE_HEADERS = {
  locale: "x-locale",
  source: "x-locale-source",
  /** The rejected `lang` text, percent-encoded. */
  rejected: "x-lang-rejected",
} as const;
