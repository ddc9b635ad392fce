import type { Metadata } from "next";

import LabView from "@/components/lab/LabView";

export const metadata: Metadata = {
  title: "Lab · Scaling Explorer",
  description:
    "Train depth-, width-, resolution- and compound-scaled networks at equal cost in your browser and compare measured accuracy and class activation maps.",
};

/** /lab?<setup>: the experiment's setup comes from the URL, read on the server. */
export default async function LabPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <LabView initialQuery={await searchParams} />;
}
