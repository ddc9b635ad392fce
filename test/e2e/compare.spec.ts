import { expect, test, type Page } from "@playwright/test";

import { clickWhen } from "./in-page";

import { macsOf } from "@/lib/scaling/invert";
import { compareStrategies, parseBudget } from "@/lib/scaling/compare";
import { DEFAULT_GRID, runGrid } from "@/lib/scaling/grid";
import { shot } from "./shots";

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  // Failed requests are reported with their URL (the console message has none).
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico"))
      errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

async function setTheme(page: Page, theme: "light" | "dark") {
  await page.evaluate((t) => {
    localStorage.setItem("theme", t);
    document.documentElement.classList.toggle("dark", t === "dark");
  }, theme);
}

/** The four columns show exactly the library's solution (computed here, in Node). */
async function expectColumns(
  page: Page,
  model: Parameters<typeof compareStrategies>[0],
  budget: string,
) {
  const c = compareStrategies(model, parseBudget(budget));
  for (const cfg of c.configs) {
    const col = page.getByTestId(`column-${cfg.strategy}`);
    await expect(col.getByTestId("macs")).toHaveAttribute("data-value", String(cfg.macs));
    await expect(col.getByTestId(`diagram-${cfg.strategy}`)).toBeVisible();
  }
  return c;
}

test.describe("strategy comparison", () => {
  test("default view: four solved columns, accuracy labelled, charts; screenshots", async ({
    page,
  }) => {
    const errors = collectErrors(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/compare");
    await expectColumns(page, "efficientnet", "4x");
    await expect(page.getByTestId("budget-summary")).toContainText("B MACs");
    // Every column has an accuracy block: published, a labelled estimate, or a reason.
    const kinds = await page
      .getByTestId("accuracy")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    expect(kinds).toHaveLength(4);
    for (const k of kinds) expect(["published", "estimate", "unsupported"]).toContain(k);
    await expect(page.getByTestId("column-compound").getByText("estimate")).toBeVisible();
    await expect(page.getByTestId("column-compound")).toContainText("leave-one-out error ±");
    await expect(page.getByTestId("loo-mae")).toHaveText(/^\d+\.\d\d$/);
    await expect(page.getByTestId("chart-fig8").getByRole("application")).toBeVisible();
    await expect(page.getByTestId("chart-fig4").getByRole("application")).toBeVisible();
    await shot(page, `compare-1280-light`);
    await page.getByTestId("chart-fig8").scrollIntoViewIfNeeded();
    await shot(page, `compare-charts-1280-light`);
    await setTheme(page, "dark");
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, `compare-1280-dark`);
    await page.setViewportSize({ width: 375, height: 800 });
    await shot(page, `compare-375-dark`);
    await setTheme(page, "light");
    await shot(page, `compare-375-light`);
    expect(errors).toEqual([]);
  });

  test("changing the budget solves again and keeps the URL", async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto("/compare?model=resnet50&x=2");
    await expectColumns(page, "resnet50", "2x");
    await page.getByText("φ (compound cost)").click();
    const phi = page.getByTestId("field-phi");
    await phi.fill("1.5");
    await phi.press("Enter");
    await expectColumns(page, "resnet50", "phi=1.5");
    await expect(page).toHaveURL(/\/compare\?model=resnet50&budget=phi&phi=1\.5$/);
    // A bad value is explained and not applied.
    await phi.fill("abc");
    await phi.press("Enter");
    await expect(page.getByRole("alert").first()).toContainText("not a number");
    await expect(page).toHaveURL(/phi=1\.5$/);
    expect(errors).toEqual([]);
  });

  test("a network the paper trained shows its published accuracy with the source", async ({
    page,
  }) => {
    // MobileNetV2 d=4 (table 3 row 6): a MAC budget equal to that network's cost.
    const macs = macsOf("mobilenetv2", 1, 4, 224);
    await page.goto(`/compare?model=mobilenetv2&budget=macs&macs=${macs}`);
    const depth = page.getByTestId("column-depth");
    await expect(depth.getByTestId("macs")).toHaveAttribute("data-value", String(macs));
    await expect(depth.getByTestId("accuracy")).toHaveAttribute("data-kind", "published");
    await expect(depth.getByTestId("accuracy")).toContainText("76.8%");
    await expect(depth.getByTestId("accuracy")).toContainText("table 3, row 6");
  });

  test("no estimate where the paper has no support, and bad links are explained", async ({
    page,
  }) => {
    await page.goto("/compare?model=mobilenetv1&x=abc");
    await expect(page.getByTestId("url-notes")).toContainText(
      'x: "abc" is not a number; using the default 4',
    );
    await expect(page.getByTestId("column-depth").getByTestId("accuracy")).toHaveAttribute(
      "data-kind",
      "unsupported",
    );
    await expect(page.getByTestId("column-depth")).toContainText(
      "publishes no depth-scaled MobileNetV1",
    );
  });
});

test.describe("grid search", () => {
  test("default grid: counts match the library, paper's triple highlighted, sortable, opens the explorer", async ({
    page,
  }) => {
    const errors = collectErrors(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    const g = runGrid(DEFAULT_GRID);
    await page.goto("/compare");
    const summary = page.getByTestId("grid-summary");
    await expect(summary).toContainText(`${g.feasible} feasible`);
    await expect(summary).toContainText(`${g.networks} distinct`);
    await expect(summary).toContainText("Paper's triple: feasible");
    await page.getByTestId("sort-multiplier").click();
    await expect(page.getByTestId("sort-multiplier").locator("..")).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
    const firstMult = await page
      .getByTestId("grid-table")
      .locator("tbody tr")
      .first()
      .locator("td")
      .nth(4)
      .textContent();
    const min = Math.min(...g.rows.map((r) => r.multiplier));
    expect(firstMult).toBe(`${min.toFixed(3)}×`);
    await page.getByTestId("goto-paper").click();
    const paperRow = page.locator('tr[data-paper="true"]');
    await expect(paperRow).toBeVisible();
    await expect(paperRow).toContainText("1.9203");
    await page.getByTestId("grid-surface").scrollIntoViewIfNeeded();
    await shot(page, `compare-grid-1280-light`);
    await setTheme(page, "dark");
    await shot(page, `compare-grid-1280-dark`);
    await setTheme(page, "light");
    const link = paperRow.getByTestId("open-explorer");
    await expect(link).toHaveAttribute(
      "href",
      // Canonical link: the paper's alpha/beta/gamma are the defaults, so they are left out.
      "/?model=efficientnet&phi=1",
    );
    // A non-default triple survives into the explorer's own URL (it drops default keys).
    await page.getByTestId("sort-alpha").click();
    const first = page.getByTestId("grid-table").locator("tbody tr").first();
    const [a, b, c] = await Promise.all(
      [0, 1, 2].map((i) => first.locator("td").nth(i).textContent()),
    );
    await first.getByTestId("open-explorer").click();
    await expect(page).toHaveURL(new RegExp(`/\\?model=efficientnet&phi=1.*alpha=${a}`));
    const url = new URL(page.url());
    for (const [k, v] of [
      ["beta", b],
      ["gamma", c],
    ] as const) {
      if (Number(v) !== (k === "beta" ? 1.1 : 1.15)) expect(url.searchParams.get(k)).toBe(v);
    }
    expect(errors).toEqual([]);
  });

  test("a large grid shows progress and can be cancelled", async ({ page }) => {
    await page.goto("/compare?amax=2.9&bmax=2.9&gmax=2.9&step=0.02&tol=10");
    // 96^3 = 884,736 triples: long enough to watch.
    await clickWhen(page, '[data-testid="grid-cancel"]', {
      selector: '[data-testid="grid-progress"]',
      text: "884,736",
    });
    await expect(page.getByTestId("grid-run")).toBeVisible();
    await expect(page.getByTestId("grid-summary")).toHaveCount(0);
    await expect(page.getByTestId("grid-progress")).toContainText("cancelled");
    // Even a worker that was about to finish cannot bring the cancelled result back.
    await page.waitForTimeout(4000);
    await expect(page.getByTestId("grid-summary")).toHaveCount(0);
    // The page stayed responsive throughout: a control still answers.
    await page.getByTestId("field-tol").fill("0.1");
    await page.getByTestId("field-tol").press("Enter");
    await expect(page.getByTestId("grid-summary")).toContainText("884,736 triples");
  });
});
