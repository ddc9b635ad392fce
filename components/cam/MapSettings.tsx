"use client";
/** 3 · Map: every setting of the settings store (mirrored in the URL), with its notes. */
import { useTranslations } from "next-intl";

import { NoteText } from "@/components/i18n/MsgText";
import { COLORMAPS } from "@/lib/image/colormap";
import { CAM_PREPROCESS, type CamKey } from "@/lib/state/cam";
import { CAM_METHOD_TABLE, CAM_METHODS } from "@/lib/tfjs/cam-methods";
import type { SpatialMap } from "@/lib/tfjs/head-detect";

import { useCamSettings } from "./settings";
import { cardCls, selectCls } from "./styles";

export function MapSettings({ candidates }: { candidates: readonly SpatialMap[] | null }) {
  const v = useCamSettings((s) => s.values);
  const notes = useCamSettings((s) => s.notes);
  const set = useCamSettings((s) => s.set);
  const dismiss = useCamSettings((s) => s.dismissNotes);
  const spec = CAM_METHOD_TABLE[v.method];
  const t = useTranslations("cam.settings");
  const tm = useTranslations("cam.methods");
  /** Options as [value, label]; `data` marks labels that are names (colormaps), not words. */
  const select = (key: CamKey, options: readonly (readonly [string, string])[], data = false) => (
    <select
      className={selectCls}
      value={String(v[key])}
      onChange={(e) => set(key, e.target.value)}
      data-testid={key}
    >
      {options.map(([value, label]) => (
        <option key={value} value={value} translate={data ? "no" : undefined}>
          {label}
        </option>
      ))}
    </select>
  );
  return (
    <div className={`${cardCls} flex flex-wrap items-end gap-x-5 gap-y-3 text-sm`}>
      <h2 className="w-full font-semibold">{t("title")}</h2>
      {notes.length > 0 && (
        <div
          role="status"
          className="w-full rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-amber-900 dark:text-amber-100"
          data-testid="settings-notes"
        >
          <ul className="list-disc pl-4">
            {notes.map((n, i) => (
              <li key={i}>
                <NoteText note={n} />
              </li>
            ))}
          </ul>
          <button type="button" className="mt-1 text-xs underline" onClick={dismiss}>
            {t("dismiss")}
          </button>
        </div>
      )}
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1">{t("method")}</legend>
        <div
          className="flex flex-wrap overflow-hidden rounded-md border border-border"
          role="radiogroup"
        >
          {CAM_METHODS.map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={v.method === m}
              onClick={() => set("method", m)}
              data-testid={`method-${m}`}
              title={tm(m)}
              // Dark accent is light (indigo-400): dark text keeps >= 4.5:1.
              className={`px-3 py-1.5 ${v.method === m ? "bg-accent text-white dark:text-slate-950" : "bg-surface hover:bg-background"}`}
            >
              {CAM_METHOD_TABLE[m].label}
            </button>
          ))}
        </div>
        <span className="max-w-xs text-xs text-muted">{tm(v.method)}</span>
      </fieldset>
      <label className="flex min-w-0 flex-col gap-1">
        {t("layer")}
        {spec.anyLayer ? "" : t("layerHint")}
        <select
          className={`${selectCls} max-w-[18rem]`}
          value={String(candidates ? Math.min(v.layer, candidates.length - 1) : v.layer)}
          onChange={(e) => set("layer", e.target.value)}
          data-testid="layer"
        >
          {(candidates ?? []).map((c, i) => (
            <option key={c.name} value={i} translate="no">
              {c.name} · {c.shape[0]}×{c.shape[1]}×{c.shape[2]}
            </option>
          ))}
          {!candidates && <option value={v.layer}>{t("layerPending", { layer: v.layer })}</option>}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        {t("resize")}
        {select("resize", [
          ["stretch", t("resizeModes.stretch")],
          ["crop", t("resizeModes.crop")],
        ])}
      </label>
      <label className="flex flex-col gap-1">
        {t("preprocess")}
        {select(
          "preprocess",
          CAM_PREPROCESS.map((p) => [p, t(`preprocessModes.${p}`)]),
        )}
      </label>
      <label className="flex flex-col gap-1">
        {t("colormap")}
        {select(
          "colormap",
          COLORMAPS.map((c) => [c, c]),
          true,
        )}
      </label>
      <label className="flex flex-col gap-1">
        {t("upsample")}
        {select("upsample", [
          ["smooth", t("upsampleModes.smooth")],
          ["blocky", t("upsampleModes.blocky")],
        ])}
      </label>
      <label className="flex flex-col gap-1">
        {t("opacity", { pct: Math.round(v.opacity * 100) })}
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={v.opacity}
          onChange={(e) => set("opacity", e.target.value)}
          data-testid="opacity"
        />
      </label>
      <label className="flex flex-col gap-1">
        {t("threshold", { pct: Math.round(v.threshold * 100) })}
        <input
          type="range"
          min={0}
          max={0.95}
          step={0.05}
          value={v.threshold}
          onChange={(e) => set("threshold", e.target.value)}
          data-testid="threshold"
        />
      </label>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={v.faithfulness}
          onChange={(e) => set("faithfulness", e.target.checked)}
          data-testid="faithfulness-toggle"
        />
        {t("faithfulness")}
      </label>
    </div>
  );
}
