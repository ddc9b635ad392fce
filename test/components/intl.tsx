/**
 * Testing Library's render with the app's real catalogues around the tree, as
 * app/layout.tsx provides them: `render(ui)` in English, `render(ui, { locale: "zh" })`.
 */
import { render as rtlRender, type RenderOptions } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement, ReactNode } from "react";

import type { Locale } from "@/lib/i18n/locale";
import { MESSAGES } from "@/lib/i18n/messages";

export * from "@testing-library/react";

export function render(
  ui: ReactElement,
  opts: Omit<RenderOptions, "wrapper"> & { locale?: Locale } = {},
): ReturnType<typeof rtlRender> {
  const { locale = "en", ...rest } = opts;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone="UTC">
      {children}
    </NextIntlClientProvider>
  );
  return rtlRender(ui, { wrapper, ...rest });
}
