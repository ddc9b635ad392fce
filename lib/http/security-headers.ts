/**
 * The security headers every response carries (applied by proxy.ts), in one place.
 *
 * Two Content-Security-Policies:
 * - documents (pages, 404s): scripts only with this request's nonce, and what those load
 *   ('strict-dynamic'), because Next's App Router writes inline bootstrap scripts and then
 *   adds its chunks from script;
 * - everything else (JS chunks, worker scripts, wasm files, route handlers): scripts from this
 *   origin. A dedicated worker runs under the policy sent with its own script, so this is the
 *   policy of the build, grid and CAM workers; the wasm backend's pthread workers (blob: URLs)
 *   inherit it and importScripts() /tfjs-wasm/*.js from this origin.
 *
 * Neither allows 'unsafe-eval'. 'wasm-unsafe-eval' lets tfjs compile its WebAssembly backend.
 */

/** Where models and images the user names by URL may be fetched from (see README, Security). */
export const CONNECT_SOURCES = [
  "'self'",
  // Any HTTPS host: the public TF.js model bucket, or a model / photo URL the user types.
  "https:",
  // Self-hosted models on this machine over plain HTTP (a local static server while developing).
  "http://localhost:*",
  "http://127.0.0.1:*",
] as const;

function policy(scriptSrc: readonly string[]): string {
  const d: [string, readonly string[]][] = [
    ["default-src", ["'self'"]],
    ["script-src", [...scriptSrc, "'wasm-unsafe-eval'"]],
    // React style attributes and recharts' inline styles are set as attributes; style
    // injection cannot run script, so inline styles are allowed.
    ["style-src", ["'self'", "'unsafe-inline'"]],
    // Photos and maps are drawn from blob: and data: URLs made in the page.
    ["img-src", ["'self'", "data:", "blob:"]],
    ["font-src", ["'self'", "data:"]],
    ["connect-src", CONNECT_SOURCES],
    // Workers are this origin's bundles; the wasm backend's pthreads start from blob: URLs.
    ["worker-src", ["'self'", "blob:"]],
    ["manifest-src", ["'self'"]],
    ["media-src", ["'self'", "blob:"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["frame-src", ["'none'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  return d.map(([k, v]) => `${k} ${v.join(" ")}`).join("; ");
}

/** The policy of an HTML document rendered with this nonce. */
export function documentCsp(nonce: string): string {
  return policy([`'nonce-${nonce}'`, "'strict-dynamic'", "'self'"]);
}

/** The policy of every other response (scripts, workers, wasm, files). */
export const ASSET_CSP = policy(["'self'"]);

/**
 * Features the app never uses, denied to it and to anything it could embed. Only names this
 * Chromium recognises (an unknown name logs a console warning on every page).
 */
const DENIED_FEATURES = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "gamepad",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
] as const;

export const PERMISSIONS_POLICY = DENIED_FEATURES.map((f) => `${f}=()`).join(", ");

/** Headers on every response besides the CSP (COOP/COEP stay in next.config.js). */
export const COMMON_SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "no-referrer"],
  ["Permissions-Policy", PERMISSIONS_POLICY],
  // For browsers without frame-ancestors (CSP) support.
  ["X-Frame-Options", "DENY"],
];

/** Paths whose responses are never HTML documents. */
export function isAssetPath(pathname: string): boolean {
  return pathname.startsWith("/_next/static/") || pathname.startsWith("/tfjs-wasm/");
}

/** A fresh nonce: 16 random bytes, base64. */
export function makeNonce(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  let s = "";
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}
