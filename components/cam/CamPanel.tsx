"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { COLORMAPS, type ColormapName } from "@/lib/image/colormap";
import { IMAGE_LIMITS, formatBytes, workingSize } from "@/lib/image/limits";
import { PREPROCESS_LABELS, PREPROCESS_MODES, type Preprocess } from "@/lib/image/normalize";
import { resizeRgba, type ResizeMode } from "@/lib/image/resize";
import type { RgbaImage } from "@/lib/image/rgba";
import { checkImageBytes } from "@/lib/image/sniff";
import type { UpsampleMode } from "@/lib/image/upsample";
import { CAM_METHOD_TABLE, CAM_METHODS, type CamMethod } from "@/lib/tfjs/cam-methods";
import type { CamResponse, ModelSource, ModelSummary } from "@/lib/tfjs/cam-protocol";
import { IMAGENET_LABELS, searchLabels, shortLabel } from "@/lib/tfjs/labels";
import { DEFAULT_MODEL_BASE_URL, normalizeBaseUrl } from "@/lib/tfjs/model-load";

import { CamClient, WorkerError } from "./client";
import { MapTrio, type MapResult } from "./MapTrio";
import { BASE_URL_KEY, MODEL_CHOICES } from "./presets";
import type { MapStyle } from "./render";

interface ModelEntry {
  readonly key: string;
  readonly label: string;
  readonly source: ModelSource;
  preprocess: Preprocess;
  status: "loading" | "ready" | "error";
  progress: number;
  progressText: string;
  error?: string;
  summary?: ModelSummary;
  featureLayer: string | null;
  loadId?: number;
}

interface ImageEntry {
  readonly id: string;
  readonly name: string;
  status: "decoding" | "ready" | "error";
  error?: string;
  image?: RgbaImage;
  display?: RgbaImage;
  originalWidth?: number;
  originalHeight?: number;
  format?: string;
}

type Result = Extract<CamResponse, { type: "result" }>;

const selectCls =
  "rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-foreground focus-visible:outline-2";
const btnCls =
  "rounded-md border border-border bg-surface px-3 py-1.5 text-sm font-medium hover:bg-background disabled:opacity-50";
const cardCls = "min-w-0 rounded-lg border border-border bg-surface p-4";

let imageCounter = 0;
const DISPLAY_SIDE = 640;

export default function CamPanel() {
  const clientRef = useRef<CamClient | null>(null);
  const [backend, setBackend] = useState<string>("starting…");
  const [models, setModels] = useState<ModelEntry[]>([]);
  const [activeModel, setActiveModel] = useState<string | null>(null);
  const [images, setImages] = useState<ImageEntry[]>([]);
  const [activeImage, setActiveImage] = useState<string | null>(null);
  const [imageErrors, setImageErrors] = useState<string[]>([]);
  const [method, setMethod] = useState<CamMethod>("cam");
  const [resize, setResize] = useState<ResizeMode>("stretch");
  const [style, setStyle] = useState<MapStyle>({
    colormap: "jet",
    opacity: 0.5,
    threshold: 0,
    upsample: "smooth",
  });
  const [chosenClass, setChosenClass] = useState<number | null>(null);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Map<string, Result | { error: string }>>(new Map());
  const [choice, setChoice] = useState(MODEL_CHOICES[0].id);
  const [baseUrl, setBaseUrl] = useState(DEFAULT_MODEL_BASE_URL);
  const [customUrl, setCustomUrl] = useState("");
  const [customPre, setCustomPre] = useState<Preprocess>("symmetric");
  const [imageUrl, setImageUrl] = useState("");
  const [dragging, setDragging] = useState(false);
  const [modelError, setModelError] = useState<string | null>(null);

  useEffect(() => {
    const c = new CamClient();
    clientRef.current = c;
    c.call<"ready">({ type: "init" }).done.then(
      (r) => setBackend(r.backend),
      (e: Error) => setBackend(`failed: ${e.message}`),
    );
    try {
      const saved = localStorage.getItem(BASE_URL_KEY);
      if (saved) setBaseUrl(saved);
    } catch {
      /* storage disabled */
    }
    // Test seam (e2e): run a raw, already-normalised input through a loaded model in the
    // worker, to compare browser and Node numerics on identical inputs.
    (window as unknown as { __camTest?: unknown }).__camTest = {
      predictRaw: async (key: string, data: number[]) => {
        const r = await c.call<"probs">({ type: "predict-raw", key, data: Float32Array.from(data) })
          .done;
        return Array.from(r.probs);
      },
    };
    return () => c.terminate();
  }, []);

  const updateModel = (key: string, patch: Partial<ModelEntry>) =>
    setModels((ms) => ms.map((m) => (m.key === key ? { ...m, ...patch } : m)));

  const startLoad = useCallback((entry: ModelEntry) => {
    const c = clientRef.current;
    if (!c) return;
    const { id, done } = c.call<"loaded">(
      { type: "load", key: entry.key, source: entry.source, featureLayer: entry.featureLayer },
      {
        onProgress: (f, file, stage) =>
          updateModel(entry.key, {
            progress: f,
            progressText:
              stage === "building" ? `building ${file}` : `${Math.round(f * 100)}% · ${file}`,
          }),
      },
    );
    updateModel(entry.key, {
      status: "loading",
      loadId: id,
      progress: 0,
      progressText: "starting",
      error: undefined,
    });
    done.then(
      (r) => {
        updateModel(entry.key, { status: "ready", summary: r.summary, progress: 1 });
        setResults(new Map());
      },
      (e: WorkerError) => updateModel(entry.key, { status: "error", error: e.message }),
    );
  }, []);

  const addModel = (label: string, source: ModelSource, preprocess: Preprocess) => {
    const key = `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const entry: ModelEntry = {
      key,
      label,
      source,
      preprocess,
      status: "loading",
      progress: 0,
      progressText: "",
      featureLayer: null,
    };
    setModels((ms) => [...ms, entry]);
    setActiveModel((a) => a ?? key);
    startLoad(entry);
  };

  const addPreset = () => {
    setModelError(null);
    const c = MODEL_CHOICES.find((x) => x.id === choice)!;
    let base: string;
    try {
      base = normalizeBaseUrl(baseUrl);
    } catch (e) {
      setModelError((e as Error).message);
      return;
    }
    try {
      localStorage.setItem(BASE_URL_KEY, base);
    } catch {
      /* storage disabled */
    }
    addModel(c.label, c.source(base), c.preprocess);
  };

  const addCustomUrl = () => {
    setModelError(null);
    const u = customUrl.trim();
    if (!u) return setModelError("Enter the URL of a model.json.");
    try {
      const abs = new URL(u, window.location.href);
      if (abs.protocol !== "http:" && abs.protocol !== "https:") throw new Error("not http");
      addModel(
        abs.pathname.split("/").slice(-2).join("/") || u,
        { kind: "url", url: abs.toString() },
        customPre,
      );
    } catch {
      setModelError(`"${u}" is not an http(s) URL of a model.json.`);
    }
  };

  const addModelFiles = async (files: FileList | null) => {
    setModelError(null);
    if (!files || files.length === 0) return;
    const list = await Promise.all(
      Array.from(files).map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })),
    );
    const main = list.find((f) => f.name.toLowerCase().endsWith(".json"));
    addModel(
      main ? `${main.name} (uploaded)` : "uploaded model",
      { kind: "files", files: list },
      customPre,
    );
  };

  const removeModel = (key: string) => {
    const m = models.find((x) => x.key === key);
    if (m?.status === "loading" && m.loadId) clientRef.current?.cancel(m.loadId);
    clientRef.current?.call({ type: "unload", key });
    setModels((ms) => ms.filter((x) => x.key !== key));
    setActiveModel((a) => (a === key ? (models.find((x) => x.key !== key)?.key ?? null) : a));
  };

  // --- images ---
  const addImageBytes = useCallback(async (name: string, bytes: ArrayBuffer) => {
    try {
      checkImageBytes(new Uint8Array(bytes), name); // refuse early, on the main thread, without decoding
    } catch (e) {
      setImageErrors((es) => [...es, (e as Error).message]);
      return;
    }
    const id = `img${++imageCounter}`;
    setImages((is) => [...is, { id, name, status: "decoding" }]);
    setActiveImage((a) => a ?? id);
    const c = clientRef.current;
    if (!c) return;
    try {
      const r = await c.call<"decoded">(
        { type: "decode", imageId: id, name, bytes },
        { transfer: [bytes] },
      ).done;
      const image: RgbaImage = {
        width: r.width,
        height: r.height,
        data: new Uint8ClampedArray(r.rgba),
      };
      const ws = workingSize(r.width, r.height, DISPLAY_SIDE);
      const display = ws.scale < 1 ? resizeRgba(image, ws.width, ws.height) : image;
      setImages((is) =>
        is.map((x) =>
          x.id === id
            ? {
                ...x,
                status: "ready",
                image,
                display,
                originalWidth: r.originalWidth,
                originalHeight: r.originalHeight,
                format: r.format,
              }
            : x,
        ),
      );
    } catch (e) {
      setImages((is) => is.filter((x) => x.id !== id));
      setActiveImage((a) => (a === id ? null : a));
      setImageErrors((es) => [...es, (e as Error).message]);
    }
  }, []);

  const addImageFiles = useCallback(
    async (files: FileList | File[] | null) => {
      if (!files) return;
      setImageErrors([]);
      for (const f of Array.from(files)) {
        if (f.size > IMAGE_LIMITS.maxBytes) {
          setImageErrors((es) => [
            ...es,
            `${f.name} is ${formatBytes(f.size)}; the limit is ${formatBytes(IMAGE_LIMITS.maxBytes)}.`,
          ]);
          continue;
        }
        await addImageBytes(f.name, await f.arrayBuffer());
      }
    },
    [addImageBytes],
  );

  const addImageUrl = async () => {
    setImageErrors([]);
    const u = imageUrl.trim();
    if (!u) return;
    let abs: URL;
    try {
      abs = new URL(u, window.location.href);
      if (abs.protocol !== "http:" && abs.protocol !== "https:") throw new Error();
    } catch {
      setImageErrors([`"${u}" is not an http(s) URL.`]);
      return;
    }
    try {
      const res = await fetch(abs, { mode: "cors" });
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      await addImageBytes(abs.pathname.split("/").pop() || abs.host, await res.arrayBuffer());
    } catch (e) {
      const cross = abs.origin !== window.location.origin;
      setImageErrors([
        cross && e instanceof TypeError
          ? `Could not read ${abs.href}: that server does not allow cross-origin reads (CORS) or is unreachable. Download the image and drop the file here instead.`
          : `Could not fetch ${abs.href}: ${(e as Error).message}`,
      ]);
    }
  };

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const files = Array.from(e.clipboardData?.files ?? []);
      if (files.length) {
        e.preventDefault();
        void addImageFiles(files);
      }
    };
    window.addEventListener("paste", onPaste);
    return () => window.removeEventListener("paste", onPaste);
  }, [addImageFiles]);

  const removeImage = (id: string) => {
    clientRef.current?.call({ type: "forget-image", imageId: id });
    setImages((is) => is.filter((x) => x.id !== id));
    setActiveImage((a) => (a === id ? (images.find((x) => x.id !== id)?.id ?? null) : a));
  };

  // --- analysis ---
  const readyModels = models.filter((m) => m.status === "ready" && m.summary);
  const img = images.find((x) => x.id === activeImage && x.status === "ready");
  const methodFor = (m: ModelEntry): CamMethod =>
    method === "cam" && !m.summary?.camPossible ? "gradcam" : method;
  const resultKey = (m: ModelEntry, imageId: string) =>
    `${m.key}|${m.summary?.feature.name}|${imageId}|${methodFor(m)}|${resize}|${m.preprocess}|${chosenClass ?? "top"}`;

  const readyKey = readyModels
    .map((m) => `${m.key}:${m.summary?.feature.name}:${m.preprocess}`)
    .join(",");
  useEffect(() => {
    const c = clientRef.current;
    if (!c || !img) return;
    let cancelled = false;
    const ordered = [...readyModels].sort((a, b) =>
      a.key === activeModel ? -1 : b.key === activeModel ? 1 : 0,
    );
    (async () => {
      for (const m of ordered) {
        const key = resultKey(m, img.id);
        if (cancelled || results.has(key)) continue;
        const classes = chosenClass === null ? "top" : [chosenClass];
        try {
          const r = await c.call<"result">({
            type: "analyze",
            key: m.key,
            imageId: img.id,
            method: methodFor(m),
            classes,
            resize,
            preprocess: m.preprocess,
          }).done;
          setResults((rs) => new Map(rs).set(key, r));
        } catch (e) {
          setResults((rs) => new Map(rs).set(key, { error: (e as Error).message }));
        }
      }
    })();
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the strings above
  }, [img?.id, readyKey, method, resize, chosenClass, activeModel, results.size]);

  const active = readyModels.find((m) => m.key === activeModel) ?? readyModels[0];
  const activeResult = active && img ? results.get(resultKey(active, img.id)) : undefined;
  const searchHits = useMemo(() => searchLabels(IMAGENET_LABELS, query, 12), [query]);

  const asMapResult = (
    m: ModelEntry,
    r: Result | { error: string } | undefined,
  ): MapResult | null => (r && "type" in r ? { model: m.label, method: methodFor(m), ...r } : null);

  return (
    <section className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Class activation maps</h1>
        <p className="max-w-prose text-muted">
          Where does a network look? Load a pretrained model, add photos, and see the top classes
          and the regions that drove each — CAM (Zhou et al. 2016), Grad-CAM and Grad-CAM++ — side
          by side across models and scales, in the spirit of figure 7 of the EfficientNet paper.
        </p>
        <p
          data-testid="privacy-note"
          className="max-w-prose rounded-md border border-emerald-600/30 bg-emerald-500/10 px-3 py-2 text-sm text-foreground"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            className="mr-1.5 inline h-4 w-4 -translate-y-px"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
          >
            <rect x="5" y="11" width="14" height="10" rx="2" />
            <path d="M8 11V7a4 4 0 0 1 8 0v4" />
          </svg>
          Your images never leave this machine: they are decoded and analysed inside this browser
          tab (a Web Worker). Nothing is uploaded to any server. Only model files are downloaded.
        </p>
        <p className="text-xs text-muted" data-testid="backend">
          Compute backend: {backend} (Grad-CAM runs on a backend with gradients)
        </p>
      </header>

      <div className="grid gap-4 lg:grid-cols-2">
        {/* Models */}
        <div className={cardCls} aria-labelledby="models-h">
          <h2 id="models-h" className="mb-3 font-semibold">
            1 · Models
          </h2>
          <div className="flex flex-wrap items-end gap-2">
            <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
              Pretrained
              <select
                className={`${selectCls} w-full min-w-0`}
                value={choice}
                onChange={(e) => setChoice(e.target.value)}
                data-testid="model-choice"
              >
                {Array.from(new Set(MODEL_CHOICES.map((c) => c.group))).map((g) => (
                  <optgroup key={g} label={g}>
                    {MODEL_CHOICES.filter((c) => c.group === g).map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <button type="button" className={btnCls} onClick={addPreset} data-testid="add-model">
              Load
            </button>
          </div>
          <label className="mt-2 flex flex-col gap-1 text-sm">
            Model base URL (self-host: serve{" "}
            <code className="text-xs">mobilenet_v1_0.25_224/model.json</code> … below it)
            <input
              className={selectCls}
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
              data-testid="base-url"
              spellCheck={false}
            />
          </label>
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer font-medium">Your own TensorFlow.js model</summary>
            <div className="mt-2 space-y-2">
              <label className="flex flex-col gap-1">
                Preprocessing for it
                <select
                  className={selectCls}
                  value={customPre}
                  onChange={(e) => setCustomPre(e.target.value as Preprocess)}
                >
                  {PREPROCESS_MODES.map((p) => (
                    <option key={p} value={p}>
                      {PREPROCESS_LABELS[p]}
                    </option>
                  ))}
                </select>
              </label>
              <div className="flex gap-2">
                <input
                  className={`${selectCls} min-w-0 flex-1`}
                  placeholder="https://…/model.json"
                  value={customUrl}
                  onChange={(e) => setCustomUrl(e.target.value)}
                  aria-label="Model URL"
                  data-testid="model-url"
                />
                <button
                  type="button"
                  className={btnCls}
                  onClick={addCustomUrl}
                  data-testid="add-model-url"
                >
                  Load URL
                </button>
              </div>
              <label className="flex flex-col gap-1">
                Or pick model.json together with its weight files
                <input
                  type="file"
                  multiple
                  data-testid="model-files"
                  onChange={(e) => {
                    void addModelFiles(e.target.files);
                    e.target.value = "";
                  }}
                />
              </label>
            </div>
          </details>
          {modelError && (
            <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
              {modelError}
            </p>
          )}
          <ul className="mt-3 space-y-2" data-testid="model-list">
            {models.map((m) => (
              <li
                key={m.key}
                className="rounded-md border border-border p-2 text-sm"
                data-testid="model-entry"
                data-model-key={m.key}
                data-status={m.status}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <label className="flex items-center gap-1.5">
                    <input
                      type="radio"
                      name="active-model"
                      checked={active?.key === m.key}
                      disabled={m.status !== "ready"}
                      onChange={() => setActiveModel(m.key)}
                    />
                    <span className="font-medium">{m.label}</span>
                  </label>
                  <span className="ml-auto text-xs text-muted">
                    {m.status === "ready" && m.summary
                      ? `${m.summary.format} · ${(m.summary.weightBytes / 1e6).toFixed(1)} MB · input ${m.summary.inputSize.join("×")} · ${PREPROCESS_LABELS[m.preprocess]}`
                      : m.status}
                  </span>
                  <button
                    type="button"
                    className="text-xs underline"
                    onClick={() => removeModel(m.key)}
                  >
                    {m.status === "loading" ? "Cancel" : "Remove"}
                  </button>
                </div>
                {m.status === "loading" && (
                  <div className="mt-1.5">
                    <progress
                      className="h-2 w-full"
                      max={1}
                      value={m.progress}
                      aria-label={`Loading ${m.label}`}
                    />
                    <span className="text-xs text-muted">{m.progressText}</span>
                  </div>
                )}
                {m.status === "error" && (
                  <p
                    role="alert"
                    className="mt-1 text-red-600 dark:text-red-400"
                    data-testid="model-error"
                  >
                    {m.error}
                  </p>
                )}
                {m.status === "ready" && m.summary && (
                  <div className="mt-1.5 space-y-1 text-xs">
                    {m.summary.randomWeights && (
                      <p className="rounded bg-amber-500/15 px-2 py-1 text-amber-800 dark:text-amber-200">
                        Random weights: this network was just built and never trained, so its
                        predictions and maps mean nothing until it is trained or loaded with
                        weights.
                      </p>
                    )}
                    <label className="flex min-w-0 flex-col gap-1">
                      Feature map
                      <select
                        className={`${selectCls} w-full min-w-0 text-xs`}
                        value={m.summary.feature.name}
                        data-testid="feature-layer"
                        onChange={(e) => {
                          const next = { ...m, featureLayer: e.target.value };
                          updateModel(m.key, { featureLayer: e.target.value });
                          startLoad(next);
                        }}
                      >
                        {m.summary.candidates.map((c) => (
                          <option key={c.name} value={c.name}>
                            {c.name} ({c.shape.join("×")})
                          </option>
                        ))}
                      </select>
                    </label>
                    <p
                      className={
                        m.summary.camPossible ? "text-muted" : "text-amber-700 dark:text-amber-300"
                      }
                      data-testid="cam-status"
                    >
                      {m.summary.camPossible
                        ? "Linear head found (global average pool + classifier): plain CAM available."
                        : m.summary.camBlocker}
                    </p>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>

        {/* Images */}
        <div className={cardCls}>
          <h2 className="mb-3 font-semibold">2 · Images</h2>
          <label
            data-testid="drop-zone"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              void addImageFiles(e.dataTransfer.files);
            }}
            className={`flex cursor-pointer flex-col items-center justify-center gap-1 rounded-md border-2 border-dashed p-5 text-center text-sm ${dragging ? "border-accent bg-accent/10" : "border-border"}`}
          >
            <span className="font-medium">Drop photos here, click to choose, or paste</span>
            <span className="text-xs text-muted">
              JPEG, PNG, WebP, GIF (first frame), BMP · up to {formatBytes(IMAGE_LIMITS.maxBytes)}{" "}
              and {IMAGE_LIMITS.maxPixels / 1e6} megapixels · several at once
            </span>
            <input
              type="file"
              multiple
              accept="image/*,.bmp"
              className="sr-only"
              data-testid="image-files"
              onChange={(e) => {
                void addImageFiles(e.target.files);
                e.target.value = "";
              }}
            />
          </label>
          <div className="mt-2 flex gap-2">
            <input
              className={`${selectCls} min-w-0 flex-1`}
              placeholder="or an image URL (the server must allow CORS)"
              value={imageUrl}
              onChange={(e) => setImageUrl(e.target.value)}
              aria-label="Image URL"
              data-testid="image-url"
            />
            <button type="button" className={btnCls} onClick={addImageUrl}>
              Fetch
            </button>
          </div>
          {imageErrors.length > 0 && (
            <ul
              role="alert"
              className="mt-2 space-y-1 text-sm text-red-600 dark:text-red-400"
              data-testid="image-errors"
            >
              {imageErrors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          )}
          <ul className="mt-3 flex flex-wrap gap-2" data-testid="image-list">
            {images.map((im) => (
              <li key={im.id} className="relative">
                <button
                  type="button"
                  onClick={() => setActiveImage(im.id)}
                  aria-pressed={activeImage === im.id}
                  title={im.name}
                  className={`block h-16 w-20 overflow-hidden rounded-md border-2 ${activeImage === im.id ? "border-accent" : "border-border"}`}
                >
                  {im.display ? (
                    <Thumb img={im.display} />
                  ) : (
                    <span className="text-xs text-muted">decoding…</span>
                  )}
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${im.name}`}
                  onClick={() => removeImage(im.id)}
                  className="absolute -top-1.5 -right-1.5 h-5 w-5 rounded-full border border-border bg-surface text-xs leading-none"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>

      {/* Settings */}
      <div className={`${cardCls} flex flex-wrap items-end gap-x-5 gap-y-3 text-sm`}>
        <h2 className="w-full font-semibold">3 · Map</h2>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1">Method</legend>
          <div className="flex overflow-hidden rounded-md border border-border" role="radiogroup">
            {CAM_METHODS.map((m) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={method === m}
                onClick={() => setMethod(m)}
                data-testid={`method-${m}`}
                className={`px-3 py-1.5 ${method === m ? "bg-accent text-white" : "bg-surface hover:bg-background"}`}
              >
                {CAM_METHOD_TABLE[m].label}
              </button>
            ))}
          </div>
        </fieldset>
        <label className="flex flex-col gap-1">
          Resize
          <select
            className={selectCls}
            value={resize}
            onChange={(e) => setResize(e.target.value as ResizeMode)}
            data-testid="resize"
          >
            <option value="stretch">stretch to input</option>
            <option value="crop">center crop</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Colormap
          <select
            className={selectCls}
            value={style.colormap}
            onChange={(e) => setStyle({ ...style, colormap: e.target.value as ColormapName })}
            data-testid="colormap"
          >
            {COLORMAPS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Upsampling
          <select
            className={selectCls}
            value={style.upsample}
            onChange={(e) => setStyle({ ...style, upsample: e.target.value as UpsampleMode })}
            data-testid="upsample"
          >
            <option value="smooth">smooth (bilinear)</option>
            <option value="blocky">blocky (true grid)</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Opacity {Math.round(style.opacity * 100)}%
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={style.opacity}
            onChange={(e) => setStyle({ ...style, opacity: Number(e.target.value) })}
            data-testid="opacity"
          />
        </label>
        <label className="flex flex-col gap-1">
          Threshold {Math.round(style.threshold * 100)}%
          <input
            type="range"
            min={0}
            max={0.95}
            step={0.05}
            value={style.threshold}
            onChange={(e) => setStyle({ ...style, threshold: Number(e.target.value) })}
            data-testid="threshold"
          />
        </label>
        {active && (
          <label className="flex flex-col gap-1">
            Preprocessing ({active.label.split(" ·")[0]})
            <select
              className={selectCls}
              value={active.preprocess}
              onChange={(e) =>
                updateModel(active.key, { preprocess: e.target.value as Preprocess })
              }
              data-testid="preprocess"
            >
              {PREPROCESS_MODES.map((p) => (
                <option key={p} value={p}>
                  {PREPROCESS_LABELS[p]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>

      {/* Results */}
      {!img || !active ? (
        <p
          className="rounded-md border border-dashed border-border p-6 text-center text-muted"
          data-testid="empty-state"
        >
          {readyModels.length === 0 ? "Load a model" : "Add an image"}
          {readyModels.length === 0 && !img ? " and add an image" : ""} to see its classes and maps.
        </p>
      ) : (
        <div className="space-y-4">
          <div className="grid gap-4 lg:grid-cols-[18rem_1fr]">
            <div className={cardCls}>
              <h2 className="mb-2 font-semibold">Top-5 · {active.label}</h2>
              {activeResult && "type" in activeResult ? (
                <ol className="space-y-1.5" data-testid="top5">
                  {activeResult.top.map((t) => {
                    const selected = (chosenClass ?? activeResult.top[0].index) === t.index;
                    return (
                      <li key={t.index}>
                        <button
                          type="button"
                          onClick={() => setChosenClass(t.index)}
                          aria-pressed={selected}
                          className={`w-full rounded-md border px-2 py-1 text-left text-sm ${selected ? "border-accent bg-accent/10" : "border-border hover:bg-background"}`}
                        >
                          <span className="flex justify-between gap-2">
                            <span className="truncate" title={t.label}>
                              {shortLabel(t.label)}
                            </span>
                            <span className="tabular-nums text-muted">
                              {(t.probability * 100).toFixed(1)}%
                            </span>
                          </span>
                          <span className="mt-1 block h-1.5 rounded bg-border">
                            <span
                              className="block h-1.5 rounded bg-accent"
                              style={{ width: `${Math.max(1, t.probability * 100)}%` }}
                            />
                          </span>
                        </button>
                      </li>
                    );
                  })}
                </ol>
              ) : activeResult ? (
                <p role="alert" className="text-sm text-red-600 dark:text-red-400">
                  {activeResult.error}
                </p>
              ) : (
                <p className="text-sm text-muted" aria-live="polite">
                  Analysing…
                </p>
              )}
              <label className="mt-3 flex flex-col gap-1 text-sm">
                Any class
                <input
                  className={selectCls}
                  placeholder="search labels, e.g. kite"
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                  data-testid="class-search"
                />
              </label>
              {searchHits.length > 0 && (
                <ul
                  className="mt-1 max-h-48 overflow-auto rounded-md border border-border text-sm"
                  data-testid="class-hits"
                >
                  {searchHits.map((i) => (
                    <li key={i}>
                      <button
                        type="button"
                        className="w-full px-2 py-1 text-left hover:bg-background"
                        onClick={() => {
                          setChosenClass(i);
                          setQuery("");
                        }}
                      >
                        {i} · {shortLabel(IMAGENET_LABELS[i])}
                        {activeResult && "type" in activeResult && (
                          <span className="text-muted">
                            {" "}
                            ({(activeResult.probs[i] * 100).toFixed(2)}%)
                          </span>
                        )}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {chosenClass !== null && (
                <button
                  type="button"
                  className="mt-2 text-xs underline"
                  onClick={() => setChosenClass(null)}
                >
                  back to each model&apos;s top-1
                </button>
              )}
            </div>
            <div className={cardCls}>
              <MapTrio
                image={img.display!}
                fullImage={img.image!}
                imageName={img.name}
                original={{ width: img.originalWidth!, height: img.originalHeight! }}
                result={asMapResult(active, activeResult)}
                style={style}
                note={
                  method === "cam" && !active.summary?.camPossible
                    ? "Plain CAM is impossible for this model; showing Grad-CAM."
                    : null
                }
              />
            </div>
          </div>
          {readyModels.length > 1 && (
            <div className={cardCls} data-testid="compare">
              <h2 className="mb-1 font-semibold">
                Compare models (same image
                {chosenClass !== null
                  ? `, class “${shortLabel(IMAGENET_LABELS[chosenClass])}”`
                  : ", each model's top-1"}
                )
              </h2>
              <p className="mb-3 text-sm text-muted">
                Like figure 7 of the paper: how the region a model attends to changes with its
                scale.
              </p>
              <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
                {readyModels.map((m) => {
                  const r = results.get(resultKey(m, img.id));
                  return (
                    <MapTrio
                      key={m.key}
                      compact
                      image={img.display!}
                      fullImage={img.image!}
                      imageName={img.name}
                      original={{ width: img.originalWidth!, height: img.originalHeight! }}
                      result={asMapResult(m, r)}
                      error={r && !("type" in r) ? r.error : null}
                      style={style}
                      title={m.label}
                    />
                  );
                })}
              </div>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function Thumb({ img }: { img: RgbaImage }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    c.width = img.width;
    c.height = img.height;
    c.getContext("2d")?.putImageData(
      new ImageData(new Uint8ClampedArray(img.data), img.width, img.height),
      0,
      0,
    );
  }, [img]);
  return <canvas ref={ref} className="h-full w-full object-cover" />;
}
