import { expect, test, type Page } from "@playwright/test";
import { shot } from "./shots";

const WIDTHS = [
  { name: "wide", width: 1280, height: 800 },
  { name: "narrow", width: 375, height: 812 },
] as const;

async function isDark(page: Page) {
  return page.evaluate(() => document.documentElement.classList.contains("dark"));
}

test("serves cross-origin isolation headers", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.headers()["cross-origin-opener-policy"]).toBe("same-origin");
  expect(response?.headers()["cross-origin-embedder-policy"]).toBe("require-corp");
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
});

test("the site icon and robots.txt are served (no 404s on a page load)", async ({ page }) => {
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto("/");
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  const res = await page.request.get(icon!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("svg");
  expect((await page.request.get("/robots.txt")).status()).toBe(200);
  await page.waitForLoadState("networkidle");
  expect(failed).toEqual([]);
});

test("home page renders header nav", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Scaling Explorer/);
  await expect(page.getByRole("heading", { level: 1, name: "Scaling Explorer" })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Main" });
  for (const [label, href] of [
    ["Explorer", "/"],
    ["Compare", "/compare"],
    ["Build", "/build"],
    ["CAM", "/cam"],
  ] as const) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("href", href);
  }
  await expect(nav.getByRole("link", { name: "Explorer", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
});

test.describe("theme", () => {
  test.use({ colorScheme: "light" });

  for (const { name, width, height } of WIDTHS) {
    test(`toggle light/dark and persist (${name} ${width}px)`, async ({ page }) => {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));

      await page.setViewportSize({ width, height });
      await page.goto("/");
      const toggle = page.getByTestId("theme-toggle");
      await expect(toggle).toBeVisible();
      await expect(toggle).toHaveAttribute("aria-pressed", "false");
      expect(await isDark(page)).toBe(false);

      // No horizontal overflow at this width.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);

      await shot(page, `home-light-${width}`, { fullPage: true });

      await toggle.click();
      await expect(toggle).toHaveAttribute("aria-pressed", "true");
      expect(await isDark(page)).toBe(true);
      expect(await page.evaluate(() => localStorage.getItem("theme"))).toBe("dark");
      await shot(page, `home-dark-${width}`, { fullPage: true });

      // Persisted: dark class is applied by the inline head script, before hydration.
      await page.reload();
      expect(await isDark(page)).toBe(true);

      await toggle.click();
      expect(await isDark(page)).toBe(false);
      expect(await page.evaluate(() => localStorage.getItem("theme"))).toBe("light");

      expect(errors).toEqual([]);
    });
  }
});

test.describe("prefers-color-scheme", () => {
  test.use({ colorScheme: "dark" });

  test("defaults to dark when the OS prefers dark and nothing is stored", async ({ page }) => {
    await page.goto("/");
    expect(await isDark(page)).toBe(true);
  });
});
