// Runs in the "components" vitest project (jsdom).
/**
 * The explorer shows MobileNetV3 and EfficientNetV2 from their tables alone: totals, stage
 * table, and the scaled-results section, which says the paper has no rows for them.
 */
import { cleanup, render, screen, within } from "@/test/components/intl";
import { afterEach, beforeEach, describe, expect, test } from "vitest";

import Explorer from "@/components/explorer/Explorer";
import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, "", "/"));

const value = (id: string) => Number(screen.getByTestId(id).getAttribute("data-value"));

describe("Explorer with the table-only baselines", () => {
  test.each([
    ["model=mobilenetv3large&phi=1", "MobileNetV3-Large"],
    ["model=efficientnetv2s&width=0.5&depth=0.5&resolution=193", "EfficientNetV2-S"],
  ])("%s", (query, name) => {
    render(<Explorer initialQuery={query} />);
    const calc = calculate(parseRequest(Object.fromEntries(new URLSearchParams(query))));
    expect(value("trainable-params")).toBe(calc.totals.trainableParams);
    expect(value("macs")).toBe(calc.totals.macs);
    const stages = screen.getByTestId("stage-table");
    expect(within(stages).getAllByRole("row").length).toBeGreaterThanOrEqual(calc.stages.length);
    const scaled = screen.getByTestId("scaled-table");
    // Only "your network": the paper publishes no scaled row of these baselines.
    expect(within(scaled).getAllByRole("row")).toHaveLength(2);
    expect(screen.getByText("(not in the paper)")).toBeTruthy();
    expect(screen.getByText(new RegExp(`publishes no scaled ${name}`))).toBeTruthy();
  });
});
