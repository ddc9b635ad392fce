"use client";
/** The experiment's setup: every field is a key of the URL (lib/lab/state.ts). */
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useStore } from "zustand";

import { btn, btnPrimary, Card, input } from "@/components/build/ui";
import { MODEL_IDS } from "@/lib/arch/types";
import { BASELINES } from "@/lib/arch/baselines";
import { LAB_STRATEGIES } from "@/lib/lab/strategies";
import { NoteText } from "@/components/i18n/MsgText";
import { useMsg } from "@/components/i18n/useMsg";
import { BACKEND_LABELS, BACKEND_NAMES } from "@/lib/tfjs/backend-info";

import { useLabRich, useStrategyLabel } from "./i18n";
import type { LabStore, InputProblem } from "./store";

const NUMBER_FIELDS = [
  "width",
  "depth",
  "resolution",
  "budget",
  "macs",
  "epochs",
  "batch",
  "train",
  "test",
  "seeds",
  "seed",
] as const;

function NumberInput({ store, k }: { store: LabStore; k: (typeof NUMBER_FIELDS)[number] }) {
  const value = useStore(store, (s) => s.values[k]);
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<InputProblem | null>(null);
  const id = `lab-${k}`;
  const t = useTranslations("lab");
  const render = useMsg();
  const label = t(`props.${k}`);
  return (
    <div>
      <label htmlFor={id} className="block text-xs text-muted">
        {label}
      </label>
      <input
        id={id}
        className={input}
        inputMode="decimal"
        value={text ?? String(value)}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const p = store.getState().set(k, e.target.value);
          setProblem(p);
        }}
        onBlur={() => {
          setText(null);
          setProblem(null);
        }}
      />
      {problem && (
        <p className="mt-0.5 text-[11px] text-red-600 dark:text-red-400">
          {t("setup.problem", {
            label,
            // The value is not taken while it is wrong: the "using ..." part does not apply.
            text: problem.msgs
              .map((m) => render(m))
              .join(t("gallery.boxSeparator"))
              .replace(/[;；]\s*(using|使用).*$/, ""),
          })}
        </p>
      )}
    </div>
  );
}

export function SetupForm({
  store,
  busy,
  onStart,
  onFolder,
  folderNote,
}: {
  store: LabStore;
  busy: boolean;
  onStart: () => void;
  onFolder: (files: FileList | null) => void;
  folderNote: string | null;
}) {
  const values = useStore(store, (s) => s.values);
  const notes = useStore(store, (s) => s.notes);
  const set = (k: "model" | "backend" | "data", v: string) => store.getState().set(k, v);
  const t = useTranslations("lab");
  const rich = useLabRich();
  const strategy = useStrategyLabel();
  return (
    <Card title={t("setup.title")} id="lab-setup">
      {notes.length > 0 && (
        <ul
          className="mb-3 rounded-md border border-amber-400 bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200"
          data-testid="lab-notes"
          role="status"
        >
          {notes.map((n, i) => (
            <li key={i}>
              <NoteText note={n} />
            </li>
          ))}
        </ul>
      )}
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <div>
          <label htmlFor="lab-model" className="block text-xs text-muted">
            {t("props.model")}
          </label>
          <select
            id="lab-model"
            className={input}
            value={values.model}
            onChange={(e) => set("model", e.target.value)}
          >
            {MODEL_IDS.map((m) => (
              <option key={m} value={m} translate="no">
                {BASELINES[m].name}
              </option>
            ))}
          </select>
        </div>
        {NUMBER_FIELDS.map((k) => (
          <NumberInput key={k} store={store} k={k} />
        ))}
        <div>
          <label htmlFor="lab-backend" className="block text-xs text-muted">
            {t("props.backend")}
          </label>
          <select
            id="lab-backend"
            className={input}
            value={values.backend}
            onChange={(e) => set("backend", e.target.value)}
          >
            <option value="auto">{t("setup.bestBackend")}</option>
            {BACKEND_NAMES.map((b) => (
              <option key={b} value={b}>
                {b === "cpu" ? t("setup.backendCpu") : BACKEND_LABELS[b]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="lab-data" className="block text-xs text-muted">
            {t("props.data")}
          </label>
          <select
            id="lab-data"
            className={input}
            value={values.data}
            onChange={(e) => set("data", e.target.value)}
          >
            <option value="procedural">{t("setup.procedural")}</option>
            <option value="folder">{t("setup.folder")}</option>
          </select>
        </div>
      </div>
      <fieldset className="mt-3">
        <legend className="text-xs text-muted">{t("setup.strategies")}</legend>
        <div className="mt-1 flex flex-wrap gap-3 text-sm">
          {LAB_STRATEGIES.map((s) => (
            <label
              key={s}
              className="inline-flex items-center gap-1.5"
              title={t(`strategyScales.${s}`)}
            >
              <input
                type="checkbox"
                checked={values.runs.includes(s)}
                onChange={(e) => {
                  const next = e.target.checked
                    ? [...values.runs, s]
                    : values.runs.filter((x) => x !== s);
                  if (next.length)
                    store.getState().setRuns(LAB_STRATEGIES.filter((x) => next.includes(x)));
                }}
              />
              {strategy(s)}
            </label>
          ))}
        </div>
      </fieldset>
      {values.data === "folder" && (
        <div
          className="mt-3 rounded-md border border-dashed border-border p-3 text-sm"
          data-testid="lab-folder"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            onFolder(e.dataTransfer.files);
          }}
        >
          <label className={btn}>
            {t("setup.chooseFolder")}
            <input
              type="file"
              className="sr-only"
              multiple
              // Directory pickers are non-standard attributes on <input type=file>.
              {...({ webkitdirectory: "", directory: "" } as Record<string, string>)}
              onChange={(e) => onFolder(e.target.files)}
            />
          </label>
          {rich("setup.dropFiles")}
          {folderNote && <p className="mt-1 text-xs text-muted">{folderNote}</p>}
        </div>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={btnPrimary}
          onClick={onStart}
          disabled={busy}
          data-testid="lab-start"
        >
          {t("setup.train")}
        </button>
      </div>
    </Card>
  );
}
