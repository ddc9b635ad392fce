/**
 * Accessibility on every page (PAGE_ROUTES), light and dark, 1280 and 375 px wide: axe-core
 * (WCAG 2.x A/AA and best practices) with no serious or critical violation; every other
 * finding is printed. Plus keyboard-only use: tabbing shows a visible focus on every
 * focusable element, the explorer's sliders move with arrow keys, the /compare grid search
 * runs and sorts from the keyboard.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

import { PAGE_ROUTES } from "./routes";

const THEMES = ["light", "dark"] as const;
const WIDTHS = [1280, 375] as const;

async function openIn(page: Page, route: string, theme: (typeof THEMES)[number], width: number) {
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ colorScheme: theme });
  await page.addInitScript((t) => localStorage.setItem("theme", t), theme);
  await page.goto(route);
  await page.waitForLoadState("networkidle");
  await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
}

for (const route of PAGE_ROUTES) {
  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      test(`axe ${route} ${theme} ${width}px`, async ({ page }) => {
        test.setTimeout(120_000);
        await openIn(page, route, theme, width);
        const res = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
          .analyze();
        const lines = res.violations.map(
          (v) =>
            `${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(" "))
              .join(" | ")}`,
        );
        console.log(
          `axe ${route} ${theme} ${width}px: ${lines.length ? lines.join("; ") : "none"}`,
        );
        const severe = res.violations.filter(
          (v) => v.impact === "serious" || v.impact === "critical",
        );
        expect(
          severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        ).toEqual([]);
      });
    }
  }
}

/** The element that shows focus: the focused one, or the label around a visually hidden input. */
async function focusIsVisible(page: Page): Promise<{ ok: boolean; what: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { ok: true, what: "body" };
    const what = `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ""}${el.getAttribute("aria-label") ? ` "${el.getAttribute("aria-label")}"` : ""}`;
    const shows = (e: Element) => {
      const s = getComputedStyle(e);
      const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1;
      const ring = s.boxShadow !== "none" && s.boxShadow !== "";
      return outline || ring;
    };
    const r = el.getBoundingClientRect();
    const hidden = r.width <= 1 || r.height <= 1;
    if (!hidden && shows(el)) return { ok: true, what };
    const label = el.closest("label");
    if (label && shows(label)) return { ok: true, what };
    return { ok: false, what };
  });
}

for (const route of PAGE_ROUTES) {
  test(`every focusable element on ${route} shows focus when tabbed to`, async ({ page }) => {
    test.setTimeout(120_000);
    await openIn(page, route, "light", 1280);
    const seen = new Set<string>();
    const missing: string[] = [];
    await page.locator("body").click({ position: { x: 1, y: 1 } });
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press("Tab");
      const key = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return "";
        const all = Array.from(document.querySelectorAll("*"));
        return String(all.indexOf(el));
      });
      if (!key) continue;
      if (seen.has(key)) break; // wrapped around
      seen.add(key);
      const f = await focusIsVisible(page);
      if (!f.ok) missing.push(f.what);
    }
    expect(seen.size, route).toBeGreaterThan(3);
    expect(missing, route).toEqual([]);
  });
}

async function tabTo(page: Page, testId: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(
      () => (document.activeElement as HTMLElement | null)?.dataset?.testid,
    );
    if (id === testId) return;
  }
  throw new Error(`${testId} not reached by ${max} Tab presses`);
}

test("explorer: a slider reached by Tab moves with the arrow keys", async ({ page }) => {
  await page.goto("/?model=efficientnet&phi=1");
  await tabTo(page, "slider-phi");
  expect((await focusIsVisible(page)).ok).toBe(true);
  const before = await page.getByTestId("macs").getAttribute("data-value");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/phi=1\.3/);
  await expect(page.getByTestId("macs")).not.toHaveAttribute("data-value", before!);
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(/phi=1\.2/);
});

test("/compare: grid search runs and sorts from the keyboard alone", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/compare");
  // Budget kind radios: Tab reaches the checked one; arrow keys change the choice.
  await tabTo(page, "budget-multiple");
  expect((await focusIsVisible(page)).ok).toBe(true);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("budget-macs")).toBeChecked();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByTestId("budget-multiple")).toBeChecked();
  await tabTo(page, "grid-run", 200);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("grid-summary")).toContainText("feasible", { timeout: 60_000 });
  await tabTo(page, "sort-multiplier", 60);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("sort-multiplier").locator("..")).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
});
