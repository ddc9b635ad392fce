import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";

import LangNote from "@/components/i18n/LangNote";
import LanguageSwitch from "@/components/i18n/LanguageSwitch";
import NavLinks from "@/components/NavLinks";
import ThemeToggle from "@/components/ThemeToggle";
import { themeInitScript } from "@/components/theme";
import { HTML_LANG, isLocale, LOCALE_HEADERS, withLang } from "@/lib/i18n/locale";

import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("siteName"), description: t("description") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // proxy.ts sets a fresh CSP nonce per request; the inline theme script must carry it.
  const h = await headers();
  const nonce = h.get("x-nonce") ?? undefined;
  const raw = await getLocale();
  const locale = isLocale(raw) ? raw : "en";
  const t = await getTranslations("common");
  // A language chosen in the link is carried by the navigation; else each page follows
  // the browser's languages.
  const keepLang = h.get(LOCALE_HEADERS.source) === "link" ? locale : null;
  const rejectedRaw = h.get(LOCALE_HEADERS.rejected);
  let rejected: string | null = null;
  try {
    rejected = rejectedRaw === null ? null : decodeURIComponent(rejectedRaw);
  } catch {
    rejected = rejectedRaw;
  }
  return (
    // The inline script adds/removes the `dark` class before hydration.
    <html lang={HTML_LANG[locale]} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="flex min-h-dvh flex-col bg-background text-foreground antialiased">
        <NextIntlClientProvider>
          <header className="sticky top-0 z-40 border-b border-border bg-background/85 backdrop-blur">
            <nav
              aria-label={t("nav.label")}
              className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5 sm:px-6"
            >
              <Link
                href={keepLang ? withLang("/", keepLang) : "/"}
                className="mr-auto font-semibold tracking-tight whitespace-nowrap"
              >
                {t("siteName")}
              </Link>
              {/* Narrow screens: links wrap onto their own full-width row below brand + toggle. */}
              <div className="order-last -mx-1 w-full sm:order-none sm:mx-0 sm:w-auto">
                <NavLinks keepLang={keepLang} />
              </div>
              <LanguageSwitch />
              <ThemeToggle />
            </nav>
          </header>
          <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 sm:py-8">
            {rejected !== null && <LangNote given={rejected} />}
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
