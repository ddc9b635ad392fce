import type { Metadata } from "next";

import CamPanel from "@/components/cam/CamPanel";

export const metadata: Metadata = {
  title: "Class activation maps · Scaling Explorer",
  description:
    "CAM, Grad-CAM and Grad-CAM++ on your own photos with pretrained MobileNets, computed in your browser.",
};

export default function CamPage() {
  return <CamPanel />;
}
