"use client";
/** AccuracyChart loaded after first paint: keeps recharts out of the route's first-load JS. */
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";

export const LazyAccuracyChart = dynamic(() => import("./AccuracyChart"), {
  ssr: false,
  loading: () => <Placeholder />,
});

function Placeholder() {
  const t = useTranslations("charts");
  return (
    <div
      className="h-[430px] animate-pulse rounded-lg border border-border bg-surface"
      // A label needs a role (axe: aria-prohibited-attr on a bare div).
      role="status"
      aria-label={t("loading")}
    />
  );
}
