"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";

import { THEME_STORAGE_KEY } from "@/components/theme";

function applyTheme(dark: boolean) {
  const root = document.documentElement;
  root.classList.toggle("dark", dark);
  root.style.colorScheme = dark ? "dark" : "light";
}

function subscribe(onChange: () => void) {
  // Class changes (our own toggle, other tabs via storage) and OS changes.
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });

  // matchMedia is missing in jsdom and very old browsers; then only the class is tracked.
  const media =
    typeof window.matchMedia === "function"
      ? window.matchMedia("(prefers-color-scheme: dark)")
      : null;
  const onMedia = () => {
    if (media && readStored() === null) applyTheme(media.matches);
  };
  const onStorage = (e: StorageEvent) => {
    if (e.key !== THEME_STORAGE_KEY) return;
    applyTheme(e.newValue === "dark" || (e.newValue !== "light" && !!media?.matches));
  };
  media?.addEventListener("change", onMedia);
  window.addEventListener("storage", onStorage);
  return () => {
    observer.disconnect();
    media?.removeEventListener("change", onMedia);
    window.removeEventListener("storage", onStorage);
  };
}

function readStored(): string | null {
  try {
    return localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    return null;
  }
}

const getSnapshot = () => document.documentElement.classList.contains("dark");
// Unknown on the server: render a neutral button, then the real state after hydration.
const getServerSnapshot = () => null;

export default function ThemeToggle() {
  const dark = useSyncExternalStore<boolean | null>(subscribe, getSnapshot, getServerSnapshot);
  const t = useTranslations("common.theme");

  const toggle = () => {
    const next = !getSnapshot();
    applyTheme(next);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next ? "dark" : "light");
    } catch {
      // Private mode / storage disabled: the toggle still works for this page view.
    }
  };

  const label = t(dark === null ? "toggle" : dark ? "toLight" : "toDark");

  return (
    <button
      type="button"
      onClick={toggle}
      aria-label={label}
      title={label}
      aria-pressed={dark ?? undefined}
      data-testid="theme-toggle"
      className="inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-md border border-border bg-surface text-foreground transition-colors hover:bg-background"
    >
      {/* Both icons are rendered; CSS picks one, so there is no hydration mismatch. */}
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="h-5 w-5 dark:hidden"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M21 12.79A9 9 0 1 1 11.21 3 7 7 0 0 0 21 12.79z" />
      </svg>
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="hidden h-5 w-5 dark:block"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.93 4.93l1.41 1.41M17.66 17.66l1.41 1.41M2 12h2M20 12h2M4.93 19.07l1.41-1.41M17.66 6.34l1.41-1.41" />
      </svg>
    </button>
  );
}
