import { queryString } from "@/lib/state/props";
import Explorer from "@/components/explorer/Explorer";

/** The explorer. The link's query is read on the server, so the first paint already shows it. */
export default async function Home({
  searchParams,
}: {
  searchParams: Promise<Readonly<Record<string, string | string[] | undefined>>>;
}) {
  return <Explorer initialQuery={queryString(await searchParams)} />;
}
