import type { Page } from "@playwright/test";

/**
 * Clicks `target` from inside the page as soon as `ready` holds: checked on every DOM change
 * (the progress text appearing is one), not once a frame. For Cancel buttons on jobs that last
 * only a few seconds: expect()'s polling backs off to one check per second, which can miss the
 * whole job, and a busy main thread delays animation frames (a CI run saw /compare's 884,736-
 * triple grid finish in 1.8 s before a frame-polled Cancel landed).
 */
export async function clickWhen(
  page: Page,
  target: string,
  ready: { selector: string; text?: string; attr?: string; above?: number },
): Promise<void> {
  await page.evaluate(
    ({ target, ready }) =>
      new Promise<void>((resolve, reject) => {
        const tryClick = (): boolean => {
          const el = document.querySelector(ready.selector);
          const button = document.querySelector<HTMLElement>(target);
          if (!el || !button) return false;
          if (ready.text !== undefined && !el.textContent?.includes(ready.text)) return false;
          if (
            ready.attr !== undefined &&
            !(Number(el.getAttribute(ready.attr)) > (ready.above ?? 0))
          )
            return false;
          button.click();
          return true;
        };
        if (tryClick()) return resolve();
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`clickWhen: ${ready.selector} never became ready for ${target}`));
        }, 60_000);
        const observer = new MutationObserver(() => {
          if (!tryClick()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        });
        observer.observe(document, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
        });
      }),
    { target, ready },
  );
}
