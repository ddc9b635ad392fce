/**
 * Loading TensorFlow.js models (LayersModel and GraphModel) for class activation maps, with
 * progress, cancellation and one distinct, plain-language error per failure:
 * 404, CORS refusal, network failure, malformed JSON, not a model, missing weight file,
 * short weight file, weight shape mismatch.
 *
 * All I/O goes through a fetch-like function, so the same code loads from an HTTP host (the
 * public tfjs model bucket or a self-hosted copy), from files the user picked in the browser
 * (see filesFetcher) and from disk in the CLI.
 */
import * as tf from "@tensorflow/tfjs";

import { weightScopeProblem } from "./weight-scope";

export type ModelLoadErrorCode =
  | "bad-url"
  | "not-found"
  | "http-error"
  | "cors"
  | "network"
  | "bad-json"
  | "not-a-model"
  | "missing-weights"
  | "short-weights"
  | "long-weights"
  | "shape-mismatch"
  | "unsupported"
  | "aborted";

export class ModelLoadError extends Error {
  readonly code: ModelLoadErrorCode;
  readonly url: string | null;
  constructor(code: ModelLoadErrorCode, message: string, url: string | null = null) {
    super(message);
    this.name = "ModelLoadError";
    this.code = code;
    this.url = url;
  }
}

/** The subset of fetch we use. */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface LoadProgress {
  /** 0..1 over model.json + all weight bytes. */
  readonly fraction: number;
  readonly loadedBytes: number;
  readonly totalBytes: number;
  readonly stage: "model.json" | "weights" | "building";
  readonly file: string;
}

export interface LoadOptions {
  readonly fetch?: FetchLike;
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
  /** Origin of the page doing the fetch, to tell a CORS refusal from a dead server. */
  readonly pageOrigin?: string | null;
}

/** A node of a GraphModel topology (TensorFlow GraphDef JSON). */
export interface GraphNode {
  readonly name: string;
  readonly op: string;
  readonly input?: readonly string[];
  readonly attr?: Record<string, unknown>;
}

interface ModelJson {
  readonly modelTopology: Record<string, unknown>;
  readonly weightsManifest: tf.io.WeightsManifestConfig;
  readonly format?: string;
  readonly generatedBy?: string;
  readonly convertedBy?: string | null;
  readonly signature?: Record<string, unknown>;
  readonly userDefinedMetadata?: Record<string, unknown>;
  readonly modelInitializer?: Record<string, unknown>;
}

export type LoadedModel =
  | {
      readonly format: "layers";
      readonly model: tf.LayersModel;
      readonly url: string;
      readonly weightBytes: number;
      /** model.json's userDefinedMetadata (e.g. `labels`), when present. */
      readonly metadata?: Record<string, unknown>;
    }
  | {
      readonly format: "graph";
      readonly model: tf.GraphModel;
      readonly url: string;
      readonly weightBytes: number;
      readonly nodes: readonly GraphNode[];
      readonly metadata?: Record<string, unknown>;
    };

// --- Public model host ------------------------------------------------------------------

/** The TensorFlow.js team's public bucket: `{base}/mobilenet_v1_{alpha}_{size}/model.json`. */
export const DEFAULT_MODEL_BASE_URL = "https://storage.googleapis.com/tfjs-models/tfjs";

export const MOBILENET_V1_ALPHAS = [0.25, 0.5, 0.75, 1.0] as const;
export type MobilenetAlpha = (typeof MOBILENET_V1_ALPHAS)[number];

/** Directory name used by the public host, e.g. "mobilenet_v1_0.50_224". */
export function mobilenetV1Name(alpha: MobilenetAlpha, size = 224): string {
  const a = alpha === 1 ? "1.0" : alpha.toFixed(2);
  return `mobilenet_v1_${a}_${size}`;
}

/**
 * Checks a user's base-URL setting: an absolute http(s) URL or a same-site path ("/models").
 * Returns it without trailing slashes; throws a ModelLoadError("bad-url") naming the problem.
 */
export function normalizeBaseUrl(raw: string): string {
  const s = raw.trim();
  if (!s) throw new ModelLoadError("bad-url", "The model base URL is empty.");
  if (s.startsWith("/")) return s.replace(/\/+$/, "") || "/";
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new ModelLoadError(
      "bad-url",
      `"${s}" is not a URL; give an http(s) address such as ${DEFAULT_MODEL_BASE_URL} or a path such as /models.`,
    );
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new ModelLoadError(
      "bad-url",
      `The model base URL must be http or https, not ${u.protocol}`,
    );
  }
  return s.replace(/\/+$/, "");
}

export function mobilenetV1Url(
  alpha: MobilenetAlpha,
  base: string = DEFAULT_MODEL_BASE_URL,
  size = 224,
): string {
  return `${normalizeBaseUrl(base)}/${mobilenetV1Name(alpha, size)}/model.json`;
}

/** TF-Hub GraphModel form of the same nets (input in [0,1], 1001 logits). */
export function mobilenetV1HubUrl(alpha: MobilenetAlpha, size = 224): string {
  const a = String(Math.round(alpha * 100)).padStart(3, "0");
  return `https://tfhub.dev/google/tfjs-model/imagenet/mobilenet_v1_${a}_${size}/classification/3/default/1/model.json?tfjs-format=file`;
}

// --- Fetching ---------------------------------------------------------------------------

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isAbort(e: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (e instanceof Error && e.name === "AbortError");
}

function resolveUrl(path: string, base: string): string {
  try {
    return new URL(path, base).toString();
  } catch {
    throw new ModelLoadError(
      "bad-url",
      `"${path}" is not a valid URL (relative to ${base}).`,
      path,
    );
  }
}

/**
 * Weight paths are relative to model.json and keep its query string (as tfjs does); they must
 * stay under model.json's own folder and origin (see weight-scope.ts).
 */
function weightUrl(path: string, modelUrl: string): string {
  const q = modelUrl.indexOf("?");
  const query = q >= 0 ? modelUrl.slice(q) : "";
  const base = q >= 0 ? modelUrl.slice(0, q) : modelUrl;
  const resolved = resolveUrl(path, base);
  const problem = weightScopeProblem(resolved, base);
  if (problem) {
    const shown = path.length > 120 ? `${path.slice(0, 120)}...` : path;
    throw new ModelLoadError(
      "bad-url",
      `model.json names the weight file ${JSON.stringify(shown)}, which is refused: ${problem}. Weight files must sit beside model.json (or in a folder below it) on the same host.`,
      resolved,
    );
  }
  return resolved + query;
}

async function fetchOrExplain(
  url: string,
  what: string,
  opts: LoadOptions,
  notFound: ModelLoadErrorCode,
): Promise<Response> {
  const doFetch: FetchLike = opts.fetch ?? ((u, i) => fetch(u, i));
  let res: Response;
  try {
    res = await doFetch(url, { signal: opts.signal });
  } catch (e) {
    if (isAbort(e, opts.signal)) throw new ModelLoadError("aborted", "Loading was cancelled.", url);
    let crossOrigin = false;
    try {
      const origin =
        opts.pageOrigin ?? (globalThis as { location?: { origin?: string } }).location?.origin;
      crossOrigin = !!origin && new URL(url).origin !== origin;
    } catch {
      crossOrigin = false;
    }
    if (crossOrigin) {
      throw new ModelLoadError(
        "cors",
        `The browser refused to read ${what} from ${new URL(url).origin}: that server does not allow cross-origin requests (CORS) from this page, or it is unreachable. Serve the model files with an Access-Control-Allow-Origin header, or host them on this site and set the model base URL.`,
        url,
      );
    }
    throw new ModelLoadError("network", `Could not fetch ${what} (${url}): ${errMessage(e)}.`, url);
  }
  if (res.status === 404 || res.status === 410) {
    throw new ModelLoadError(
      notFound,
      notFound === "missing-weights"
        ? `Weight file ${what} is missing (HTTP ${res.status} at ${url}). model.json lists it in its weightsManifest; upload or host it next to model.json.`
        : `No model at ${url} (HTTP ${res.status} Not Found). Check the address or the model base URL.`,
      url,
    );
  }
  if (!res.ok) {
    throw new ModelLoadError(
      "http-error",
      `Fetching ${what} failed: HTTP ${res.status} ${res.statusText} at ${url}.`,
      url,
    );
  }
  return res;
}

/** Reads a body, reporting bytes as they arrive. */
async function readBody(
  res: Response,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  if (!res.body) {
    const b = new Uint8Array(await res.arrayBuffer());
    onBytes(b.length);
    return b;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    if (signal?.aborted) {
      await reader.cancel().catch(() => undefined);
      throw new ModelLoadError("aborted", "Loading was cancelled.");
    }
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

// --- Validation ---------------------------------------------------------------------------

const DTYPE_BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  float16: 2,
  uint8: 1,
  uint16: 2,
};

function specBytes(w: tf.io.WeightsManifestEntry): number {
  const n = w.shape.reduce((a, b) => a * b, 1);
  const q = w.quantization?.dtype;
  const per = q ? DTYPE_BYTES[q] : DTYPE_BYTES[w.dtype];
  if (per === undefined) {
    throw new ModelLoadError(
      "unsupported",
      `Weight ${w.name} has dtype ${q ?? w.dtype}, which this loader does not support.`,
    );
  }
  return n * per;
}

function parseModelJson(text: string, url: string): ModelJson {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("<")) {
    throw new ModelLoadError(
      "bad-json",
      `${url} returned an HTML or XML page, not model.json (wrong address, or a login/error page).`,
      url,
    );
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new ModelLoadError(
      "bad-json",
      `model.json at ${url} is not valid JSON: ${errMessage(e)}.`,
      url,
    );
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) {
    throw new ModelLoadError(
      "not-a-model",
      `model.json at ${url} is JSON but not a TensorFlow.js model (expected an object).`,
      url,
    );
  }
  const o = v as Record<string, unknown>;
  if (!o.modelTopology || typeof o.modelTopology !== "object") {
    throw new ModelLoadError(
      "not-a-model",
      `model.json at ${url} has no "modelTopology": it is not a TensorFlow.js LayersModel or GraphModel file.`,
      url,
    );
  }
  if (!Array.isArray(o.weightsManifest)) {
    throw new ModelLoadError(
      "not-a-model",
      `model.json at ${url} has no "weightsManifest" list of weight files.`,
      url,
    );
  }
  for (const [gi, g] of (o.weightsManifest as unknown[]).entries()) {
    const group = g as { paths?: unknown; weights?: unknown };
    if (!group || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new ModelLoadError(
        "not-a-model",
        `model.json at ${url}: weightsManifest[${gi}] lacks "paths" or "weights".`,
        url,
      );
    }
    for (const w of group.weights as unknown[]) {
      const e = w as { name?: unknown; shape?: unknown; dtype?: unknown };
      if (typeof e?.name !== "string" || !Array.isArray(e.shape) || typeof e.dtype !== "string") {
        throw new ModelLoadError(
          "not-a-model",
          `model.json at ${url}: weightsManifest[${gi}] has a malformed weight entry.`,
          url,
        );
      }
    }
  }
  return o as unknown as ModelJson;
}

function detectFormat(json: ModelJson, url: string): "layers" | "graph" {
  const t = json.modelTopology;
  if (Array.isArray(t.node)) return "graph";
  if (t.model_config || t.class_name || t.config) return "layers";
  if (json.format === "graph-model") return "graph";
  if (json.format === "layers-model") return "layers";
  throw new ModelLoadError(
    "not-a-model",
    `model.json at ${url}: "modelTopology" is neither a Keras model config nor a TensorFlow graph.`,
    url,
  );
}

const shapeStr = (s: readonly (number | null)[]) => `[${s.join(", ")}]`;

function graphConstShape(node: GraphNode): number[] | null {
  const value = (
    node.attr?.value as
      { tensor?: { tensorShape?: { dim?: { size?: string | number }[] } } } | undefined
  )?.tensor;
  if (!value?.tensorShape) return null;
  return (value.tensorShape.dim ?? []).map((d) => Number(d.size ?? 0));
}

function checkGraphShapes(
  nodes: readonly GraphNode[],
  specs: readonly tf.io.WeightsManifestEntry[],
): void {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const have = new Set(specs.map((s) => s.name));
  for (const s of specs) {
    const node = byName.get(s.name);
    if (!node) continue;
    const expected = graphConstShape(node);
    if (
      expected &&
      (expected.length !== s.shape.length || expected.some((d, i) => d !== s.shape[i]))
    ) {
      throw new ModelLoadError(
        "shape-mismatch",
        `Weight ${s.name} has shape ${shapeStr(s.shape)} in the weights manifest but the graph expects ${shapeStr(expected)}: the weight files belong to a different model.`,
      );
    }
  }
  for (const n of nodes) {
    if (n.op === "Const" && !have.has(n.name)) {
      throw new ModelLoadError(
        "missing-weights",
        `The graph needs constant ${n.name}, but no weight file provides it.`,
      );
    }
  }
}

// --- Loading ------------------------------------------------------------------------------

/** Load a LayersModel or GraphModel from the URL of its model.json. */
export async function loadModel(url: string, opts: LoadOptions = {}): Promise<LoadedModel> {
  const progress = opts.onProgress ?? (() => undefined);
  progress({ fraction: 0, loadedBytes: 0, totalBytes: 0, stage: "model.json", file: "model.json" });
  const res = await fetchOrExplain(url, "model.json", opts, "not-found");
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    if (isAbort(e, opts.signal)) throw new ModelLoadError("aborted", "Loading was cancelled.", url);
    throw new ModelLoadError(
      "network",
      `Reading model.json from ${url} failed: ${errMessage(e)}.`,
      url,
    );
  }
  const json = parseModelJson(text, url);
  const format = detectFormat(json, url);
  const jsonBytes = text.length;

  const groups = json.weightsManifest;
  const specs: tf.io.WeightsManifestEntry[] = [];
  const expectedPerGroup = groups.map((g) => {
    specs.push(...g.weights);
    return g.weights.reduce((a, w) => a + specBytes(w), 0);
  });
  const totalWeightBytes = expectedPerGroup.reduce((a, b) => a + b, 0);
  const total = jsonBytes + totalWeightBytes;
  let loaded = jsonBytes;

  if (format === "graph") {
    checkGraphShapes((json.modelTopology.node as GraphNode[]) ?? [], specs);
  }

  // Every weight path is checked against the model's folder before any is fetched.
  const shardUrls = groups.map((g) => g.paths.map((p) => weightUrl(p, url)));
  // Fetch every shard; groups are checked for their byte count before anything is decoded.
  const buffers: Uint8Array[] = [];
  for (const [gi, g] of groups.entries()) {
    const parts: Uint8Array[] = [];
    for (const [pi, p] of g.paths.entries()) {
      const u = shardUrls[gi][pi];
      const r = await fetchOrExplain(u, p, opts, "missing-weights");
      const bytes = await readBody(
        r,
        (n) => {
          loaded += n;
          progress({
            fraction: total ? Math.min(1, loaded / total) : 1,
            loadedBytes: loaded,
            totalBytes: total,
            stage: "weights",
            file: p,
          });
        },
        opts.signal,
      );
      parts.push(bytes);
    }
    const got = parts.reduce((a, b) => a + b.length, 0);
    const want = expectedPerGroup[gi];
    const files = g.paths.join(", ");
    if (got < want) {
      throw new ModelLoadError(
        "short-weights",
        `Weight file ${files} is too short: ${got} bytes, but the manifest's ${g.weights.length} weight(s) (${g.weights
          .slice(0, 3)
          .map((w) => w.name)
          .join(
            ", ",
          )}${g.weights.length > 3 ? ", ..." : ""}) need ${want} bytes. The file is truncated or from another model.`,
      );
    }
    if (got > want) {
      throw new ModelLoadError(
        "long-weights",
        `Weight file ${files} has ${got} bytes, but the manifest describes only ${want}: it belongs to a different model.json.`,
      );
    }
    buffers.push(...parts);
  }
  if (opts.signal?.aborted) throw new ModelLoadError("aborted", "Loading was cancelled.", url);
  progress({
    fraction: 1,
    loadedBytes: total,
    totalBytes: total,
    stage: "building",
    file: "model.json",
  });

  const weightData = new Uint8Array(totalWeightBytes);
  let off = 0;
  for (const b of buffers) {
    weightData.set(b, off);
    off += b.length;
  }

  if (format === "graph") {
    let model: tf.GraphModel;
    try {
      model = await tf.loadGraphModel(
        tf.io.fromMemory({
          modelTopology: json.modelTopology,
          weightSpecs: specs,
          weightData: weightData.buffer,
          format: json.format,
          generatedBy: json.generatedBy,
          convertedBy: json.convertedBy ?? undefined,
          signature: json.signature,
          userDefinedMetadata: json.userDefinedMetadata,
          modelInitializer: json.modelInitializer,
        }),
      );
    } catch (e) {
      throw new ModelLoadError(
        "unsupported",
        `The graph in ${url} could not be built: ${errMessage(e)}.`,
        url,
      );
    }
    return {
      format,
      model,
      url,
      weightBytes: totalWeightBytes,
      nodes: (json.modelTopology.node as GraphNode[]) ?? [],
      metadata: json.userDefinedMetadata,
    };
  }

  let model: tf.LayersModel;
  try {
    model = await tf.models.modelFromJSON({ modelTopology: json.modelTopology } as tf.io.ModelJSON);
  } catch (e) {
    throw new ModelLoadError(
      "unsupported",
      `The Keras model in ${url} could not be built: ${errMessage(e)}.`,
      url,
    );
  }
  try {
    const manifest = new Map(specs.map((s) => [s.name, s]));
    for (const v of model.weights) {
      const s = manifest.get(v.originalName);
      if (!s) {
        throw new ModelLoadError(
          "missing-weights",
          `No weight file provides ${v.originalName} (shape ${shapeStr(v.shape)}), which the model needs.`,
          url,
        );
      }
      if (s.shape.length !== v.shape.length || s.shape.some((d, i) => d !== v.shape[i])) {
        throw new ModelLoadError(
          "shape-mismatch",
          `Weight ${v.originalName} has shape ${shapeStr(s.shape)} in the weight files but the model's layer expects ${shapeStr(v.shape)}: the weights belong to a different model.`,
          url,
        );
      }
    }
    const named = tf.io.decodeWeights(weightData.buffer, specs);
    try {
      model.loadWeights(named, false);
    } finally {
      tf.dispose(Object.values(named));
    }
  } catch (e) {
    model.dispose();
    if (e instanceof ModelLoadError) throw e;
    throw new ModelLoadError(
      "shape-mismatch",
      `The weights do not fit the model: ${errMessage(e)}.`,
      url,
    );
  }
  return { format, model, url, weightBytes: totalWeightBytes, metadata: json.userDefinedMetadata };
}

/**
 * A fetcher over files the user picked (model.json plus its weight shards): weight paths
 * are matched by their last path segment. Returns the fetcher and the URL to load.
 */
export function filesFetcher(files: readonly { name: string; bytes: Uint8Array }[]): {
  url: string;
  fetch: FetchLike;
} {
  const byName = new Map(files.map((f) => [f.name.split(/[\\/]/).pop() ?? f.name, f.bytes]));
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith(".json"));
  if (jsons.length === 0) {
    throw new ModelLoadError(
      "not-found",
      "No model.json among the chosen files: pick model.json together with its weight files (.bin / shard files).",
    );
  }
  if (jsons.length > 1 && !byName.has("model.json")) {
    throw new ModelLoadError(
      "not-found",
      `Several .json files were chosen (${jsons.map((j) => j.name).join(", ")}); include exactly one model.json.`,
    );
  }
  const main = byName.has("model.json")
    ? "model.json"
    : (jsons[0].name.split(/[\\/]/).pop() ?? "model.json");
  const base = "file:///uploaded/";
  const fetchFn: FetchLike = async (u) => {
    const name = decodeURIComponent(new URL(u).pathname.split("/").pop() ?? "");
    const bytes = byName.get(name);
    if (!bytes)
      return new Response(null, { status: 404, statusText: "Not among the chosen files" });
    return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200 });
  };
  return { url: base + encodeURIComponent(main), fetch: fetchFn };
}
