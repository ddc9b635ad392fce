// @ts-check
// CommonJS on purpose: package.json has no "type" field, so `.js` is CJS.
// Next 16 accepts next.config.{js,mjs,ts}; `.cjs`/`.cts` are NOT supported.

/**
 * Cross-origin isolation (COOP + COEP) makes `self.crossOriginIsolated === true`,
 * which is required for SharedArrayBuffer and therefore for the multi-threaded
 * tfjs-backend-wasm binaries. Side effect: every cross-origin subresource must
 * be CORS/CORP-enabled, so serve models/wasm from our own origin (public/).
 */
const crossOriginIsolationHeaders = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // No "X-Powered-By: Next.js". The other security headers (CSP with a per-request nonce,
  // nosniff, Referrer-Policy, Permissions-Policy) are set by proxy.ts from
  // lib/http/security-headers.ts.
  poweredByHeader: false,
  // Lets parallel builds (e.g. one per feature while developing) use separate folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // NEXT_SOURCEMAPS=1: browser source maps in a production build, to read CPU profiles.
  productionBrowserSourceMaps: process.env.NEXT_SOURCEMAPS === "1",
  // scripts/test-all.sh type-checks the whole project in its own step (side by side with
  // lint), so its build skips Next's second, identical pass. Plain `npm run build` checks.
  typescript: { ignoreBuildErrors: process.env.SKIP_NEXT_TYPECHECK === "1" },

  async headers() {
    return [{ source: "/:path*", headers: crossOriginIsolationHeaders }];
  },

  // Web Workers: both Turbopack (default for `next dev` and `next build` in
  // Next 16) and webpack recognise
  //   new Worker(new URL("../workers/x.ts", import.meta.url), { type: "module" })
  // and bundle the worker as its own entry; no loader or plugin is needed.
  // `turbopack: {}` is kept explicit so Next does not complain about a custom
  // webpack config when run under Turbopack; do not add a `webpack()` hook
  // unless it is also mirrored here.
  turbopack: {},
};

// next-intl: the interface in English and Chinese; the language is chosen per request
// (app/i18n-request.ts), with no locale segment in the paths.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS config (see top)
const createNextIntlPlugin = require("next-intl/plugin");
const withNextIntl = createNextIntlPlugin("./app/i18n-request.ts");

module.exports = withNextIntl(nextConfig);
