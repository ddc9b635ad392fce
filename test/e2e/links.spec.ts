/**
 * Issue 11 §1: keys named like built-ins, __proto__, repeated and unknown keys answer 200
 * on every page, with the same visible note. Fetched from the production build.
 */
import { expect, test } from "@playwright/test";

const PAGES = ["/", "/build", "/compare"] as const;
const BUILTINS = [
  "toString",
  "hasOwnProperty",
  "valueOf",
  "constructor",
  "isPrototypeOf",
  "__defineGetter__",
] as const;

/** The note list each page shows for its link (explorer and /build: notes; /compare: url-notes). */
const notes = (page: string) => (page === "/compare" ? "url-notes" : "notes");

for (const page of PAGES) {
  test(`${page}: built-in key names answer 200 with an "unknown key" note in the HTML`, async ({
    request,
  }) => {
    for (const key of BUILTINS) {
      const res = await request.get(`${page}?${key}=1`);
      expect(res.status(), `${page}?${key}=1`).toBe(200);
      // The HTML's text, not its markup: values a note quotes sit in translate="no" spans.
      const text = (await res.text()).replace(/<[^>]*>/g, "").replaceAll("&quot;", '"');
      expect(text).toContain(`unknown key "${key}" ignored`);
    }
  });

  test(`${page}: __proto__, a repeated key and an unknown key get visible notes`, async ({
    page: p,
  }) => {
    const repeated = page === "/compare" ? "x=2&x=3" : "phi=1&phi=2";
    const res = await p.goto(`${page}?__proto__=1&${repeated}&bogus=1`);
    expect(res?.status()).toBe(200);
    const box = p.getByTestId(notes(page));
    await expect(box).toContainText('unknown key "__proto__" ignored');
    await expect(box).toContainText('unknown key "bogus" ignored');
    await expect(box).toContainText("given more than once; using the first value");
  });
}
