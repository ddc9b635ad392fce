import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { queryString } from "@/lib/state/props";

import CompareView from "@/components/compare/CompareView";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compare.meta");
  return { title: t("title"), description: t("description") };
}

/** The link's query is read on the server so the first render already has the state. */
export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<Readonly<Record<string, string | string[] | undefined>>>;
}) {
  return <CompareView initialQuery={queryString(await searchParams)} />;
}
