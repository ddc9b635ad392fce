"use client";
/**
 * /lab: train base, depth-, width-, resolution- and compound-scaled networks at equal cost
 * in a Web Worker and compare what was measured. State lives in the URL (lib/lab/state.ts);
 * finished experiments in IndexedDB (lib/lab/store.ts).
 */
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { useStore } from "zustand";

import { useUrlSync } from "@/components/explorer/useUrlSync";
import type { FolderFile } from "@/lib/lab/data-source";
import { experimentOf } from "@/lib/lab/state";
import type { FromLab } from "@/lib/lab/protocol";
import { shareWith, type ExperimentResult } from "@/lib/lab/results";
import { deleteExperiment, loadExperiments } from "@/lib/lab/store";
import type { QueryInput } from "@/lib/state/props";

import { CurvesChart } from "./CurvesChart";
import { DatasetSection } from "./DatasetSection";
import { ProgressPanel } from "./ProgressPanel";
import { RecipeCard } from "./RecipeCard";
import { download, ResultsSection } from "./ResultsSection";
import { SavedList } from "./SavedList";
import { SetupForm } from "./SetupForm";
import { createLabStore, type LabState, type LabStore } from "./store";
import { useLabWorker } from "./useLabWorker";

const queryOf = (s: LabState) => s.query;

async function readFolder(list: FileList): Promise<FolderFile[]> {
  const out: FolderFile[] = [];
  for (const f of Array.from(list)) {
    const path = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    out.push({ path, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  return out;
}

export default function LabView({ initialQuery }: { initialQuery: QueryInput }) {
  const [store] = useState(() => createLabStore(initialQuery));
  const [load] = useState(() => (q: string) => store.getState().loadQuery(q));
  useUrlSync(store, queryOf, load);
  // The results and the saved list subscribe on their own (below): a run's end re-renders
  // them, not the whole page.
  const status = useStore(store, (s) => s.status);
  const values = useStore(store, (s) => s.values);
  const [folder, setFolder] = useState<FolderFile[] | null>(null);
  const [folderCount, setFolderCount] = useState<number | null>(null);
  const t = useTranslations("lab.view");

  const refreshSaved = useCallback(async () => {
    try {
      const list = await loadExperiments();
      store.getState().patch({ saved: list });
      return list;
    } catch {
      return [];
    }
  }, [store]);

  const onMessage = useCallback(
    (m: FromLab) => {
      const s = store.getState();
      if (m.type === "exported") {
        download(`${m.name}.json`, m.modelJson, "application/json");
        download(`${m.name}.weights.bin`, m.weightsBin, "application/octet-stream");
        return;
      }
      if (m.id !== s.jobId && m.id !== -1) {
        if (m.type === "error") s.patch({ error: m.message });
        return;
      }
      switch (m.type) {
        case "backend":
          s.patch({ backend: m.choice });
          return;
        case "event":
          s.onEvent(m.event);
          if (m.event.type === "run-done") void refreshSaved();
          return;
        case "paused":
          s.patch({ status: m.paused ? "paused" : "running" });
          return;
        case "done":
          s.patch({ status: "done", result: shareWith(s.result, m.result) });
          void refreshSaved();
          return;
        case "cancelled":
          s.patch({ status: "cancelled" });
          void refreshSaved();
          return;
        case "error":
          s.patch({ status: "error", error: m.message });
          return;
      }
    },
    [store, refreshSaved],
  );
  const { send } = useLabWorker(onMessage);

  useEffect(() => {
    void refreshSaved().then((list) => {
      const s = store.getState();
      if (!s.result && list[0]) s.patch({ result: list[0] });
    });
  }, [refreshSaved, store]);

  const start = () => {
    const s = store.getState();
    let def;
    try {
      def = experimentOf(s.values);
    } catch (e) {
      s.patch({ status: "error", error: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (s.values.data === "folder" && !folder) {
      s.patch({ status: "error", error: t("chooseFolder") });
      return;
    }
    const experimentId = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
    const id = send({
      type: "start",
      experimentId,
      def,
      prefer: s.values.backend,
      ...(s.values.data === "folder" && folder ? { folder } : {}),
    });
    s.begin(id);
  };

  const onDownloadModel = useCallback(
    (url: string, name: string) => send({ type: "export", url, name }),
    [send],
  );
  const onDelete = useCallback(
    (e: ExperimentResult) => {
      send({ type: "forget", urls: e.runs.flatMap((r) => (r.modelUrl ? [r.modelUrl] : [])) });
      void deleteExperiment(e.id).then(async () => {
        const list = await refreshSaved();
        if (store.getState().result?.id === e.id)
          store.getState().patch({ result: list[0] ?? null });
      });
    },
    [send, refreshSaved, store],
  );

  const busy = status === "starting" || status === "running" || status === "paused";
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">{t("intro")}</p>
      </header>
      <SetupForm
        store={store}
        busy={busy}
        onStart={start}
        folderNote={folderCount === null ? null : t("folderChosen", { count: folderCount })}
        onFolder={(list) => {
          if (!list || !list.length) return;
          void readFolder(list).then((files) => {
            setFolder(files);
            setFolderCount(files.length);
          });
        }}
      />
      <RecipeCard epochs={values.epochs} batch={values.batch} />
      <DatasetSection values={values} />
      <ProgressPanel
        store={store}
        onPause={() => send({ type: "pause" })}
        onResume={() => send({ type: "resume" })}
        onCancel={() => send({ type: "cancel" })}
      />
      <CurvesChart store={store} />
      <ShownResults store={store} onDownloadModel={onDownloadModel} />
      <Saved store={store} onDelete={onDelete} />
    </div>
  );
}

function ShownResults({
  store,
  onDownloadModel,
}: {
  store: LabStore;
  onDownloadModel: (url: string, name: string) => void;
}) {
  const result = useStore(store, (s) => s.result);
  return result ? <ResultsSection result={result} onDownloadModel={onDownloadModel} /> : null;
}

function Saved({ store, onDelete }: { store: LabStore; onDelete: (e: ExperimentResult) => void }) {
  const saved = useStore(store, (s) => s.saved);
  const current = useStore(store, (s) => s.result?.id ?? null);
  const onShow = useCallback(
    (e: ExperimentResult) => store.getState().patch({ result: e }),
    [store],
  );
  return <SavedList saved={saved} current={current} onShow={onShow} onDelete={onDelete} />;
}
