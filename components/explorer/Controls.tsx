"use client";
/** Baseline picker, scaling mode, and the mode's inputs (preset buttons or sliders). */
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";

import { BASELINES } from "@/lib/arch/baselines";
import { MODEL_IDS, type ModelId } from "@/lib/arch/types";
import { formatSig } from "@/lib/format";
import { PAPER_ALPHA, PAPER_BETA, PAPER_GAMMA } from "@/lib/scaling/compound";
import { minResolution } from "@/lib/scaling/limits";
import { hasPresets, presetOf, presetsOf } from "@/lib/scaling/presets";
import { EXPLORER_PROPS, modesFor, phiRange, type ExplorerKey } from "@/lib/state/explorer";

import { sup, useDataTag } from "./rich";
import { SliderField } from "./SliderField";
import { useExplorer } from "./store";

const segBtn =
  "rounded-md px-3 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 aria-pressed:bg-accent aria-pressed:text-white dark:aria-pressed:text-slate-950";

export function Controls() {
  const data = useDataTag();
  const model = useExplorer((s) => s.params.values.model);
  const mode = useExplorer((s) => s.params.mode);
  const setModel = useExplorer((s) => s.setModel);
  const setMode = useExplorer((s) => s.setMode);
  const t = useTranslations("explorer.controls");

  return (
    <div className="space-y-5">
      <div className="space-y-1">
        <label htmlFor="baseline-picker" className="text-sm font-medium">
          {t("baseline")}
        </label>
        <select
          id="baseline-picker"
          data-testid="baseline-picker"
          value={model}
          onChange={(e) => setModel(e.currentTarget.value as ModelId)}
          className="block w-full rounded-md border border-border bg-surface px-2 py-1.5 text-sm"
        >
          {MODEL_IDS.map((m) => (
            <option key={m} value={m} translate="no">
              {BASELINES[m].name}
            </option>
          ))}
        </select>
      </div>

      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">{t("mode")}</legend>
        <div className="flex flex-wrap gap-1 rounded-lg border border-border bg-background p-1">
          {modesFor(model).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              data-testid={`mode-${m}`}
              onClick={() => setMode(m)}
              className={segBtn + " flex-1 whitespace-nowrap hover:bg-border/60"}
            >
              {t(`modes.${m}`)}
            </button>
          ))}
        </div>
        {!hasPresets(model) && (
          <p className="text-xs text-muted">
            {t.rich("noPresets", { name: BASELINES[model].name, data })}
          </p>
        )}
      </fieldset>

      {mode === "preset" && <PresetButtons />}
      {mode === "compound" && <CompoundSliders />}
      {mode === "explicit" && <ExplicitSliders />}
      <ClassesField />
    </div>
  );
}

function PresetButtons() {
  const data = useDataTag();
  const v = useExplorer((s) => s.params.values);
  const setPreset = useExplorer((s) => s.setPreset);
  const onChange = useSetValue();
  const presets = presetsOf(v.model);
  const own = presetOf(v.model, v.preset)?.resolution ?? v.resolution;
  const t = useTranslations("explorer.controls");
  const tp = useTranslations("explorer.props");
  return (
    <fieldset className="space-y-3">
      <legend className="mb-1 text-sm font-medium">
        {t.rich("presetLegend", {
          family: BASELINES[v.model].name.replace(/-B0$/, ""),
          data,
        })}
      </legend>
      <div className="grid grid-cols-5 gap-1">
        {presets.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={v.preset === p.id}
            data-testid={`preset-${p.id}`}
            title={t("presetTitle", {
              name: p.name,
              width: String(p.width),
              depth: String(p.depth),
              resolution: String(p.resolution),
            })}
            onClick={() => setPreset(p.id)}
            className={segBtn + " border border-border hover:bg-border/60"}
          >
            {p.id.toUpperCase()}
          </button>
        ))}
      </div>
      <p className="text-xs text-muted">{t.rich("presetNote", { sup })}</p>
      {/* A preset at another resolution (torchvision evaluates B2 at 288 px, for example). */}
      <SliderField
        name="resolution"
        prop={EXPLORER_PROPS.resolution}
        value={v.resolution}
        onChange={onChange}
        label={tp("resolution")}
        min={minResolution(v.model)}
        valueText={
          v.resolution === own
            ? t("presetResolutionText", { resolution: String(v.resolution) })
            : t("presetResolutionOtherText", { resolution: String(v.resolution), own: String(own) })
        }
        hint={v.resolution === own ? t("presetOwnHint") : t("trainedAtHint", { own: String(own) })}
      />
    </fieldset>
  );
}

function useSetValue(): (name: string, raw: string | number) => void {
  const setValue = useExplorer((s) => s.setValue);
  return useCallback((name, raw) => setValue(name as ExplorerKey, raw), [setValue]);
}

function CompoundSliders() {
  const v = useExplorer((s) => s.params.values);
  const coeffs = useExplorer((s) => s.calc.coefficients);
  const resetConstants = useExplorer((s) => s.resetConstants);
  const onChange = useSetValue();
  const range = useMemo(
    () => phiRange(v.model, v.alpha, v.beta, v.gamma),
    [v.model, v.alpha, v.beta, v.gamma],
  );
  const paper = v.alpha === PAPER_ALPHA && v.beta === PAPER_BETA && v.gamma === PAPER_GAMMA;
  const P = EXPLORER_PROPS;
  const t = useTranslations("explorer.controls");
  const tp = useTranslations("explorer.props");
  return (
    <div className="space-y-4">
      <SliderField
        name="phi"
        label={tp("phi")}
        prop={P.phi}
        value={v.phi}
        onChange={onChange}
        min={Math.max(P.phi.ui.min, range.min)}
        max={Math.min(P.phi.ui.max, range.max)}
        valueText={t("phiText", {
          phi: formatSig(v.phi, 4),
          depth: formatSig(coeffs.depth, 3),
          width: formatSig(coeffs.width, 3),
          resolution: String(coeffs.resolution),
        })}
        hint="d = α^φ, w = β^φ, r = γ^φ"
      />
      <div className="space-y-3 rounded-lg border border-border p-3">
        <div className="flex items-center justify-between gap-2">
          <span className="text-sm font-medium">{t("baseConstants")}</span>
          <button
            type="button"
            onClick={resetConstants}
            disabled={paper}
            data-testid="reset-constants"
            className="rounded-md border border-border px-2 py-1 text-xs hover:bg-border/60 disabled:opacity-50"
          >
            {t("resetConstants")}
          </button>
        </div>
        {(["alpha", "beta", "gamma"] as const).map((k) => (
          <SliderField
            key={k}
            name={k}
            prop={P[k]}
            label={tp(k)}
            value={v[k]}
            onChange={onChange}
            valueText={t("constantText", { label: tp(k), value: formatSig(v[k], 4) })}
          />
        ))}
      </div>
    </div>
  );
}

function ExplicitSliders() {
  const v = useExplorer((s) => s.params.values);
  const onChange = useSetValue();
  const P = EXPLORER_PROPS;
  const base = BASELINES[v.model].resolution;
  const t = useTranslations("explorer.controls");
  const tp = useTranslations("explorer.props");
  const r = formatSig(v.resolution / base, 3);
  return (
    <div className="space-y-4">
      <SliderField
        name="width"
        prop={P.width}
        label={tp("width")}
        value={v.width}
        onChange={onChange}
        valueText={t("widthText", { value: formatSig(v.width, 4) })}
      />
      <SliderField
        name="depth"
        prop={P.depth}
        label={tp("depth")}
        value={v.depth}
        onChange={onChange}
        valueText={t("depthText", { value: formatSig(v.depth, 4) })}
      />
      <SliderField
        name="resolution"
        prop={P.resolution}
        label={tp("resolution")}
        value={v.resolution}
        onChange={onChange}
        min={minResolution(v.model)}
        valueText={t("resolutionText", { resolution: String(v.resolution), r })}
        hint={`r = ${r}`}
      />
    </div>
  );
}

function ClassesField() {
  const classes = useExplorer((s) => s.params.values.classes);
  const onChange = useSetValue();
  const t = useTranslations("explorer.controls");
  const tp = useTranslations("explorer.props");
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-muted">
        {t("classesSummary", { classes: String(classes) })}
      </summary>
      <div className="mt-2">
        <SliderField
          name="classes"
          prop={EXPLORER_PROPS.classes}
          label={tp("classes")}
          value={classes}
          onChange={onChange}
          valueText={t("classesText", { classes: String(classes) })}
        />
      </div>
    </details>
  );
}
