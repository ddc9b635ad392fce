import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import LabView from "@/components/lab/LabView";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("lab.meta");
  return { title: t("title"), description: t("description") };
}

/** /lab?<setup>: the experiment's setup comes from the URL, read on the server. */
export default async function LabPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <LabView initialQuery={await searchParams} />;
}
