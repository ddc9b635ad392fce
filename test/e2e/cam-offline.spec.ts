/**
 * /cam with no network beyond the app itself (every request to another host is aborted):
 * the built-in MobileNet and sample photos give maps on first open; Score-CAM shows
 * progress and cancels; faithfulness scores appear; the settings survive a reload via the
 * URL, and bad values in a link are corrected with a note.
 */
import { expect, type Page, test } from "@playwright/test";

const blocked: string[] = [];

test.beforeEach(async ({ context }) => {
  blocked.length = 0;
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "localhost" || u.hostname === "127.0.0.1") return route.continue();
    blocked.push(u.href);
    return route.abort("internetdisconnected");
  });
});

async function firstOpen(page: Page) {
  await page.goto("/cam");
  await expect(page.getByTestId("model-entry").first()).toHaveAttribute("data-status", "ready", {
    timeout: 90_000,
  });
}

test("first open offline -> Try an example -> top-1 class and maps, with faithfulness", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await firstOpen(page);
  await expect(page.getByTestId("model-entry").first()).toContainText("built in");
  await page.getByRole("button", { name: "Try an example" }).click();
  const top1 = page.getByTestId("cam-top1");
  await expect(top1).toBeVisible({ timeout: 90_000 });
  await expect(top1).toHaveText(/malamute|husky|Eskimo dog/);
  await expect(page.getByTestId("cam-map").first()).toBeVisible();
  const f = page.getByTestId("faithfulness");
  await expect(f).toBeVisible({ timeout: 120_000 });
  const del = Number(await page.getByTestId("deletion-auc").textContent());
  const ins = Number(await page.getByTestId("insertion-auc").textContent());
  expect(del).toBeGreaterThanOrEqual(0);
  expect(ins).toBeGreaterThan(del); // a real map: revealing it brings the class back faster
  // Switch faithfulness off: the next map comes without it.
  await page.getByTestId("faithfulness-toggle").uncheck();
  await page.getByTestId("method-gradcam").click();
  await expect(page.getByTestId("map-caption")).toContainText("Grad-CAM for", { timeout: 60_000 });
  await expect(page.getByTestId("map-caption")).toContainText("on wasm");
  await expect(page.getByTestId("gradient-fallback")).toHaveCount(0); // the gradient ran on wasm
  await expect(page.getByTestId("faithfulness")).toHaveCount(0);
  expect(blocked.filter((u) => !u.startsWith("data:"))).toEqual([]);
  expect(errors).toEqual([]);
});

test("Score-CAM shows progress and cancels; run again finishes", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto("/cam?faithfulness=false");
  await expect(page.getByTestId("model-entry").first()).toHaveAttribute("data-status", "ready", {
    timeout: 90_000,
  });
  await page.getByRole("button", { name: "Try an example" }).click();
  await expect(page.getByTestId("cam-top1")).toBeVisible({ timeout: 90_000 });
  await page.getByTestId("method-scorecam").click();
  const progress = page.getByTestId("cam-progress");
  await expect(progress).toContainText(/Score-CAM: \d+\/256 masked passes/, { timeout: 60_000 });
  await page.getByTestId("cam-cancel").click();
  await expect(page.getByTestId("analysis-error")).toHaveText("Cancelled.");
  await page.getByRole("button", { name: "Run again" }).click();
  await expect(page.getByTestId("map-caption")).toContainText("Score-CAM for", {
    timeout: 240_000,
  });
  await expect(page.getByTestId("cam-top1")).toHaveText(/malamute|husky|Eskimo dog/);
});

test("settings round-trip through the URL; bad values are corrected with a note", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/cam?method=layercam&colormap=viridis&opacity=0.7&faithfulness=false");
  await expect(page.getByTestId("method-layercam")).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("colormap")).toHaveValue("viridis");
  await expect(page.getByTestId("faithfulness-toggle")).not.toBeChecked();
  await page.getByTestId("upsample").selectOption("blocky");
  await page.getByTestId("resize").selectOption("crop");
  await expect(page).toHaveURL(/upsample=blocky/, { timeout: 5_000 });
  await expect(page).toHaveURL(/resize=crop/);
  await page.reload();
  await expect(page.getByTestId("upsample")).toHaveValue("blocky");
  await expect(page.getByTestId("resize")).toHaveValue("crop");
  await expect(page.getByTestId("opacity")).toHaveValue("0.7");
  await expect(page.getByTestId("method-layercam")).toHaveAttribute("aria-checked", "true");

  await page.goto("/cam?opacity=5&method=bogus&class=1.5");
  const notes = page.getByTestId("settings-notes");
  await expect(notes).toContainText("opacity: 5 is out of range (0 to 1); using 1");
  await expect(notes).toContainText('method: "bogus" is not one of cam, gradcam');
  await expect(notes).toContainText("class: 1.5 is not a whole number");
  await expect(page.getByTestId("method-cam")).toHaveAttribute("aria-checked", "true");
});
