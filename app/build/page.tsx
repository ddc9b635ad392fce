import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { queryString } from "@/lib/state/props";

import BuildView from "@/components/build/BuildView";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("build.meta");
  return { title: t("title"), description: t("description") };
}

/** /build?<explorer query>: the configuration comes from the URL, read on the server. */
export default async function BuildPage({
  searchParams,
}: {
  searchParams: Promise<Readonly<Record<string, string | string[] | undefined>>>;
}) {
  return <BuildView query={queryString(await searchParams)} />;
}
