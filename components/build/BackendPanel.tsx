"use client";
/** Which tfjs backend runs, why the others were skipped, and a switcher. */
import { useTranslations } from "next-intl";

import { BACKEND_NAMES, type BackendChoice } from "@/lib/tfjs/backend-info";
import type { BackendPreference } from "@/lib/tfjs/build-protocol";

import { MsgParts, MsgText } from "@/components/i18n/MsgText";
import { Card, input } from "./ui";

const STATUS_STYLE: Record<string, string> = {
  active: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100",
  unavailable: "bg-rose-100 text-rose-900 dark:bg-rose-900/40 dark:text-rose-100",
  "not-tried": "bg-border text-muted",
  available: "bg-border text-foreground",
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
  const t = useTranslations("build.backend");
  return (
    <Card
      id="backend-panel"
      title={t("title")}
      actions={
        <label className="flex items-center gap-2 text-sm whitespace-nowrap">
          <span className="text-muted">{t("runOn")}</span>
          <select
            className={`${input} w-auto`}
            value={prefer}
            disabled={busy}
            onChange={(e) => onPrefer(e.target.value as BackendPreference)}
            data-testid="backend-select"
          >
            <option value="auto">{t("best")}</option>
            {BACKEND_NAMES.map((b) => (
              <option key={b} value={b}>
                {t(`label.${b}`)}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <p className="text-sm">
        {choice ? (
          <>
            {t("running")}{" "}
            <strong
              data-testid="backend-active"
              data-backend={choice.backend}
              data-threads={choice.threads}
            >
              <MsgText m={choice.detailMsg} english={choice.detail} />
            </strong>
            {prefer !== "auto" && choice.backend !== prefer && (
              <span className="text-amber-700 dark:text-amber-300">
                {" "}
                {t("notAvailable", { name: t(`label.${prefer}`) })}
              </span>
            )}
          </>
        ) : (
          <span className="text-muted">{t("choosing")}</span>
        )}
      </p>
      <p className="mt-1 text-xs text-muted" data-testid="isolation">
        {t("isolated")} {isolated === null ? "…" : isolated ? t("isolatedYes") : t("isolatedNo")}
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
              <span className="w-16 shrink-0 font-medium">{t(`short.${c.name}`)}</span>
              <span
                className={`rounded px-1.5 py-0.5 text-[11px] font-medium ${STATUS_STYLE[c.status] ?? ""}`}
              >
                {t(`status.${c.status}`)}
              </span>
              <span className="min-w-0 flex-1 text-xs text-muted">
                <MsgParts msgs={c.msgs} english={c.reason} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
