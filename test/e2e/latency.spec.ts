import { readFileSync } from "node:fs";

import { expect, test } from "@playwright/test";

import { LATENCY_CSV_HEADER, latencyCandidates } from "../../lib/tfjs/latency-table";

test.describe("/build latency on this device", () => {
  test.describe.configure({ timeout: 240_000 });

  test("times within a small budget, plots against MACs, exports CSV and PNG", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/build?preset=b0");
    await expect(page.getByTestId("build-status")).toHaveAttribute("data-state", "built", {
      timeout: 90_000,
    });
    const panel = page.getByTestId("latency-panel");
    await panel.scrollIntoViewIfNeeded();

    // A bad budget is refused with a message naming the field; nothing starts.
    await page.getByTestId("latency-budget").fill("0");
    await page.getByTestId("latency-run").click();
    await expect(panel.getByRole("alert")).toContainText("Time budget: expected a number from 1");
    await expect(page.getByTestId("latency-status")).toHaveAttribute("data-state", "idle");

    // Budget 1 s, one run: the cheapest net is timed, the rest are skipped.
    await page.getByTestId("latency-budget").fill("1");
    await page.getByTestId("latency-runs").fill("1");
    await page.getByTestId("latency-run").click();
    await expect(page.getByTestId("latency-status")).toHaveAttribute("data-state", "running");
    await expect(page.getByRole("progressbar", { name: "Latency sweep progress" })).toBeVisible();
    await expect(page.getByTestId("latency-status")).toHaveAttribute("data-state", "done", {
      timeout: 180_000,
    });
    const all = latencyCandidates();
    const rows = page.getByTestId("latency-table").locator("tbody tr");
    await expect(rows).toHaveCount(all.length);
    await expect(rows.first()).toHaveAttribute("data-status", "timed");
    await expect(rows.first()).toContainText(all[0]!.label);

    // The chart: this device's point(s) and the paper's table 4 points.
    const chart = page.getByTestId("chart-latency");
    await expect(chart.locator(".recharts-scatter-symbol").first()).toBeVisible();
    expect(await chart.locator(".recharts-scatter-symbol").count()).toBeGreaterThanOrEqual(1 + 3);
    await expect(chart).toContainText("MACs are not time");

    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("latency-csv").click(),
    ]);
    expect(csv.suggestedFilename()).toBe("latency-table.csv");
    const lines = readFileSync(await csv.path(), "utf8")
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe(LATENCY_CSV_HEADER.join(","));
    expect(lines).toHaveLength(all.length + 1);
    expect(lines[1]).toMatch(new RegExp(`^${all[0]!.key},.*,timed,\\d+\\.\\d+,`));

    const [png] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-png-latency").click(),
    ]);
    expect(png.suggestedFilename()).toBe("latency-vs-macs.png");
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(errors).toEqual([]);
  });

  test("a running sweep can be cancelled", async ({ page }) => {
    await page.goto("/build?preset=b0");
    await expect(page.getByTestId("build-status")).toHaveAttribute("data-state", "built", {
      timeout: 90_000,
    });
    await page.getByTestId("latency-budget").fill("600");
    await page.getByTestId("latency-run").click();
    await expect(page.getByTestId("latency-status")).toHaveAttribute("data-state", "running");
    await page.getByTestId("latency-cancel").click();
    await expect(page.getByTestId("latency-status")).toHaveAttribute("data-state", "idle");
    await expect(page.getByTestId("latency-run")).toBeEnabled();
  });
});

test("/compare charts export as SVG", async ({ page }) => {
  await page.goto("/compare");
  const chart = page.getByTestId("chart-fig8");
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator(".recharts-surface").first()).toBeVisible({ timeout: 30_000 });
  const [svg] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-svg-fig8").click(),
  ]);
  expect(svg.suggestedFilename()).toBe("compare-fig8.svg");
  const text = readFileSync(await svg.path(), "utf8");
  expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(text).toContain("after figure 8");
});

test("explorer transfer section: eight panels, each exportable", async ({ page }) => {
  await page.goto("/");
  const section = page.getByTestId("transfer-section");
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByTestId("transfer-table").locator("tbody tr")).toHaveCount(8);
  const charts = section.getByTestId("transfer-charts").locator("figure");
  await expect(charts).toHaveCount(8);
  const cars = page.getByTestId("chart-transfer-stanford-cars");
  await cars.scrollIntoViewIfNeeded();
  await expect(cars.locator(".recharts-scatter-symbol").first()).toBeVisible();
  await expect(cars).toContainText("Not drawn (no parameter count printed): DAT");
  const [png] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-png-transfer-stanford-cars").click(),
  ]);
  expect(png.suggestedFilename()).toBe("transfer-stanford-cars.png");
  expect(
    readFileSync(await png.path())
      .subarray(1, 4)
      .toString("latin1"),
  ).toBe("PNG");
});
