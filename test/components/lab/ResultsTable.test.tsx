// Runs in the "components" vitest project (jsdom); see vitest.config.ts.
import { cleanup, render, screen } from "@/test/components/intl";
import { afterEach, describe, expect, test } from "vitest";

import { ResultsTable } from "@/components/lab/ResultsTable";
import { PROCEDURAL_CLASSES } from "@/lib/lab/dataset";
import type { ExperimentResult, RunResult } from "@/lib/lab/results";
import { labRun } from "@/test/lib/lab/run-fixture";

afterEach(cleanup);

const run = (strategy: RunResult["strategy"], seed: number, cam: RunResult["cam"]) =>
  labRun(strategy, seed, 0.2 + seed / 100, cam);

const result = (runs: RunResult[]) =>
  ({
    model: "efficientnet",
    dataset: { classes: PROCEDURAL_CLASSES },
    runs,
  }) as unknown as ExperimentResult;

describe("ResultsTable", () => {
  const cam = { pointingGame: 0.08, energyInBox: 0.161, pointingChance: 0.25, energyChance: 0.167 };

  test("states the CAM scores' chance level under the table, in English and Chinese", () => {
    const r = result([run("base", 1, null), run("resolution", 1, cam), run("resolution", 2, cam)]);
    render(<ResultsTable result={r} />);
    expect(screen.getByTestId("lab-cam-chance").textContent).toBe(
      "Chance level of the CAM scores on these test images: a map that ignores the image hits the box 25.0% of the time and puts 16.7% of its energy inside it.",
    );
    const rows = screen.getByTestId("lab-results-table").querySelectorAll("tbody tr");
    expect(rows[1]!.textContent).toContain("21.5% ± 0.7%");
    cleanup();
    render(<ResultsTable result={r} />, { locale: "zh" });
    expect(screen.getByTestId("lab-cam-chance").textContent).toContain("25.0%");
    expect(screen.getByTestId("lab-cam-chance").textContent).toContain("机会水平");
  });

  test("adds the fixed-map levels when the runs recorded them", () => {
    const fixed = { ...cam, pointingFixed: 0.594, energyCentre: 0.205 };
    render(<ResultsTable result={result([run("resolution", 1, fixed)])} />);
    expect(screen.getByTestId("lab-cam-chance").textContent).toContain(
      "the best fixed cell hits the box 59.4% of the time, a fixed centre-weighted map puts 20.5% of its energy inside it.",
    );
    cleanup();
    render(<ResultsTable result={result([run("resolution", 1, fixed)])} />, { locale: "zh" });
    expect(screen.getByTestId("lab-cam-chance").textContent).toContain("最佳固定格子有 59.4%");
  });

  test("says nothing about chance when no run recorded it (older saved experiments)", () => {
    const { pointingChance: _p, energyChance: _e, ...old } = cam;
    render(<ResultsTable result={result([run("width", 1, old)])} />);
    expect(screen.queryByTestId("lab-cam-chance")).toBeNull();
  });
});
