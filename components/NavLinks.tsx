"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

import { type Locale, withLang } from "@/lib/i18n/locale";

/** Labels are common.nav.<key> in the catalogues. */
export const NAV_ITEMS = [
  { href: "/", key: "explorer" },
  { href: "/compare", key: "compare" },
  { href: "/build", key: "build" },
  { href: "/cam", key: "cam" },
  { href: "/lab", key: "lab" },
] as const;

/** `keepLang`: the language the link chose, carried to the other pages (null: browser's). */
export default function NavLinks({ keepLang }: { keepLang: Locale | null }) {
  const pathname = usePathname();
  const t = useTranslations("common.nav");

  return (
    <ul className="flex items-center gap-1 overflow-x-auto text-sm">
      {NAV_ITEMS.map(({ href, key }) => {
        const active = href === "/" ? pathname === "/" : pathname.startsWith(href);
        return (
          <li key={href}>
            <Link
              href={keepLang ? withLang(href, keepLang) : href}
              aria-current={active ? "page" : undefined}
              className={
                "block rounded-md px-2.5 py-1.5 whitespace-nowrap transition-colors sm:px-3 " +
                (active
                  ? "bg-accent/10 font-medium text-accent"
                  : "text-muted hover:bg-border/60 hover:text-foreground")
              }
            >
              {t(key)}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
