"use client";
/** Which tfjs backend runs, why the others were skipped, and a switcher. */
import { BACKEND_LABELS, BACKEND_NAMES, type BackendChoice } from "@/lib/tfjs/backend-info";
import type { BackendPreference } from "@/lib/tfjs/build-protocol";

import { Card, input } from "./ui";

const STATUS_STYLE: Record<string, string> = {
  active: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100",
  unavailable: "bg-rose-100 text-rose-900 dark:bg-rose-900/40 dark:text-rose-100",
  "not-tried": "bg-border text-muted",
  available: "bg-border text-foreground",
};

const STATUS_TEXT: Record<string, string> = {
  active: "in use",
  unavailable: "skipped",
  "not-tried": "not tried",
  available: "available",
};

export function BackendPanel({
  choice,
  prefer,
  onPrefer,
  busy,
  isolated,
}: {
  choice: BackendChoice | null;
  prefer: BackendPreference;
  onPrefer: (p: BackendPreference) => void;
  busy: boolean;
  isolated: boolean | null;
}) {
  return (
    <Card
      id="backend-panel"
      title="Backend"
      actions={
        <label className="flex items-center gap-2 text-sm whitespace-nowrap">
          <span className="text-muted">Run on</span>
          <select
            className={`${input} w-auto`}
            value={prefer}
            disabled={busy}
            onChange={(e) => onPrefer(e.target.value as BackendPreference)}
            data-testid="backend-select"
          >
            <option value="auto">Best available</option>
            {BACKEND_NAMES.map((b) => (
              <option key={b} value={b}>
                {BACKEND_LABELS[b]}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <p className="text-sm">
        {choice ? (
          <>
            Running on{" "}
            <strong
              data-testid="backend-active"
              data-backend={choice.backend}
              data-threads={choice.threads}
            >
              {choice.detail}
            </strong>
            {prefer !== "auto" && choice.backend !== prefer && (
              <span className="text-amber-700 dark:text-amber-300">
                {" "}
                ({BACKEND_LABELS[prefer]} is not available here)
              </span>
            )}
          </>
        ) : (
          <span className="text-muted">Choosing a backend…</span>
        )}
      </p>
      <p className="mt-1 text-xs text-muted" data-testid="isolation">
        Cross-origin isolated:{" "}
        {isolated === null
          ? "…"
          : isolated
            ? "yes (COOP/COEP set: SharedArrayBuffer available, so WASM can run on several threads)"
            : "no (COOP/COEP headers missing)"}
      </p>
      {choice && (
        <ul className="mt-3 space-y-1.5 text-sm" data-testid="backend-checks">
          {choice.checks.map((c) => (
            <li
              key={c.name}
              className="flex flex-wrap items-baseline gap-x-2"
              data-backend={c.name}
              data-status={c.status}
            >
              <span className="w-16 shrink-0 font-medium">
                {BACKEND_LABELS[c.name].split(" ")[0]}
              </span>
              <span
                className={`rounded px-1.5 py-0.5 text-[11px] font-medium ${STATUS_STYLE[c.status] ?? ""}`}
              >
                {STATUS_TEXT[c.status]}
              </span>
              <span className="min-w-0 flex-1 text-xs text-muted">{c.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
