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
type Theme = (typeof THEMES)[number];

const darkClass = (theme: Theme) => (theme === "dark" ? /dark/ : /^(?!.*dark)/);

/**
 * Loads `route` following the OS colour scheme (no theme stored) at `width` px, and waits
 * for the loading placeholders (`animate-pulse`: lazy charts, /compare's first solve) to be
 * replaced, so axe audits the real content: at network idle / still showed 10 of them and
 * /compare had not yet drawn its four networks.
 */
async function openIn(page: Page, route: string, theme: Theme, width: number) {
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(route);
  await page.waitForLoadState("networkidle");
  await expect(page.locator(".animate-pulse"), `${route}: loading placeholders`).toHaveCount(0, {
    timeout: 60_000,
  });
  await expect(page.locator("html")).toHaveClass(darkClass(theme));
}

/**
 * Lets a theme or width change land before axe reads colours and layout: two frames for
 * resize observers and React, then every running CSS transition (colour fades) finished.
 */
async function settle(page: Page) {
  await page.evaluate(async () => {
    const frame = () => new Promise((ok) => requestAnimationFrame(() => ok(null)));
    const work = (async () => {
      await frame();
      await frame();
      await Promise.all(
        document
          .getAnimations()
          .filter((a) => a instanceof CSSTransition)
          .map((a) => a.finished.catch(() => null)),
      );
    })();
    // Bounded: on /cam a transition that never finishes (or frames that stop while a worker
    // keeps the page busy) once held this wait for the whole 8-minute test.
    await Promise.race([work, new Promise((ok) => setTimeout(ok, 3000))]);
  });
}

/**
 * Each route is loaded once, not once per combination: in dark (the head script's
 * first-paint path), checked at both widths; then the OS scheme switches to light (the
 * page follows it live, as ThemeToggle does with nothing stored) and both widths are
 * checked again. Each combination is its own step and soft assertion, so one failure does
 * not hide the others.
 */
const ORDER: [Theme, number][] = [...THEMES]
  .reverse()
  .flatMap((theme, i) =>
    (i === 0 ? [...WIDTHS] : [...WIDTHS].reverse()).map((w): [Theme, number] => [theme, w]),
  );

for (const route of PAGE_ROUTES) {
  test(`axe ${route}: light and dark, ${WIDTHS.join(" and ")} px`, async ({ page }) => {
    // The 120 s each combination had as its own test, times four: axe on the full pages
    // is slow on a busy 2-core machine.
    test.setTimeout(ORDER.length * 120_000);
    await openIn(page, route, ORDER[0][0], ORDER[0][1]);
    for (const [theme, width] of ORDER) {
      await test.step(`${theme} ${width}px`, async () => {
        await page.emulateMedia({ colorScheme: theme });
        await expect(page.locator("html")).toHaveClass(darkClass(theme));
        await page.setViewportSize({ width, height: 900 });
        await settle(page);
        // Legacy mode runs axe.run in the page itself. The default (runPartial per frame,
        // then finishRun in a fresh blank page) exists for cross-origin iframes, which no
        // route has (asserted), and took 15-20 s per audit here against 9-10 s.
        expect(page.frames(), `${route}: one frame`).toHaveLength(1);
        const res = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
          .setLegacyMode()
          .options({ resultTypes: ["violations"] })
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
        expect
          .soft(
            severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
            `${route} ${theme} ${width}px`,
          )
          .toEqual([]);
      });
    }
  });
}

/**
 * The element that shows focus: the focused one, or the label around a visually hidden input.
 * `key` identifies the focused element ("" for none); one round trip per Tab press.
 */
async function focusIsVisible(page: Page): Promise<{ key: string; ok: boolean; what: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { key: "", ok: true, what: "body" };
    const key = String(Array.from(document.querySelectorAll("*")).indexOf(el));
    const what = `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ""}${el.getAttribute("aria-label") ? ` "${el.getAttribute("aria-label")}"` : ""}`;
    const shows = (e: Element) => {
      const s = getComputedStyle(e);
      const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1;
      const ring = s.boxShadow !== "none" && s.boxShadow !== "";
      return outline || ring;
    };
    const r = el.getBoundingClientRect();
    const hidden = r.width <= 1 || r.height <= 1;
    if (!hidden && shows(el)) return { key, ok: true, what };
    const label = el.closest("label");
    if (label && shows(label)) return { key, ok: true, what };
    return { key, ok: false, what };
  });
}

/**
 * Records, in the page, whether each element that receives focus shows it: a focusin
 * listener runs focusIsVisible's check with the element's transitions cut short (the ring's
 * end state is what a person sees), so each Tab press is one round trip instead of two.
 */
async function recordFocus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const ids = new WeakMap<Element, string>();
    const log: { key: string; ok: boolean; what: string }[] = [];
    (window as unknown as { __focusLog: typeof log }).__focusLog = log;
    const shows = (e: HTMLElement) => {
      const before = e.style.transition;
      e.style.transition = "none";
      const s = getComputedStyle(e);
      const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1;
      const ring = s.boxShadow !== "none" && s.boxShadow !== "";
      e.style.transition = before;
      return outline || ring;
    };
    document.addEventListener("focusin", (ev) => {
      const el = ev.target as HTMLElement;
      if (!ids.has(el)) ids.set(el, String(log.length));
      const what = `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ""}${el.getAttribute("aria-label") ? ` "${el.getAttribute("aria-label")}"` : ""}`;
      const r = el.getBoundingClientRect();
      const hidden = r.width <= 1 || r.height <= 1;
      const label = el.closest("label");
      const ok = (!hidden && shows(el)) || (label !== null && shows(label));
      log.push({ key: ids.get(el)!, ok, what });
    });
  });
}

for (const route of PAGE_ROUTES) {
  test(`every focusable element on ${route} shows focus when tabbed to`, async ({ page }) => {
    test.setTimeout(120_000);
    await openIn(page, route, "light", 1280);
    await page.locator("body").click({ position: { x: 1, y: 1 } });
    await recordFocus(page);
    type Focus = { key: string; ok: boolean; what: string };
    const read = () =>
      page.evaluate(() => (window as unknown as { __focusLog: Focus[] }).__focusLog);
    // Tab in rounds of 20 (at most 200 presses) until focus returns to an element it has been on.
    let log: Focus[] = [];
    for (let presses = 0; presses < 200; presses += 20) {
      for (let i = 0; i < 20; i++) await page.keyboard.press("Tab");
      log = await read();
      if (new Set(log.map((f) => f.key)).size < log.length) break;
    }
    const seen = new Set<string>();
    const missing: string[] = [];
    for (const f of log) {
      if (seen.has(f.key)) break; // wrapped around
      seen.add(f.key);
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
