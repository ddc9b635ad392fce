"use client";
/**
 * /cam: wires the worker client to the four parts of the page (models, images, map settings,
 * results). The settings live in the URL-mirrored store (settings.tsx); models, images and
 * results live here because they hold worker handles and pixels.
 */
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";

import { buttonClass } from "@/components/ui";
import { useWorkerClient } from "@/components/ui/useWorkerClient";
import { failureText, isCancelled } from "@/components/ui/workerClient";
import { formatBytes, IMAGE_LIMITS, workingSize } from "@/lib/image/limits";
import type { Preprocess } from "@/lib/image/normalize";
import { resizeRgba } from "@/lib/image/resize";
import { checkImageBytes } from "@/lib/image/sniff";
import type { QueryInput } from "@/lib/state/props";
import { CAM_METHOD_TABLE, methodForModel } from "@/lib/tfjs/cam-methods";
import type { LabModelRef, ModelSource } from "@/lib/tfjs/cam-protocol";
import { DEFAULT_MODEL_BASE_URL } from "@/lib/tfjs/model-load";

import { CAM_PROTOCOL, CAM_WORKER, createCamWorker, progressOf } from "./client";
import { ImagesCard } from "./ImagesCard";
import { MapSettings } from "./MapSettings";
import { ModelsCard } from "./ModelsCard";
import { imageProblem, loadFailure } from "./problems";
import { BASE_URL_KEY, MODEL_CHOICES, SAMPLE_BASE, SAMPLE_IMAGES } from "./presets";
import { Results } from "./Results";
import { type Problem, rawProblem, useCamRich } from "./rich";
import { CamSettingsProvider, useCamSettings } from "./settings";
import { type ImageEntry, markReady, type ModelEntry, type ResultOrError } from "./types";
import { useLabImages } from "./useLabImages";

let counter = 0;

/** A progress step: the session's "12/256 masked passes" read back into a message. */
function stepProgress(stage: string, detail: string): Problem {
  const m = /^(\d+)\/(\d+) (masked )?passes$/.exec(detail);
  if (!m) return { key: "progress.step", values: { stage, detail } };
  return {
    key: m[3] ? "progress.maskedPasses" : "progress.passes",
    values: { stage, done: Number(m[1]), total: Number(m[2]) },
  };
}
const DISPLAY_SIDE = 640;

export default function CamPanel({ initialQuery }: { initialQuery: QueryInput }) {
  return (
    <CamSettingsProvider initialQuery={initialQuery}>
      <CamView />
    </CamSettingsProvider>
  );
}

function CamView() {
  const client = useWorkerClient(createCamWorker, CAM_PROTOCOL);
  const v = useCamSettings((s) => s.values);
  const t = useTranslations("cam");
  const rich = useCamRich();
  const [backend, setBackend] = useState<Problem>({ key: "panel.backendStarting" });
  const [models, setModels] = useState<ModelEntry[]>([]);
  const [activeModel, setActiveModel] = useState<string | null>(null);
  const [images, setImages] = useState<ImageEntry[]>([]);
  const [activeImage, setActiveImage] = useState<string | null>(null);
  const [imageErrors, setImageErrors] = useState<Problem[]>([]);
  const [results, setResults] = useState<Map<string, ResultOrError>>(new Map());
  const [job, setJob] = useState<{
    id: number;
    modelKey: string;
    fraction: number;
    text: Problem;
  } | null>(null);
  const [baseUrl, setBaseUrlState] = useState(DEFAULT_MODEL_BASE_URL);
  const [labModels, setLabModels] = useState<LabModelRef[]>([]);

  const updateModel = (key: string, patch: Partial<ModelEntry>) =>
    setModels((ms) => ms.map((m) => (m.key === key ? { ...m, ...patch } : m)));

  const startLoad = useCallback(
    (entry: ModelEntry, labels?: string[] | null) => {
      const { id, promise } = client.request(
        {
          type: "load",
          key: entry.key,
          source: entry.source,
          featureLayer: entry.featureLayer,
          labels: labels ?? null,
        },
        {
          onProgress: (m) => {
            const p = progressOf(m);
            if (!p) return;
            updateModel(entry.key, {
              progress: p.fraction,
              progressText:
                p.stage === "building"
                  ? { key: "progress.building", values: { file: p.file } }
                  : {
                      key: "progress.loading",
                      values: { pct: Math.round(p.fraction * 100), file: p.file },
                    },
            });
          },
        },
      );
      updateModel(entry.key, {
        status: "loading",
        loadId: id,
        progress: 0,
        progressText: { key: "progress.starting" },
      });
      promise.then(
        (r) => updateModel(entry.key, { status: "ready", summary: r.summary, progress: 1 }),
        (e: unknown) => updateModel(entry.key, { status: "error", error: loadFailure(e) }),
      );
    },
    [client],
  );

  const addModel = useCallback(
    (
      label: string,
      source: ModelSource,
      preprocess: Preprocess,
      labels?: string[] | null,
      labelMsg?: Problem,
    ) => {
      const key = `m${(++counter).toString(36)}${Date.now().toString(36)}`;
      const entry: ModelEntry = {
        key,
        label,
        labelMsg,
        source,
        preprocess,
        status: "loading",
        progress: 0,
        progressText: null,
        featureLayer: null,
      };
      setModels((ms) => [...ms, entry]);
      setActiveModel((a) => a ?? key);
      startLoad(entry, labels);
    },
    [startLoad],
  );

  const addBuiltin = useCallback(() => {
    const b = MODEL_CHOICES[0];
    addModel(b.label, b.source(""), b.preprocess, null, b.labelMsg);
  }, [addModel]);

  useEffect(() => {
    client.request({ type: "init" }).promise.then(
      (r) => setBackend({ key: "panel.backend", values: { backend: r.backend } }),
      (e: unknown) =>
        setBackend({
          key: "panel.backendFailed",
          values: { detail: failureText(e, CAM_WORKER) },
        }),
    );
    client.request({ type: "list-lab" }).promise.then(
      (r) => setLabModels([...r.models]),
      () => setLabModels([]),
    );
    try {
      const saved = localStorage.getItem(BASE_URL_KEY);
      if (saved) setBaseUrlState(saved);
    } catch {
      /* storage disabled */
    }
    // The built-in model loads first: same origin, no network beyond this site.
    addBuiltin();
    // Test seam (e2e): a raw, already-normalised input through a loaded model in the worker.
    (window as unknown as { __camTest?: unknown }).__camTest = {
      predictRaw: async (key: string, data: number[]) => {
        const job = client.request({
          type: "predict-raw",
          key,
          data: Float32Array.from(data),
        });
        return Array.from((await job.promise).probs);
      },
    };
    return () => {
      // useWorkerClient ends the worker; a remount (React strict mode) starts a new one.
      setModels([]);
      setActiveModel(null);
    };
  }, [client, addBuiltin]);

  const setBaseUrl = (u: string) => {
    setBaseUrlState(u);
    try {
      localStorage.setItem(BASE_URL_KEY, u);
    } catch {
      /* storage disabled */
    }
  };

  const removeModel = (key: string) => {
    const m = models.find((x) => x.key === key);
    if (m?.status === "loading" && m.loadId) client.cancel(m.loadId);
    client.request({ type: "unload", key });
    setModels((ms) => ms.filter((x) => x.key !== key));
    setActiveModel((a) => (a === key ? (models.find((x) => x.key !== key)?.key ?? null) : a));
  };

  // --- images ---
  const addImageBytes = useCallback(
    async (name: string, bytes: ArrayBuffer, show = true) => {
      try {
        checkImageBytes(new Uint8Array(bytes), name); // refuse early, without decoding
      } catch (e) {
        setImageErrors((es) => [...es, imageProblem(e)]);
        return;
      }
      const id = `img${++counter}`;
      setImages((is) => [...is, { id, name, status: "decoding" }]);
      if (show) setActiveImage(id);
      try {
        const r = await client.request(
          { type: "decode", imageId: id, name, bytes },
          { transfer: [bytes] },
        ).promise;
        const image = { width: r.width, height: r.height, data: new Uint8ClampedArray(r.rgba) };
        const ws = workingSize(r.width, r.height, DISPLAY_SIDE);
        const display = ws.scale < 1 ? resizeRgba(image, ws.width, ws.height) : image;
        setImages(
          markReady(id, {
            image,
            display,
            originalWidth: r.originalWidth,
            originalHeight: r.originalHeight,
          }),
        );
      } catch (e) {
        setImages((is) => is.filter((x) => x.id !== id));
        setActiveImage((a) => (a === id ? null : a));
        setImageErrors((es) => [...es, rawProblem("errors.decode", failureText(e, CAM_WORKER))]);
      }
    },
    [client],
  );

  const addImageFiles = useCallback(
    async (files: FileList | File[] | null) => {
      if (!files) return;
      setImageErrors([]);
      let first = true; // a batch shows its first photo
      for (const f of Array.from(files)) {
        if (f.size > IMAGE_LIMITS.maxBytes) {
          setImageErrors((es) => [
            ...es,
            {
              key: "errors.fileTooBig",
              values: {
                name: f.name,
                size: formatBytes(f.size),
                limit: formatBytes(IMAGE_LIMITS.maxBytes),
              },
            },
          ]);
          continue;
        }
        await addImageBytes(f.name, await f.arrayBuffer(), first);
        first = false;
      }
    },
    [addImageBytes],
  );

  const addImageUrl = async (u0: string) => {
    setImageErrors([]);
    const u = u0.trim();
    if (!u) return;
    let abs: URL;
    try {
      abs = new URL(u, window.location.href);
      if (abs.protocol !== "http:" && abs.protocol !== "https:") throw new Error();
    } catch {
      setImageErrors([{ key: "errors.notHttp", values: { url: u } }]);
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
          ? { key: "errors.cors", values: { url: abs.href } }
          : { key: "errors.fetch", values: { url: abs.href, detail: (e as Error).message } },
      ]);
    }
  };

  const addSample = (file: string) => {
    const have = images.find((x) => x.name === file);
    if (have) setActiveImage(have.id);
    else void addImageUrl(SAMPLE_BASE + file);
  };

  const tryExample = () => {
    if (!models.some((m) => m.status !== "error")) addBuiltin();
    const next =
      SAMPLE_IMAGES.find((s) => !images.some((x) => x.name === s.file)) ?? SAMPLE_IMAGES[0];
    addSample(next.file);
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
    client.send({ type: "forget-image", imageId: id });
    setImages((is) => is.filter((x) => x.id !== id));
    setActiveImage((a) => (a === id ? (images.find((x) => x.id !== id)?.id ?? null) : a));
  };

  // --- layer: the settings' index into each model's spatial maps ---
  const readyModels = models.filter((m) => m.status === "ready" && m.summary);
  useEffect(() => {
    for (const m of readyModels) {
      const cands = m.summary!.candidates;
      const want = v.layer === 0 ? null : cands[Math.min(v.layer, cands.length - 1)].name;
      if ((m.featureLayer ?? null) !== want) {
        const next = { ...m, featureLayer: want };
        updateModel(m.key, { featureLayer: want });
        startLoad(next);
      }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- per layer and model set
  }, [v.layer, readyModels.map((m) => m.key).join(",")]);

  // --- analysis ---
  const img = images.find((x) => x.id === activeImage && x.status === "ready");
  const resultKey = useCallback(
    (m: ModelEntry, im: ImageEntry) =>
      [
        m.key,
        m.summary?.feature.name,
        im.id,
        methodForModel(v.method, !!m.summary?.camPossible),
        v.resize,
        v.preprocess === "auto" ? m.preprocess : v.preprocess,
        v.class,
        v.faithfulness,
        im.box ? `${im.box.x0},${im.box.y0},${im.box.x1},${im.box.y1}` : "",
      ].join("|"),
    [v.method, v.resize, v.preprocess, v.class, v.faithfulness],
  );
  const active = readyModels.find((m) => m.key === activeModel) ?? readyModels[0];
  const wanted = img
    ? [...readyModels]
        .sort((a, b) => (a.key === active?.key ? -1 : b.key === active?.key ? 1 : 0))
        .map((m) => ({ m, key: resultKey(m, img) }))
        .filter((w) => !results.has(w.key))
    : [];
  const wantedKey = wanted.map((w) => w.key).join(",");

  useEffect(() => {
    if (!img || wanted.length === 0) return;
    let stop = false;
    (async () => {
      for (const { m, key } of wanted) {
        if (stop) return;
        const { id, promise } = client.request(
          {
            type: "analyze",
            key: m.key,
            imageId: img.id,
            method: methodForModel(v.method, !!m.summary?.camPossible),
            classes: v.class >= 0 ? [v.class] : "top",
            resize: v.resize,
            preprocess: v.preprocess === "auto" ? m.preprocess : v.preprocess,
            faithfulness: v.faithfulness,
            box: img.box ?? null,
          },
          {
            onProgress: (msg) => {
              const p = progressOf(msg);
              if (!p) return;
              setJob({
                id,
                modelKey: m.key,
                fraction: p.fraction,
                text: stepProgress(
                  p.stage === "faithfulness"
                    ? t("progress.faithfulness")
                    : CAM_METHOD_TABLE[v.method].label,
                  p.file,
                ),
              });
            },
          },
        );
        setJob({ id, modelKey: m.key, fraction: 0, text: { key: "progress.starting" } });
        try {
          const r = await promise;
          setResults((rs) => new Map(rs).set(key, r));
        } catch (e) {
          setResults((rs) =>
            new Map(rs).set(
              key,
              isCancelled(e)
                ? { error: { key: "errors.cancelled" }, cancelled: true }
                : { error: rawProblem("errors.analysis", failureText(e, CAM_WORKER)) },
            ),
          );
        } finally {
          setJob((j) => (j?.id === id ? null : j));
        }
      }
    })();
    return () => {
      stop = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the result keys
  }, [wantedKey]);

  const resultOf = useMemo(
    () => (m: ModelEntry) => (img ? results.get(resultKey(m, img)) : undefined),
    [img, results, resultKey],
  );

  // Lab test images come from the dataset a loaded Lab network records, the active one first.
  const labImages = useLabImages({
    client,
    images,
    setImages,
    setActiveImage,
    setImageErrors,
    from: [active, ...readyModels].find((m) => m?.summary?.labDataset),
  });

  return (
    <section className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("panel.title")}</h1>
        <p className="max-w-prose text-muted">{t("panel.intro")}</p>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            className={buttonClass("primary")}
            onClick={tryExample}
            data-testid="try-example"
          >
            {t("panel.tryExample")}
          </button>
          <p className="text-xs text-muted" data-testid="backend">
            {rich(backend.key, backend.values)}
          </p>
        </div>
        <p
          data-testid="privacy-note"
          className="max-w-prose rounded-md border border-emerald-600/30 bg-emerald-500/10 px-3 py-2 text-sm text-foreground"
        >
          {t("panel.privacy")}
        </p>
      </header>

      <div className="grid gap-4 lg:grid-cols-2">
        <ModelsCard
          models={models}
          activeKey={active?.key ?? null}
          labModels={labModels}
          baseUrl={baseUrl}
          setBaseUrl={setBaseUrl}
          onAdd={addModel}
          onRemove={removeModel}
          onActivate={setActiveModel}
        />
        <ImagesCard
          images={images}
          activeId={activeImage}
          errors={imageErrors}
          onFiles={(f) => void addImageFiles(f)}
          onUrl={(u) => void addImageUrl(u)}
          onSample={addSample}
          onLabImages={() => void labImages.add()}
          labNote={labImages.note}
          onSelect={setActiveImage}
          onRemove={removeImage}
        />
      </div>

      <MapSettings candidates={active?.summary?.candidates ?? null} />

      {!img || !active ? (
        <p
          className="rounded-md border border-dashed border-border p-6 text-center text-muted"
          data-testid="empty-state"
        >
          {t(
            readyModels.length > 0
              ? "panel.emptyAddImage"
              : img
                ? "panel.emptyLoading"
                : "panel.emptyLoadingNoImage",
          )}
        </p>
      ) : (
        <Results
          active={active}
          models={readyModels}
          image={img}
          resultOf={resultOf}
          job={job}
          onCancel={() => job && client.cancel(job.id)}
          onRetry={(m) =>
            setResults((rs) => {
              const n = new Map(rs);
              n.delete(resultKey(m, img));
              return n;
            })
          }
          onBox={(box) => setImages((is) => is.map((x) => (x.id === img.id ? { ...x, box } : x)))}
        />
      )}
    </section>
  );
}
