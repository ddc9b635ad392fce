"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const NAV_ITEMS = [
  { href: "/", label: "Explorer" },
  { href: "/compare", label: "Compare" },
  { href: "/build", label: "Build" },
  { href: "/cam", label: "CAM" },
  { href: "/lab", label: "Lab" },
] as const;

export default function NavLinks() {
  const pathname = usePathname();

  return (
    <ul className="flex items-center gap-1 overflow-x-auto text-sm">
      {NAV_ITEMS.map(({ href, label }) => {
        const active = href === "/" ? pathname === "/" : pathname.startsWith(href);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={
                "block rounded-md px-2.5 py-1.5 whitespace-nowrap transition-colors sm:px-3 " +
                (active
                  ? "bg-accent/10 font-medium text-accent"
                  : "text-muted hover:bg-border/60 hover:text-foreground")
              }
            >
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
