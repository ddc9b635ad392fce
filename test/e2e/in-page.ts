import type { Page } from "@playwright/test";

/**
 * Clicks `target` from inside the page on the first animation frame where `ready` holds.
 * For Cancel buttons on jobs that last only a few seconds: expect()'s polling backs off to
 * one check per second, which can miss the whole job.
 */
export async function clickWhen(
  page: Page,
  target: string,
  ready: { selector: string; text?: string; attr?: string; above?: number },
): Promise<void> {
  await page.waitForFunction(
    ({ target, ready }) => {
      const el = document.querySelector(ready.selector);
      const button = document.querySelector<HTMLElement>(target);
      if (!el || !button) return false;
      if (ready.text !== undefined && !el.textContent?.includes(ready.text)) return false;
      if (ready.attr !== undefined && !(Number(el.getAttribute(ready.attr)) > (ready.above ?? 0))) {
        return false;
      }
      button.click();
      return true;
    },
    { target, ready },
    { polling: "raf", timeout: 60_000 },
  );
}
