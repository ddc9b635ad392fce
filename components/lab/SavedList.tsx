"use client";
/** Experiments kept in this browser (IndexedDB): pick one to show, or delete it. */
import { useTranslations } from "next-intl";

import { btn, Card } from "@/components/build/ui";
import type { ExperimentResult } from "@/lib/lab/results";

import { useLabRich } from "./i18n";

export function SavedList({
  saved,
  current,
  onShow,
  onDelete,
}: {
  saved: readonly ExperimentResult[];
  current: string | null;
  onShow: (e: ExperimentResult) => void;
  onDelete: (e: ExperimentResult) => void;
}) {
  const t = useTranslations("lab.saved");
  const rich = useLabRich();
  if (!saved.length) return null;
  return (
    <Card title={t("title")} id="lab-saved">
      <ul className="space-y-1 text-sm">
        {saved.map((e) => (
          <li key={e.id} className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              className={btn}
              onClick={() => onShow(e)}
              aria-pressed={e.id === current}
            >
              {t("show")}
            </button>
            <span>
              {rich("saved.entry", {
                date: new Date(e.createdAt).toLocaleString(),
                model: e.model,
                runs: e.runs.length,
                finished: String(e.finished),
              })}
            </span>
            <button
              type="button"
              className={btn}
              onClick={() => onDelete(e)}
              aria-label={t("deleteLabel", { date: e.createdAt })}
            >
              {t("delete")}
            </button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
