/**
 * Figure 7 across the Lab's networks (issue 10, section 5), end to end in the built app: a
 * tiny Lab experiment (base and compound-scaled, 64 px, one epoch) trains in the Lab's worker
 * and saves its networks in IndexedDB; /cam then lists them as models (no download), maps
 * the same photograph with each beside the built-in MobileNet, and shows every map's
 * deletion/insertion scores and, once a box is drawn, its pointing-game hit and energy. Then
 * the Lab's own test images (of the dataset the networks record) come with their true boxes:
 * every map is scored with no box drawn; a drawn box replaces the true one, which comes back.
 */

import { expect, test } from "@playwright/test";

import { PROCEDURAL_CLASSES } from "../../lib/lab/dataset";
import { shot } from "./shots";

/** Two tiny networks, a few 64 px images (a 2 x 2 map; 32 px would give 1 x 1). */
const TINY =
  "/lab?width=0.1&depth=0.1&resolution=64&epochs=1&batch=8&train=16&test=8&runs=base,compound&backend=wasm";

test("networks trained in the Lab are mapped side by side on /cam, with their scores", async ({
  page,
}) => {
  test.setTimeout(480_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // Nothing leaves the machine: a Lab network needs no download.
  const offsite: string[] = [];
  await page.context().route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "localhost" || u.hostname === "127.0.0.1") return route.continue();
    offsite.push(u.href);
    return route.abort("internetdisconnected");
  });

  await page.goto(TINY);
  await page.getByTestId("lab-start").click();
  await expect(page.getByTestId("lab-status")).toContainText("Finished", { timeout: 300_000 });

  await page.goto("/cam?method=gradcam");
  const labOptions = page.locator('[data-testid="model-choice"] option[value^="indexeddb://"]');
  await expect(labOptions).toHaveCount(2, { timeout: 30_000 });
  const urls = await labOptions.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(urls.every((u) => /^indexeddb:\/\/scaling-lab\/[^/]+\/[^/]+$/.test(u))).toBe(true);
  for (const u of urls) {
    await page.getByTestId("model-choice").selectOption(u);
    await page.getByTestId("add-model").click();
  }
  const entries = page.getByTestId("model-entry");
  await expect(entries).toHaveCount(3); // the built-in MobileNet and the two Lab networks
  for (let i = 0; i < 3; i++)
    await expect(entries.nth(i)).toHaveAttribute("data-status", "ready", { timeout: 60_000 });
  // A Lab network names its own classes (from the saved metadata), not ImageNet's.
  await expect(entries.nth(1)).toContainText("64×64");
  await expect(entries.nth(1).getByTestId("label-note")).toHaveCount(0);

  await page.getByTestId("sample-dog.jpg").click();
  const items = page.getByTestId("compare-item");
  await expect(items).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await expect(items.nth(i).getByTestId("cam-map")).toBeVisible();
    await expect(items.nth(i).getByTestId("compare-scores")).toContainText(/del \d\.\d{3} · ins/, {
      timeout: 120_000,
    });
  }

  // A box drawn around the dog (dog.jpg: x 128..308, y 218..542 of 768 x 576): every model's
  // map is scored against it.
  const orig = page.getByTestId("canvas-original");
  await orig.scrollIntoViewIfNeeded();
  const r = (await orig.boundingBox())!;
  await page.mouse.move(r.x + r.width * (128 / 768), r.y + r.height * (218 / 576));
  await page.mouse.down();
  await page.mouse.move(r.x + r.width * (250 / 768), r.y + r.height * (400 / 576), { steps: 4 });
  await page.mouse.move(r.x + r.width * (308 / 768), r.y + r.height * (542 / 576), { steps: 4 });
  await page.mouse.up();
  for (let i = 0; i < 3; i++) {
    const box = items.nth(i).getByTestId("box-scores");
    await expect(box).toBeVisible({ timeout: 120_000 });
    await expect(box).toHaveAttribute("data-hit", /^(true|false)$/);
    await expect(box).toContainText(/\d+\.\d%/);
  }
  // Each Lab network's top-1 is one of its own classes.
  for (const i of [1, 2])
    expect(PROCEDURAL_CLASSES).toContain(
      await items.nth(i).getByTestId("compare-top1").innerText(),
    );
  // The real MobileNet looks at the dog.
  await expect(items.nth(0).getByTestId("box-scores")).toHaveAttribute("data-hit", "true");
  await shot(page.getByTestId("compare"), "cam-lab");

  // Lab test images, added from the keyboard: the networks record their dataset (seed 1 by
  // default), so these are images they were tested on, each with its object's true box.
  await page.getByTestId("add-lab-images").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("lab-images-note")).toContainText(
    /test images 0–3 of the Lab dataset with seed 1: the data that “Lab: .+” was trained on/,
  );
  await expect(page.getByTestId("image-list").locator("li")).toHaveCount(5); // the dog + 4
  const note = page.getByTestId("true-box-note");
  await expect(note).toHaveAttribute("data-box", "true");
  await expect(note).toContainText(new RegExp(`object: (${PROCEDURAL_CLASSES.join("|")})\\)`));
  const scored = async () => {
    for (let i = 0; i < 3; i++) {
      const box = items.nth(i).getByTestId("box-scores");
      await expect(box).toBeVisible({ timeout: 120_000 });
      await expect(box).toHaveAttribute("data-hit", /^(true|false)$/);
      await expect(box).toContainText(/\d+\.\d%/);
    }
    await expect(page.getByTestId("map-trio").getByTestId("box-scores")).toBeVisible();
  };
  await scored(); // no box was drawn on this image
  for (const i of [1, 2])
    expect(PROCEDURAL_CLASSES).toContain(
      await items.nth(i).getByTestId("compare-top1").innerText(),
    );
  await shot(page, "cam-lab-images-light-1280", { fullPage: true });

  // A box drawn on the Lab image replaces its true box; "Restore" brings the true box back.
  await orig.scrollIntoViewIfNeeded();
  const o2 = (await orig.boundingBox())!;
  await page.mouse.move(o2.x + o2.width * 0.1, o2.y + o2.height * 0.1);
  await page.mouse.down();
  await page.mouse.move(o2.x + o2.width * 0.3, o2.y + o2.height * 0.3, { steps: 4 });
  await page.mouse.up();
  await expect(note).toHaveAttribute("data-box", "drawn");
  await scored();
  await page.getByTestId("restore-true-box").click();
  await expect(note).toHaveAttribute("data-box", "true");
  await scored();

  // Dark and narrow (looked at, not compared).
  await page.evaluate(() => document.documentElement.classList.add("dark"));
  await shot(page, "cam-lab-images-dark-1280", { fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await scored();
  await shot(page, "cam-lab-images-dark-375", { fullPage: true });
  expect(offsite).toEqual([]);
  expect(errors).toEqual([]);
});
