"use client";
/** Results of one experiment: chart, table, CAM grid, conclusion, exports. */
import { useTranslations } from "next-intl";

import { btn, Card } from "@/components/build/ui";
import {
  conclusionLines,
  resultToCsv,
  resultToJSON,
  type ExperimentResult,
} from "@/lib/lab/results";

import { CamGrid } from "./CamGrid";
import { useBackendText, useFormatMs, useLabMsg, useLabRich } from "./i18n";
import { ResultsChart } from "./ResultsChart";
import { ResultsTable } from "./ResultsTable";

function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export { download };

export function ResultsSection({
  result,
  onDownloadModel,
}: {
  result: ExperimentResult;
  onDownloadModel: (url: string, name: string) => void;
}) {
  const lines = conclusionLines(result, 1 / result.dataset.classes.length);
  const t = useTranslations("lab.results");
  const rich = useLabRich();
  const labMsg = useLabMsg();
  const formatMs = useFormatMs();
  const backendText = useBackendText();
  const base = `lab-${result.id}`;
  return (
    <Card
      title={t(result.finished ? "title" : "titleSoFar")}
      id="lab-results"
      actions={
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={btn}
            onClick={() =>
              download(
                `${base}.json`,
                JSON.stringify(resultToJSON(result), null, 2),
                "application/json",
              )
            }
          >
            {t("json")}
          </button>
          <button
            type="button"
            className={btn}
            onClick={() => download(`${base}.csv`, resultToCsv(result), "text/csv")}
          >
            {t("csv")}
          </button>
        </div>
      }
    >
      <p className="mb-2 text-xs text-muted">
        {rich("results.summary", {
          model: result.model,
          w: result.base.width,
          d: result.base.depth,
          r: result.base.resolution,
          kind: result.dataset.kind,
          classes: result.dataset.classes.length,
          train: result.dataset.trainImages,
          test: result.dataset.testImages,
          backend: backendText(result.backend),
          runs: result.runs.length,
          time: formatMs(result.wallMs),
        })}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <ResultsChart result={result} />
        <div className="space-y-2 text-sm" data-testid="lab-conclusion">
          <h3 className="font-semibold">{t("measured")}</h3>
          {lines.map((l, i) => (
            <p key={i}>{labMsg(l.msg)}</p>
          ))}
        </div>
      </div>
      <div className="mt-4">
        <ResultsTable result={result} />
      </div>
      <h3 className="mt-4 mb-1 text-sm font-semibold">{t("camTitle")}</h3>
      <CamGrid result={result} />
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer">{t("downloadNets")}</summary>
        <ul className="mt-1 flex flex-wrap gap-2">
          {result.runs.map((r) =>
            r.modelUrl ? (
              <li key={r.id}>
                <button
                  type="button"
                  className={btn}
                  onClick={() => onDownloadModel(r.modelUrl!, `${base}-${r.id}`)}
                >
                  <span translate="no">{r.id}</span>
                </button>
              </li>
            ) : null,
          )}
        </ul>
        <p className="mt-1 text-xs text-muted">{t("keptHere")}</p>
      </details>
    </Card>
  );
}
