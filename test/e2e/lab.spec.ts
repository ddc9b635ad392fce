import { expect, test, type Page } from "@playwright/test";
import { shot } from "./shots";

/** A tiny experiment set through the URL: two small networks, a few 32 px images. */
const TINY =
  "/lab?width=0.1&depth=0.1&resolution=32&epochs=1&batch=8&train=16&test=8&runs=base,compound&backend=wasm";

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test.describe("/lab", () => {
  test.describe.configure({ timeout: 300_000 });

  test("trains a tiny experiment in a worker: curves, results chart, table, CAM grid; reload keeps it", async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(TINY);
    await expect(page.getByTestId("lab-gallery")).toBeVisible();
    await expect(page.getByTestId("lab-recipe")).toContainText("Adam");
    await page.getByTestId("lab-start").click();
    await expect(page.getByTestId("lab-status")).toContainText(/Run 1 of 2|Rendering|Starting/, {
      timeout: 60_000,
    });
    await expect(page.getByTestId("lab-status")).toContainText("Finished", { timeout: 240_000 });
    await expect(page.getByTestId("lab-progress")).toContainText("WASM");
    // With two cores or more, the two runs trained at once, one worker each (lib/lab/pool.ts).
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if (cores >= 2) {
      await expect(page.getByTestId("lab-progress")).toContainText("2 workers");
    }
    await expect(page.getByTestId("lab-curves")).toBeVisible();
    await expect(
      page.getByTestId("lab-results-chart").locator(".recharts-scatter-symbol").first(),
    ).toBeVisible();
    const rows = page.getByTestId("lab-results-table").locator("tbody tr");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText("Compound");
    await expect(rows.first().getByRole("link", { name: "explorer" })).toHaveAttribute(
      "href",
      /^\/\?model=efficientnet&width=0\.1&depth=0\.1&resolution=32&classes=10$/,
    );
    const grid = page.getByTestId("lab-cam-grid");
    await expect(grid.locator("canvas")).toHaveCount(12);
    await expect(grid).toContainText("pointing");
    await expect(page.getByTestId("lab-conclusion")).toContainText("base network reached");

    await page.reload();
    await expect(page.getByTestId("lab-results-table").locator("tbody tr")).toHaveCount(2, {
      timeout: 30_000,
    });
    await expect(page.getByTestId("lab-saved")).toContainText("2 runs");
    await expect(page.getByTestId("lab-cam-grid").locator("canvas")).toHaveCount(12);

    // Each trained network is saved where the CAM page looks for it (tfjs's IndexedDB store).
    const keys = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const r = indexedDB.open("tensorflowjs");
          r.onerror = () => reject(r.error);
          r.onsuccess = () => {
            const q = r.result
              .transaction("model_info_store")
              .objectStore("model_info_store")
              .getAllKeys();
            q.onsuccess = () => resolve(q.result.map(String));
          };
        }),
    );
    expect(keys.filter((k) => k.startsWith("scaling-lab/"))).toHaveLength(2);

    await shot(page, `lab-light-1280`, { fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await shot(page, `lab-light-375`, { fullPage: true });
    await page.getByTestId("theme-toggle").click();
    await shot(page, `lab-dark-375`, { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, `lab-dark-1280`, { fullPage: true });
    await page.getByTestId("theme-toggle").click();
    expect(errors).toEqual([]);
  });

  test("corrects bad link values with a visible note", async ({ page }) => {
    await page.goto("/lab?epochs=abc&runs=base,magic&resolution=8");
    const notes = page.getByTestId("lab-notes");
    await expect(notes).toContainText("epochs");
    await expect(notes).toContainText("magic");
    await expect(notes).toContainText("resolution");
  });

  test("cancel stops training", async ({ page }) => {
    await page.goto(TINY.replace("epochs=1", "epochs=20").replace("train=16", "train=64"));
    await page.getByTestId("lab-start").click();
    await expect(page.getByTestId("lab-status")).toContainText(/step \d+/, { timeout: 120_000 });
    await page.getByTestId("lab-cancel").click();
    await expect(page.getByTestId("lab-status")).toContainText("Cancelled", { timeout: 60_000 });
    await expect(page.getByTestId("lab-start")).toBeEnabled();
  });
});
