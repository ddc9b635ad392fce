import type { Metadata } from "next";

import { queryString } from "@/lib/state/props";

import CompareView from "@/components/compare/CompareView";

export const metadata: Metadata = {
  title: "Compare scaling strategies · Scaling Explorer",
  description:
    "Depth, width, resolution and compound scaling at equal MACs, with published and estimated accuracy, and the α/β/γ grid search.",
};

/** The link's query is read on the server so the first render already has the state. */
export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<Readonly<Record<string, string | string[] | undefined>>>;
}) {
  return <CompareView initialQuery={queryString(await searchParams)} />;
}
