"use client";
/** 4 · Results: top-5 of the active model, any class, its maps, and every model side by side. */
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";

import { methodForModel } from "@/lib/tfjs/cam-methods";
import { searchLabels, shortLabel } from "@/lib/tfjs/labels";

import { MapTrio, type MapResult } from "./MapTrio";
import { ModelName, type Problem, ProblemText, useCamRich, useModelName } from "./rich";
import type { MapStyle } from "./render";
import { useCamSettings } from "./settings";
import { cardCls, selectCls } from "./styles";
import { type ImageEntry, isResult, type ModelEntry, type ResultOrError } from "./types";

interface Job {
  readonly modelKey: string;
  readonly fraction: number;
  readonly text: Problem;
}

interface Props {
  active: ModelEntry;
  models: readonly ModelEntry[];
  image: ImageEntry;
  resultOf(m: ModelEntry): ResultOrError | undefined;
  job: Job | null;
  onCancel(): void;
  onRetry(m: ModelEntry): void;
  onBox(b: ImageEntry["box"]): void;
}

export function Results({ active, models, image, resultOf, job, onCancel, onRetry, onBox }: Props) {
  const v = useCamSettings((s) => s.values);
  const set = useCamSettings((s) => s.set);
  const [query, setQuery] = useState("");
  const t = useTranslations("cam.results");
  const rich = useCamRich();
  const modelName = useModelName();
  const labels = active.summary?.labels;
  const hits = useMemo(() => (labels ? searchLabels(labels, query, 12) : []), [labels, query]);
  const chosen = v.class >= 0 ? v.class : null;
  const style: MapStyle = {
    colormap: v.colormap,
    opacity: v.opacity,
    threshold: v.threshold,
    upsample: v.upsample,
  };
  const r = resultOf(active);
  const asMap = (m: ModelEntry, x: ResultOrError | undefined): MapResult | null =>
    isResult(x)
      ? { model: m.label, method: methodForModel(v.method, !!m.summary?.camPossible), ...x }
      : null;
  const progress = job && job.modelKey === active.key ? job : null;

  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-[18rem_1fr]">
        <div className={cardCls}>
          <h2 className="mb-2 font-semibold">
            {t("top5")}
            <ModelName m={active} />
          </h2>
          {isResult(r) ? (
            <ol className="space-y-1.5" data-testid="top5">
              {r.top.map((t, i) => {
                const selected = (chosen ?? r.top[0].index) === t.index;
                return (
                  <li key={t.index}>
                    <button
                      type="button"
                      onClick={() => set("class", String(t.index))}
                      aria-pressed={selected}
                      className={`w-full rounded-md border px-2 py-1 text-left text-sm ${selected ? "border-accent bg-accent/10" : "border-border hover:bg-background"}`}
                    >
                      <span className="flex justify-between gap-2">
                        <span
                          className="truncate"
                          translate="no"
                          title={t.label}
                          data-testid={i === 0 ? "cam-top1" : undefined}
                        >
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
          ) : r ? (
            <div role="alert" className="text-sm text-red-600 dark:text-red-400">
              <p data-testid="analysis-error">
                <ProblemText p={r.error} />
              </p>
              <button
                type="button"
                className="mt-1 text-xs underline"
                onClick={() => onRetry(active)}
              >
                {t("runAgain")}
              </button>
            </div>
          ) : (
            <div className="text-sm text-muted" aria-live="polite">
              <p>{t("analysing")}</p>
              {progress && (
                <div className="mt-1 space-y-1" data-testid="cam-progress">
                  <progress className="h-2 w-full" max={1} value={progress.fraction} />
                  <span className="text-xs">{rich(progress.text.key, progress.text.values)}</span>
                  <button
                    type="button"
                    className="ml-2 text-xs underline"
                    onClick={onCancel}
                    data-testid="cam-cancel"
                  >
                    {t("cancel")}
                  </button>
                </div>
              )}
            </div>
          )}
          <label className="mt-3 flex flex-col gap-1 text-sm">
            {t("anyClass")}
            <input
              className={selectCls}
              placeholder={t("search")}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="class-search"
            />
          </label>
          {hits.length > 0 && (
            <ul
              className="mt-1 max-h-48 overflow-auto rounded-md border border-border text-sm"
              data-testid="class-hits"
            >
              {hits.map((i) => (
                <li key={i}>
                  <button
                    type="button"
                    className="w-full px-2 py-1 text-left hover:bg-background"
                    onClick={() => {
                      set("class", String(i));
                      setQuery("");
                    }}
                  >
                    {i} · <span translate="no">{shortLabel(labels?.[i] ?? `class ${i}`)}</span>
                    {isResult(r) && (
                      <span className="text-muted">{` (${(r.probs[i] * 100).toFixed(2)}%)`}</span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {chosen !== null && (
            <button
              type="button"
              className="mt-2 text-xs underline"
              onClick={() => set("class", "-1")}
            >
              {t("backToTop")}
            </button>
          )}
        </div>
        <div className={cardCls}>
          <MapTrio
            image={image.display!}
            fullImage={image.image!}
            imageName={image.name}
            original={{ width: image.originalWidth!, height: image.originalHeight! }}
            result={asMap(active, r)}
            style={style}
            note={
              methodForModel(v.method, !!active.summary?.camPossible) !== v.method
                ? t("camFallback")
                : null
            }
            box={image.box ?? null}
            onBox={onBox}
            lab={image.lab ?? null}
          />
        </div>
      </div>
      {models.length > 1 && (
        <div className={cardCls} data-testid="compare">
          <h2 className="mb-1 font-semibold">
            {chosen !== null ? t("compareClass", { index: chosen }) : t("compare")}
          </h2>
          <p className="mb-3 text-sm text-muted">{t("compareIntro")}</p>
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {models.map((m) => {
              const x = resultOf(m);
              return (
                <MapTrio
                  key={m.key}
                  compact
                  image={image.display!}
                  fullImage={image.image!}
                  imageName={image.name}
                  original={{ width: image.originalWidth!, height: image.originalHeight! }}
                  result={asMap(m, x)}
                  error={x && !isResult(x) ? x.error : null}
                  style={style}
                  title={modelName(m)}
                />
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
