"use client";
/** 1 · Models: the built-in, public-host, builder and Lab models; your own; the loaded list. */
import { useTranslations } from "next-intl";
import { useState } from "react";

import { PREPROCESS_MODES, type Preprocess } from "@/lib/image/normalize";
import type { LabModelRef, ModelSource } from "@/lib/tfjs/cam-protocol";
import { parseLabels } from "@/lib/tfjs/labels";
import { normalizeBaseUrl } from "@/lib/tfjs/model-load";

import { MODEL_CHOICES } from "./presets";
import { ModelName, type Problem, ProblemText, rawProblem, useCamRich, useModelName } from "./rich";
import { btnCls, cardCls, selectCls } from "./styles";
import type { ModelEntry } from "./types";

export interface AddModel {
  (
    label: string,
    source: ModelSource,
    preprocess: Preprocess,
    labels?: string[] | null,
    labelMsg?: Problem,
  ): void;
}

interface Props {
  models: readonly ModelEntry[];
  activeKey: string | null;
  labModels: readonly LabModelRef[];
  baseUrl: string;
  setBaseUrl(v: string): void;
  onAdd: AddModel;
  onRemove(key: string): void;
  onActivate(key: string): void;
}

/** "Lab: depth · w 1 d 1.8 r 64 · 61% test" (the Lab's images are in [0, 1]). */
const labLabel = (m: LabModelRef) => ({
  key: "models.labChoice",
  values: {
    strategy: m.strategy,
    // The solver's coefficients (0.12187500000000435): three digits tell the nets apart.
    width: Number(m.width.toPrecision(3)),
    depth: Number(m.depth.toPrecision(3)),
    resolution: m.resolution,
    accuracy: (m.testAccuracy * 100).toFixed(0),
  },
});

export function ModelsCard(p: Props) {
  const [choice, setChoice] = useState(MODEL_CHOICES[0].id);
  const [customUrl, setCustomUrl] = useState("");
  const [customPre, setCustomPre] = useState<Preprocess>("symmetric");
  const [labelsText, setLabelsText] = useState<{ name: string; labels: string[] } | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const t = useTranslations("cam");
  const rich = useCamRich();
  const name = useModelName();

  const addPreset = () => {
    setError(null);
    const lab = p.labModels.find((m) => m.url === choice);
    if (lab) {
      // Named by its scaling (as in the list), so the comparison row reads like figure 7.
      const name = labLabel(lab);
      const v = name.values;
      p.onAdd(
        `Lab: ${v.strategy} · w ${v.width} d ${v.depth} r ${v.resolution} · ${v.accuracy}% test`,
        { kind: "indexeddb", url: lab.url },
        "unit",
        null,
        name,
      );
      return;
    }
    const c = MODEL_CHOICES.find((x) => x.id === choice)!;
    let base: string;
    try {
      base = normalizeBaseUrl(p.baseUrl);
    } catch (e) {
      setError(rawProblem("errors.baseUrl", e));
      return;
    }
    p.onAdd(c.label, c.source(base), c.preprocess, null, c.labelMsg);
  };

  const addCustomUrl = () => {
    setError(null);
    const u = customUrl.trim();
    if (!u) return setError({ key: "errors.enterModelUrl" });
    try {
      const abs = new URL(u, window.location.href);
      if (abs.protocol !== "http:" && abs.protocol !== "https:") throw new Error("not http");
      p.onAdd(
        abs.pathname.split("/").slice(-2).join("/") || u,
        { kind: "url", url: abs.toString() },
        customPre,
        labelsText?.labels,
      );
    } catch {
      setError({ key: "errors.notModelUrl", values: { url: u } });
    }
  };

  const addFiles = async (files: FileList | null) => {
    setError(null);
    if (!files || files.length === 0) return;
    const list = await Promise.all(
      Array.from(files).map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })),
    );
    const main = list.find((f) => f.name.toLowerCase().endsWith(".json"));
    p.onAdd(
      main ? `${main.name} (uploaded)` : "uploaded model",
      { kind: "files", files: list },
      customPre,
      labelsText?.labels,
      main
        ? { key: "models.uploaded", values: { name: main.name } }
        : { key: "models.uploadedModel" },
    );
  };

  const readLabels = async (files: FileList | null) => {
    setError(null);
    const f = files?.[0];
    if (!f) return setLabelsText(null);
    try {
      if (f.size > 4_000_000) {
        setLabelsText(null);
        return setError({ key: "errors.labelsTooBig", values: { name: f.name } });
      }
      setLabelsText({ name: f.name, labels: parseLabels(await f.text(), f.name) });
    } catch (e) {
      setLabelsText(null);
      setError(rawProblem("errors.labelsFile", e));
    }
  };

  const groups = Array.from(new Set(MODEL_CHOICES.map((c) => c.groupKey)));
  return (
    <div className={cardCls}>
      <h2 className="mb-3 font-semibold">{t("models.title")}</h2>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
          {t("models.model")}
          <select
            className={`${selectCls} w-full min-w-0`}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            data-testid="model-choice"
          >
            {groups.map((g) => (
              <optgroup key={g} label={t(`choices.groups.${g}`)}>
                {MODEL_CHOICES.filter((c) => c.groupKey === g).map((c) => (
                  <option key={c.id} value={c.id} translate={c.labelMsg ? undefined : "no"}>
                    {name(c)}
                  </option>
                ))}
              </optgroup>
            ))}
            {p.labModels.length > 0 && (
              <optgroup label={t("models.labGroup")}>
                {p.labModels.map((m) => (
                  <option key={m.url} value={m.url}>
                    {t(labLabel(m).key, labLabel(m).values)}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <button type="button" className={btnCls} onClick={addPreset} data-testid="add-model">
          {t("models.load")}
        </button>
      </div>
      <label className="mt-2 flex flex-col gap-1 text-sm">
        {rich("models.baseUrl")}
        <input
          className={selectCls}
          value={p.baseUrl}
          onChange={(e) => p.setBaseUrl(e.target.value)}
          data-testid="base-url"
          spellCheck={false}
        />
      </label>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium">{t("models.own")}</summary>
        <div className="mt-2 space-y-2">
          <label className="flex flex-col gap-1">
            {t("models.preprocessFor")}
            <select
              className={selectCls}
              value={customPre}
              onChange={(e) => setCustomPre(e.target.value as Preprocess)}
            >
              {PREPROCESS_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`settings.preprocessModes.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            {t("models.classNames")}
            <input
              type="file"
              accept=".json,application/json"
              data-testid="labels-file"
              onChange={(e) => void readLabels(e.target.files)}
            />
          </label>
          {labelsText && (
            <p className="text-xs text-muted" data-testid="labels-chosen">
              {rich("models.labelsChosen", {
                name: labelsText.name,
                count: labelsText.labels.length,
              })}
            </p>
          )}
          <div className="flex gap-2">
            <input
              className={`${selectCls} min-w-0 flex-1`}
              placeholder="https://…/model.json"
              value={customUrl}
              onChange={(e) => setCustomUrl(e.target.value)}
              aria-label={t("models.modelUrl")}
              data-testid="model-url"
            />
            <button
              type="button"
              className={btnCls}
              onClick={addCustomUrl}
              data-testid="add-model-url"
            >
              {t("models.loadUrl")}
            </button>
          </div>
          <label className="flex flex-col gap-1">
            {t("models.files")}
            <input
              type="file"
              multiple
              data-testid="model-files"
              onChange={(e) => {
                void addFiles(e.target.files);
                e.target.value = "";
              }}
            />
          </label>
        </div>
      </details>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          <ProblemText p={error} />
        </p>
      )}
      <ul className="mt-3 space-y-2" data-testid="model-list">
        {p.models.map((m) => (
          <ModelRow
            key={m.key}
            m={m}
            active={p.activeKey === m.key}
            onRemove={() => p.onRemove(m.key)}
            onActivate={() => p.onActivate(m.key)}
          />
        ))}
      </ul>
    </div>
  );
}

function ModelRow({
  m,
  active,
  onRemove,
  onActivate,
}: {
  m: ModelEntry;
  active: boolean;
  onRemove(): void;
  onActivate(): void;
}) {
  const s = m.summary;
  const t = useTranslations("cam");
  const rich = useCamRich();
  const name = useModelName();
  return (
    <li
      className="min-w-0 rounded-md border border-border p-2 text-sm"
      data-testid="model-entry"
      data-model-key={m.key}
      data-status={m.status}
    >
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1.5">
          <input
            type="radio"
            name="active-model"
            checked={active}
            disabled={m.status !== "ready"}
            onChange={onActivate}
          />
          <span className="font-medium break-all">
            <ModelName m={m} />
          </span>
        </label>
        <span className="ml-auto text-xs text-muted">
          {m.status === "ready" && s
            ? rich("models.summary", {
                format: s.format,
                size: s.weightBytes
                  ? t("models.summarySize", { mb: (s.weightBytes / 1e6).toFixed(1) })
                  : "",
                input: s.inputSize.join("×"),
                classes: s.numClasses,
              })
            : t(`models.status.${m.status}`)}
        </span>
        <button type="button" className="text-xs underline" onClick={onRemove}>
          {t(m.status === "loading" ? "models.cancel" : "models.remove")}
        </button>
      </div>
      {m.status === "loading" && (
        <div className="mt-1.5">
          <progress
            className="h-2 w-full"
            max={1}
            value={m.progress}
            aria-label={t("models.loadingLabel", { name: name(m) })}
          />
          <span className="text-xs text-muted">
            {m.progressText && <ProblemText p={m.progressText} />}
          </span>
        </div>
      )}
      {m.status === "error" && (
        <p role="alert" className="mt-1 text-red-600 dark:text-red-400" data-testid="model-error">
          {m.error && <ProblemText p={m.error} />}
        </p>
      )}
      {m.status === "ready" && s && (
        <div className="mt-1.5 space-y-1 text-xs">
          {s.randomWeights && (
            <p className="rounded bg-amber-500/15 px-2 py-1 text-amber-800 dark:text-amber-200">
              {t("models.randomWeights")}
            </p>
          )}
          {s.labelNote && (
            <p
              className="rounded bg-amber-500/15 px-2 py-1 text-amber-800 dark:text-amber-200"
              data-testid="label-note"
            >
              {rich("models.labelNote", { detail: s.labelNote })}
            </p>
          )}
          <p className="break-all text-muted">
            {rich("models.featureMap", { name: s.feature.name, shape: s.feature.shape.join("×") })}
          </p>
          <p
            className={s.camPossible ? "text-muted" : "text-amber-700 dark:text-amber-300"}
            data-testid="cam-status"
          >
            {s.camPossible
              ? t("models.camAvailable")
              : s.camBlocker && rich("models.camBlocker", { detail: s.camBlocker })}
          </p>
        </div>
      )}
    </li>
  );
}
