/**
 * Security headers as served by the production build, on every kind of response: each page,
 * a static chunk, a wasm file, the 404 page, the /tfjs-wasm/ errors. Also: pages load with
 * no CSP violation, and every script the page has carries the request's nonce.
 */
import { type APIResponse, expect, test } from "@playwright/test";

import { PAGE_ROUTES } from "./routes";

type Headers = Record<string, string>;

function expectSecurityHeaders(h: Headers, kind: "document" | "asset", where: string) {
  const csp = h["content-security-policy"];
  expect(csp, `${where}: Content-Security-Policy`).toBeTruthy();
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([k, ...v]) => [k, v] as const),
  );
  expect(csp, where).not.toMatch(/'unsafe-eval'/);
  expect(directives.get("frame-ancestors"), where).toEqual(["'none'"]);
  expect(directives.get("object-src"), where).toEqual(["'none'"]);
  expect(directives.get("base-uri"), where).toEqual(["'self'"]);
  expect(directives.get("default-src"), where).toEqual(["'self'"]);
  const script = directives.get("script-src") ?? [];
  expect(script, where).not.toContain("'unsafe-inline'");
  expect(script, where).toContain("'wasm-unsafe-eval'");
  if (kind === "document") {
    expect(
      script.some((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s)),
      where,
    ).toBe(true);
    expect(script, where).toContain("'strict-dynamic'");
  } else {
    expect(script, where).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  }
  // User-chosen model and image hosts over HTTPS.
  expect(directives.get("connect-src"), where).toContain("https:");
  expect(h["x-content-type-options"], where).toBe("nosniff");
  expect(h["referrer-policy"], where).toBe("no-referrer");
  const pp = h["permissions-policy"] ?? "";
  for (const f of ["camera", "microphone", "geolocation", "payment", "usb", "serial", "hid"]) {
    expect(pp, `${where}: Permissions-Policy ${f}`).toContain(`${f}=()`);
  }
  expect(h["x-powered-by"], where).toBeUndefined();
  expect(h["cross-origin-opener-policy"], where).toBe("same-origin");
  expect(h["cross-origin-embedder-policy"], where).toBe("require-corp");
}

const headersOf = (r: APIResponse): Headers => r.headers();

test("every page carries the security headers with a fresh nonce", async ({ request }) => {
  const nonces = new Set<string>();
  for (const route of PAGE_ROUTES) {
    const r = await request.get(route);
    expect(r.status(), route).toBe(200);
    const h = headersOf(r);
    expectSecurityHeaders(h, "document", route);
    const nonce = /'nonce-([^']+)'/.exec(h["content-security-policy"])![1];
    nonces.add(nonce);
    // Every script element in the HTML carries this request's nonce.
    const html = await r.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, route).toBeGreaterThan(0);
    for (const s of scripts) expect(s, `${route}: ${s.slice(0, 80)}`).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(PAGE_ROUTES.length);
});

test("static chunks, wasm files, the icon and 404s carry them too", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const chunk = /\/_next\/static\/[^"]+\.js/.exec(html)![0];
  const cases: [string, number, "document" | "asset"][] = [
    [chunk, 200, "asset"],
    ["/tfjs-wasm/tfjs-backend-wasm-simd.wasm", 200, "asset"],
    ["/tfjs-wasm/tfjs-backend-wasm-threaded-simd.js", 200, "asset"],
    ["/icon.svg", 200, "document"],
    ["/robots.txt", 200, "document"],
    ["/no-such-page", 404, "document"],
    ["/tfjs-wasm/no-such-file", 404, "asset"],
  ];
  for (const [path, status, kind] of cases) {
    const r = await request.get(path);
    expect(r.status(), path).toBe(status);
    expectSecurityHeaders(headersOf(r), kind, path);
  }
});

test("/tfjs-wasm/: malformed names 400, unknown 404 (short, nosniff), other methods 405", async ({
  request,
}) => {
  for (const bad of ["%", "%zz", "%ff", "%c0%ae", "a%2", "%e0%80%80"]) {
    const r = await request.get(`/tfjs-wasm/${bad}`);
    expect(r.status(), bad).toBe(400);
    expect(r.headers()["x-content-type-options"]).toBe("nosniff");
    expect(await r.text()).toBe("malformed percent-encoding in the file name\n");
  }
  const long = "a".repeat(15_000);
  const r = await request.get(`/tfjs-wasm/${long}`);
  expect(r.status()).toBe(404);
  expect(r.headers()["x-content-type-options"]).toBe("nosniff");
  expect(r.headers()["content-type"]).toMatch(/^text\/plain/);
  const body = await r.text();
  expect(body.length).toBeLessThan(160);
  expect(body).toContain("(15000 characters)");
  for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]) {
    const m = await request.fetch("/tfjs-wasm/tfjs-backend-wasm.wasm", { method });
    expect(m.status(), method).toBe(405);
    expect(m.headers()["allow"], method).toBe("GET, HEAD");
    expectSecurityHeaders(m.headers(), "asset", `${method} /tfjs-wasm/`);
  }
  // TRACE anywhere else: 405 too, not a 500.
  expect((await request.fetch("/", { method: "TRACE" })).status()).toBe(405);
  const head = await request.head("/tfjs-wasm/tfjs-backend-wasm.wasm");
  expect(head.status()).toBe(200);
});

test("pages load under the policy with no violation", async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  for (const route of PAGE_ROUTES) {
    await page.goto(route);
    await page.waitForLoadState("networkidle");
    // Hydrated: the theme toggle is interactive only after React runs.
    await expect(page.locator("header nav")).toBeVisible();
    const inPage = await page.evaluate(
      () => (window as unknown as { __csp?: string[] }).__csp ?? [],
    );
    violations.push(...inPage.map((v) => `${route}: ${v}`));
  }
  expect(violations).toEqual([]);
});
