import type { Metadata } from "next";

import { queryString } from "@/lib/state/props";

import BuildView from "@/components/build/BuildView";

export const metadata: Metadata = {
  title: "Build · Scaling Explorer",
  description:
    "Build the scaled network in TensorFlow.js in your browser: layer summary, inference timing, export to tfjs / Keras / PyTorch.",
};

/** /build?<explorer query>: the configuration comes from the URL, read on the server. */
export default async function BuildPage({
  searchParams,
}: {
  searchParams: Promise<Readonly<Record<string, string | string[] | undefined>>>;
}) {
  return <BuildView query={queryString(await searchParams)} />;
}
