"use client";
/** Results of one experiment: chart, table, CAM grid, conclusion, exports. */
import { btn, Card } from "@/components/build/ui";
import { conclusion, resultToCsv, resultToJSON, type ExperimentResult } from "@/lib/lab/results";

import { CamGrid } from "./CamGrid";
import { formatMs } from "./colors";
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
  const lines = conclusion(result, 1 / result.dataset.classes.length);
  const base = `lab-${result.id}`;
  return (
    <Card
      title={`Results${result.finished ? "" : " (so far)"}`}
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
            JSON
          </button>
          <button
            type="button"
            className={btn}
            onClick={() => download(`${base}.csv`, resultToCsv(result), "text/csv")}
          >
            CSV
          </button>
        </div>
      }
    >
      <p className="mb-2 text-xs text-muted">
        {result.model}, base w {result.base.width} d {result.base.depth} r {result.base.resolution};{" "}
        {result.dataset.kind} dataset of {result.dataset.classes.length} classes,{" "}
        {result.dataset.trainImages} training / {result.dataset.testImages} test images;{" "}
        {result.backend.detail}; {result.runs.length} run{result.runs.length === 1 ? "" : "s"} in{" "}
        {formatMs(result.wallMs)}.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <ResultsChart result={result} />
        <div className="space-y-2 text-sm" data-testid="lab-conclusion">
          <h3 className="font-semibold">What was measured</h3>
          {lines.map((l, i) => (
            <p key={i}>{l}</p>
          ))}
        </div>
      </div>
      <div className="mt-4">
        <ResultsTable result={result} />
      </div>
      <h3 className="mt-4 mb-1 text-sm font-semibold">
        Where each network looks (CAM of the true class; white: the object&apos;s box)
      </h3>
      <CamGrid result={result} />
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer">Download the trained networks (tfjs)</summary>
        <ul className="mt-1 flex flex-wrap gap-2">
          {result.runs.map((r) =>
            r.modelUrl ? (
              <li key={r.id}>
                <button
                  type="button"
                  className={btn}
                  onClick={() => onDownloadModel(r.modelUrl!, `${base}-${r.id}`)}
                >
                  {r.id}
                </button>
              </li>
            ) : null,
          )}
        </ul>
        <p className="mt-1 text-xs text-muted">
          They are also kept in this browser; the CAM page lists them.
        </p>
      </details>
    </Card>
  );
}
