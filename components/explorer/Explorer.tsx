"use client";
/**
 * The explorer page body: controls on the left, results on the right (stacked on phones).
 * All state lives in one zustand store (lib/state/explorerStore.ts) mirrored to the URL.
 */
import { useTranslations } from "next-intl";
import { useCallback } from "react";

import { queryString, type QueryInput } from "@/lib/state/props";
import type { ExplorerState } from "@/lib/state/explorerStore";

import { ChartsSection } from "./ChartsSection";
import { Controls } from "./Controls";
import { DiagramSection } from "./DiagramSection";
import { Insight } from "./Insight";
import { LayerTable } from "./LayerTable";
import { Notes } from "./Notes";
import { ScaledResults } from "./ScaledResults";
import { ShareBar } from "./ShareBar";
import { StageTable } from "./StageTable";
import { ExplorerProvider, useExplorer, useExplorerStore, WhenVisible } from "./store";
import { Totals } from "./Totals";
import { TransferSection } from "./TransferSection";
import { useUrlSync } from "./useUrlSync";

const queryOf = (s: ExplorerState): string => s.query;

function UrlSync({ serverQuery }: { serverQuery: string }) {
  const store = useExplorerStore();
  const load = useCallback((q: string) => store.getState().loadQuery(q), [store]);
  useUrlSync(store, queryOf, load, undefined, undefined, serverQuery);
  return null;
}

function Title() {
  const name = useExplorer((s) => s.name);
  const resetAll = useExplorer((s) => s.resetAll);
  const t = useTranslations("explorer.title");
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t("heading")}</h1>
        <p className="max-w-prose text-sm text-muted">
          {t.rich("intro", {
            name,
            sup: (c) => <sup>{c}</sup>,
            data: (c) => (
              <strong data-testid="network-name" translate="no">
                {c}
              </strong>
            ),
          })}
        </p>
      </div>
      <button
        type="button"
        onClick={resetAll}
        data-testid="reset-all"
        className="rounded-md border border-border px-3 py-1.5 text-sm hover:bg-border/60"
      >
        {t("resetAll")}
      </button>
    </div>
  );
}

export default function Explorer({ initialQuery }: { initialQuery: QueryInput }) {
  const t = useTranslations("explorer.title");
  return (
    <ExplorerProvider initialQuery={initialQuery}>
      <UrlSync serverQuery={queryString(initialQuery)} />
      <div className="space-y-6">
        {/* The heading's network name and the share links settle when a drag pauses. */}
        <WhenVisible duringDrag="pause">
          <Title />
        </WhenVisible>
        <Notes />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
          <aside
            aria-label={t("controlsLabel")}
            className="space-y-5 self-start rounded-lg border border-border bg-surface p-4 [contain:content] lg:sticky lg:top-16"
          >
            <Controls />
            <Insight />
          </aside>
          {/* Sections off screen catch up when a drag pauses or they scroll in (store.tsx). */}
          <div className="min-w-0 space-y-6">
            <WhenVisible>
              <Totals />
            </WhenVisible>
            <WhenVisible duringDrag="pause">
              <ShareBar />
            </WhenVisible>
            <WhenVisible>
              <DiagramSection />
            </WhenVisible>
            <WhenVisible duringDrag="pause">
              <StageTable />
            </WhenVisible>
          </div>
        </div>
        <WhenVisible>
          <ChartsSection />
        </WhenVisible>
        <WhenVisible duringDrag="pause">
          <ScaledResults />
        </WhenVisible>
        <WhenVisible duringDrag="pause">
          <LayerTable />
        </WhenVisible>
        <TransferSection />
      </div>
    </ExplorerProvider>
  );
}
