"use client";
/** Experiments kept in this browser (IndexedDB): pick one to show, or delete it. */
import { btn, Card } from "@/components/build/ui";
import type { ExperimentResult } from "@/lib/lab/results";

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
  if (!saved.length) return null;
  return (
    <Card title="Saved experiments" id="lab-saved">
      <ul className="space-y-1 text-sm">
        {saved.map((e) => (
          <li key={e.id} className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              className={btn}
              onClick={() => onShow(e)}
              aria-pressed={e.id === current}
            >
              Show
            </button>
            <span>
              {new Date(e.createdAt).toLocaleString()}: {e.model}, {e.runs.length} run
              {e.runs.length === 1 ? "" : "s"}
              {e.finished ? "" : " (unfinished)"}
            </span>
            <button
              type="button"
              className={btn}
              onClick={() => onDelete(e)}
              aria-label={`Delete the experiment of ${e.createdAt}`}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
