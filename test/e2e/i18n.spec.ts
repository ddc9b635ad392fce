/**
 * Chinese and English (issue 11 §5): every page with `lang=zh` shows no Latin-script word
 * that is not a shared technical term (test/e2e/i18n-terms.ts) or data marked
 * translate="no", in its visible text and in the labels it announces (aria-label, title,
 * placeholder, alt); the same with a bad link, whose notes must be in Chinese too. The
 * language follows the link's `lang`, else the browser's; the switcher keeps the page's
 * state; the navigation carries a chosen language.
 */
import { expect, type Page, test } from "@playwright/test";

import { PAGE_TERMS, SHARED_TERMS, SYMBOL } from "./i18n-terms";
import { PAGE_ROUTES } from "./routes";

/** Visible text and announced labels, outside translate="no" subtrees. */
async function visibleStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const skipped = (el: Element | null): boolean =>
      !!el?.closest('[translate="no"], script, style, noscript, template, svg title');
    const shown = (el: Element): boolean =>
      el.checkVisibility({ opacityProperty: false, visibilityProperty: true }) ||
      el.classList.contains("sr-only");
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? "";
      if (!text || !el || skipped(el) || !shown(el)) continue;
      out.push(text);
    }
    for (const el of document.body.querySelectorAll(
      "[aria-label], [title], [placeholder], img[alt]",
    )) {
      if (skipped(el) || !shown(el)) continue;
      for (const a of ["aria-label", "title", "placeholder", "alt"]) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

function untranslated(strings: readonly string[], route: string): string[] {
  const terms = new Set([...SHARED_TERMS, ...(PAGE_TERMS[route] ?? [])]);
  const bad = new Set<string>();
  for (const s of strings) {
    for (const m of s.matchAll(/[A-Za-z][A-Za-z0-9.+'-]*[A-Za-z0-9+]|[A-Za-z]/g)) {
      const w = m[0];
      if (terms.has(w) || SYMBOL.test(w)) continue;
      // "EfficientNet-B0", "MobileNetV3-Large": a name and its variant, each a term or symbol.
      const parts = w.split("-");
      if (parts.length > 1 && parts.every((p) => terms.has(p) || SYMBOL.test(p))) continue;
      bad.add(`${JSON.stringify(w)} in ${JSON.stringify(s.slice(0, 80))}`);
    }
  }
  return [...bad];
}

async function openZh(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  await expect(page.locator("header nav")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // Loaded content, not its placeholders (charts, /compare's solved columns).
  await expect(page.locator(".animate-pulse")).toHaveCount(0, { timeout: 60_000 });
}

for (const route of PAGE_ROUTES) {
  test(`${route}?lang=zh shows no untranslated string`, async ({ page }) => {
    test.setTimeout(120_000);
    await openZh(page, `${route}?lang=zh`);
    expect(untranslated(await visibleStrings(page), route)).toEqual([]);
    // A bad link: the notes it gets are in Chinese too.
    await openZh(page, `${route}?lang=zh&bogus=1`);
    expect(untranslated(await visibleStrings(page), route)).toEqual([]);
  });
}

test("the browser's language decides without a lang key; the link's lang wins", async ({
  browser,
}) => {
  const zh = await browser.newContext({ locale: "zh-CN" });
  const page = await zh.newPage();
  await page.goto("/compare");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.locator("header nav a[aria-current=page]")).toHaveText("比较");
  await page.goto("/compare?lang=en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("header nav a[aria-current=page]")).toHaveText("Compare");
  // The chosen language is carried to the other pages.
  await expect(page.locator('header nav a[href^="/build"]')).toHaveAttribute(
    "href",
    "/build?lang=en",
  );
  await zh.close();
});

test("the switcher keeps the page's state; a bad lang gets a note", async ({ page }) => {
  await page.goto("/?phi=3");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByTestId("lang-zh").click();
  await expect(page).toHaveURL(/lang=zh/);
  await expect(page).toHaveURL(/phi=3/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.goto("/?lang=fr");
  await expect(page.getByTestId("lang-note")).toContainText("fr");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
