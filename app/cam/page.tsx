import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import CamPanel from "@/components/cam/CamPanel";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cam.meta");
  return { title: t("title"), description: t("description") };
}

/** The link's query (map settings) is read on the server, so the first paint shows it. */
export default async function CamPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <CamPanel initialQuery={await searchParams} />;
}
