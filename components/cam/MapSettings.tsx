"use client";
/** 3 · Map: every setting of the settings store (mirrored in the URL), with its notes. */
import { COLORMAPS } from "@/lib/image/colormap";
import { PREPROCESS_LABELS } from "@/lib/image/normalize";
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
  const select = (key: CamKey, options: readonly (readonly [string, string])[]) => (
    <select
      className={selectCls}
      value={String(v[key])}
      onChange={(e) => set(key, e.target.value)}
      data-testid={key}
    >
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
  return (
    <div className={`${cardCls} flex flex-wrap items-end gap-x-5 gap-y-3 text-sm`}>
      <h2 className="w-full font-semibold">3 · Map</h2>
      {notes.length > 0 && (
        <div
          role="status"
          className="w-full rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-amber-900 dark:text-amber-100"
          data-testid="settings-notes"
        >
          <ul className="list-disc pl-4">
            {notes.map((n, i) => (
              <li key={i}>{n.message}</li>
            ))}
          </ul>
          <button type="button" className="mt-1 text-xs underline" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1">Method</legend>
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
              title={CAM_METHOD_TABLE[m].summary}
              // Dark accent is light (indigo-400): dark text keeps >= 4.5:1.
              className={`px-3 py-1.5 ${v.method === m ? "bg-accent text-white dark:text-slate-950" : "bg-surface hover:bg-background"}`}
            >
              {CAM_METHOD_TABLE[m].label}
            </button>
          ))}
        </div>
        <span className="max-w-xs text-xs text-muted">{spec.summary}</span>
      </fieldset>
      <label className="flex min-w-0 flex-col gap-1">
        Layer{spec.anyLayer ? "" : " (the last map suits this method best)"}
        <select
          className={`${selectCls} max-w-[18rem]`}
          value={String(candidates ? Math.min(v.layer, candidates.length - 1) : v.layer)}
          onChange={(e) => set("layer", e.target.value)}
          data-testid="layer"
        >
          {(candidates ?? []).map((c, i) => (
            <option key={c.name} value={i}>
              {c.name} · {c.shape[0]}×{c.shape[1]}×{c.shape[2]}
            </option>
          ))}
          {!candidates && <option value={v.layer}>layer {v.layer} (load a model)</option>}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        Resize
        {select("resize", [
          ["stretch", "stretch to input"],
          ["crop", "center crop"],
        ])}
      </label>
      <label className="flex flex-col gap-1">
        Preprocessing
        {select(
          "preprocess",
          CAM_PREPROCESS.map((p) => [p, p === "auto" ? "each model's own" : PREPROCESS_LABELS[p]]),
        )}
      </label>
      <label className="flex flex-col gap-1">
        Colormap
        {select(
          "colormap",
          COLORMAPS.map((c) => [c, c]),
        )}
      </label>
      <label className="flex flex-col gap-1">
        Upsampling
        {select("upsample", [
          ["smooth", "smooth (bilinear)"],
          ["blocky", "blocky (true grid)"],
        ])}
      </label>
      <label className="flex flex-col gap-1">
        Opacity {Math.round(v.opacity * 100)}%
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
        Threshold {Math.round(v.threshold * 100)}%
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
        Faithfulness scores (deletion / insertion, box)
      </label>
    </div>
  );
}
