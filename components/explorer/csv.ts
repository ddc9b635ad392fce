/** File names of the explorer's CSV downloads (CSV text: lib/csv.ts; saving: components/ui). */
export { toCsv, type Cell } from "@/lib/csv";

/** A file-name-safe slug of the current configuration, e.g. "efficientnet-phi-3.5". */
export function slug(query: string): string {
  return (query || "efficientnet-b0")
    .replace(/model=/, "")
    .replace(/[&=]/g, "-")
    .replace(/[^\w.-]/g, "");
}
