/**
 * ImageNet class names (index 0 = "tench"), from @tensorflow-models/mobilenet (Apache-2.0):
 * only its class table is imported, not its model code. Plus parsing of a user's labels file.
 */
import { IMAGENET_CLASSES } from "@tensorflow-models/mobilenet/dist/imagenet_classes";

export const IMAGENET_LABELS: readonly string[] = Array.from(
  { length: 1000 },
  (_, i) => IMAGENET_CLASSES[i],
);

/** "tabby, tabby cat" -> "tabby". */
export function shortLabel(label: string): string {
  return label.split(",")[0].trim();
}

/** Label indices whose name contains every word of the query (case-insensitive), best first. */
export function searchLabels(labels: readonly string[], query: string, limit = 20): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const asNumber = /^\d+$/.test(q) ? Number(q) : -1;
  const words = q.split(/\s+/);
  const hits: { i: number; score: number }[] = [];
  labels.forEach((l, i) => {
    const s = l.toLowerCase();
    if (i === asNumber) {
      hits.push({ i, score: -1 });
      return;
    }
    if (!words.every((w) => s.includes(w))) return;
    const first = shortLabel(s);
    hits.push({ i, score: first === q ? 0 : first.startsWith(q) ? 1 : s.startsWith(q) ? 2 : 3 });
  });
  hits.sort((a, b) => a.score - b.score || a.i - b.i);
  return hits.slice(0, limit).map((h) => h.i);
}

/**
 * A labels file: a JSON array of names, or an object {"0": "name", ...}. Throws a message
 * naming the problem.
 */
export function parseLabels(text: string, source = "labels file"): string[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  let out: string[];
  if (Array.isArray(v)) {
    out = v.map((x, i) => {
      if (typeof x !== "string") throw new Error(`${source}: entry ${i} is not a string`);
      return x;
    });
  } else if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>);
    out = new Array<string>(entries.length);
    for (const [k, x] of entries) {
      const i = Number(k);
      if (!Number.isInteger(i) || i < 0 || i >= entries.length) {
        throw new Error(
          `${source}: key ${JSON.stringify(k)} is not an index 0..${entries.length - 1}`,
        );
      }
      if (typeof x !== "string") throw new Error(`${source}: entry ${k} is not a string`);
      out[i] = x;
    }
  } else {
    throw new Error(`${source} must be a JSON array of class names or an object of index -> name`);
  }
  if (out.length === 0) throw new Error(`${source} has no class names`);
  return out;
}

export interface LabelMatch {
  /** One name per class in label space. */
  readonly labels: readonly string[];
  /** Output index of label 0: 1 when the model has one extra leading "background" output. */
  readonly offset: number;
  /** Why the names are "class i" although a list was given (its length fits no rule). */
  readonly note: string | null;
}

const generic = (n: number) => Array.from({ length: n }, (_, i) => `class ${i}`);

/**
 * Names for a model's outputs. A list of N names fits N outputs, or N + 1 outputs whose first
 * is "background" (TF-Hub ImageNet nets: 1001 outputs); any other length is not borrowed:
 * the classes become "class 0", "class 1", ... with a note saying why.
 */
export function matchLabels(numOutputs: number, labels: readonly string[] | null): LabelMatch {
  if (!labels) return { labels: generic(numOutputs), offset: 0, note: null };
  if (labels.length === numOutputs) return { labels, offset: 0, note: null };
  if (numOutputs === labels.length + 1 && numOutputs > 1) return { labels, offset: 1, note: null };
  return {
    labels: generic(numOutputs),
    offset: 0,
    note: `The label list has ${labels.length} names but the model has ${numOutputs} outputs, so its classes are shown as "class 0" ... "class ${numOutputs - 1}".`,
  };
}

/** A `labels` list in a model's userDefinedMetadata (strings only), or null. */
export function labelsFromMetadata(meta: unknown): string[] | null {
  if (!meta || typeof meta !== "object") return null;
  const v = (meta as { labels?: unknown }).labels;
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === "string")) return null;
  return v as string[];
}
