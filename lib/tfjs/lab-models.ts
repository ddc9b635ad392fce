/**
 * Networks trained in the Lab, as CAM model sources. The Lab saves each run at
 * `indexeddb://scaling-lab/<experimentId>/<runId>` with its class names in the model's
 * userDefinedMetadata (`labels`). Built against that documented interface (the Lab's own
 * listLabModels() in lib/lab/saved-models.ts had not landed): the keys tf.io.listModels()
 * reports under that prefix.
 */
import type { LabModelRef } from "./cam-protocol";

export const LAB_PREFIX = "indexeddb://scaling-lab/";

type Listing = Record<string, { dateSaved?: Date | string } | undefined>;

/** Lab models among tf.io.listModels()'s keys, newest first; other keys are ignored. */
export function labModelsFrom(listing: Listing): LabModelRef[] {
  const out: LabModelRef[] = [];
  for (const [url, info] of Object.entries(listing)) {
    if (!url.startsWith(LAB_PREFIX)) continue;
    const parts = url.slice(LAB_PREFIX.length).split("/");
    if (parts.length !== 2 || !parts[0] || !parts[1]) continue;
    const d = info?.dateSaved;
    const savedAt = d instanceof Date ? d.toISOString() : typeof d === "string" ? d : null;
    out.push({ url, experimentId: parts[0], runId: parts[1], savedAt });
  }
  return out.sort(
    (a, b) => (b.savedAt ?? "").localeCompare(a.savedAt ?? "") || a.url.localeCompare(b.url),
  );
}
