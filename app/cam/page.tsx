import type { Metadata } from "next";

import CamPanel from "@/components/cam/CamPanel";

export const metadata: Metadata = {
  title: "Class activation maps · Scaling Explorer",
  description:
    "CAM, Grad-CAM, Grad-CAM++, Score-CAM and LayerCAM on your own photos with pretrained MobileNets, computed in your browser.",
};

/** The link's query (map settings) is read on the server, so the first paint shows it. */
export default async function CamPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <CamPanel initialQuery={await searchParams} />;
}
