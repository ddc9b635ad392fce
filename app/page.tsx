import Explorer from "@/components/explorer/Explorer";

/** The explorer. The link's query is read on the server, so the first paint already shows it. */
export default async function Home({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <Explorer initialQuery={await searchParams} />;
}
