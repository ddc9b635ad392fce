/**
 * A model that fails to load on /cam: the loader's error code (carried by the worker
 * client) picks a lead sentence in the page's language; the English message naming the
 * URL stays as data.
 */
import { describe, expect, test } from "vitest";

import { loadFailure } from "@/components/cam/problems";
import { ProblemText } from "@/components/cam/rich";
import { WorkerCancelledError, WorkerJobError } from "@/components/ui/workerClient";
import { MESSAGES } from "@/lib/i18n/messages";

import { render } from "../intl";

const DETAIL = "No model.json at https://models.example/m/model.json (HTTP 404).";

describe("model load failures on /cam", () => {
  test("a 404 reads as a missing model in Chinese, the URL as data", () => {
    const p = loadFailure(new WorkerJobError(DETAIL, "not-found"));
    expect(p.key).toBe("errors.load.not-found");
    const zh = render(<ProblemText p={p} />, { locale: "zh" }).container;
    expect(zh.textContent).toBe(`找不到模型文件（404）：${DETAIL}`);
    expect(zh.querySelector('[translate="no"]')?.textContent).toBe(DETAIL);
    // English shows the loader's own sentence, as before.
    expect(render(<ProblemText p={p} />).container.textContent).toBe(DETAIL);
  });

  test("every code the catalogue lists picks its lead; others the generic one", () => {
    const load = (MESSAGES.en.cam as { errors: { load: Record<string, string> } }).errors.load;
    expect(Object.keys(load).length).toBeGreaterThanOrEqual(12);
    for (const code of Object.keys(load)) {
      expect(loadFailure(new WorkerJobError("x", code)).key).toBe(`errors.load.${code}`);
    }
    expect(loadFailure(new WorkerJobError("x", "something-new")).key).toBe("errors.modelLoad");
    expect(loadFailure(new Error("x")).key).toBe("errors.modelLoad");
    expect(loadFailure(new WorkerCancelledError()).key).toBe("errors.cancelled");
  });
});
