/**
 * Runs before every request: security headers (lib/http/security-headers.ts) on every
 * response, a per-request CSP nonce for documents (Next reads it from the request's
 * Content-Security-Policy header and puts it on its own scripts; app/layout.tsx reads
 * x-nonce for the theme script), and the /tfjs-wasm/ guard: wrong method 405, malformed
 * escapes 400, before Next's router would try to decode them.
 */
import { type NextRequest, NextResponse } from "next/server";

import { HTML_LANG, LANG_KEY, LOCALE_HEADERS, resolveLocale } from "@/lib/i18n/locale";
import { decodeSegment, isReadMethod, READ_METHODS } from "@/lib/http/path-check";
import {
  ASSET_CSP,
  COMMON_SECURITY_HEADERS,
  documentCsp,
  isAssetPath,
  makeNonce,
} from "@/lib/http/security-headers";

function withHeaders(res: NextResponse, csp: string): NextResponse {
  res.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of COMMON_SECURITY_HEADERS) res.headers.set(k, v);
  return res;
}

function plain(status: number, body: string, extra: Record<string, string> = {}): NextResponse {
  return withHeaders(
    new NextResponse(body, {
      status,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...extra },
    }),
    ASSET_CSP,
  );
}

export function proxy(request: NextRequest): NextResponse {
  const path = request.nextUrl.pathname;
  if (path.startsWith("/tfjs-wasm/")) {
    if (!isReadMethod(request.method)) {
      return plain(405, "method not allowed\n", { Allow: READ_METHODS.join(", ") });
    }
    // The raw path as sent: nextUrl may already hold it decoded or re-encoded.
    const raw = new URL(request.url).pathname.slice("/tfjs-wasm/".length);
    if (raw.split("/").some((s) => decodeSegment(s) === null)) {
      return plain(400, "malformed percent-encoding in the file name\n");
    }
  }
  if (isAssetPath(path)) return withHeaders(NextResponse.next(), ASSET_CSP);
  const nonce = makeNonce();
  const csp = documentCsp(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // The interface language: the link's `lang`, else the browser's (lib/i18n/locale.ts).
  // Set here, never taken from the client's own x-locale headers.
  const lang = resolveLocale(
    request.nextUrl.searchParams.get(LANG_KEY),
    request.headers.get("accept-language"),
  );
  requestHeaders.set(LOCALE_HEADERS.locale, lang.locale);
  requestHeaders.set(LOCALE_HEADERS.source, lang.source);
  requestHeaders.delete(LOCALE_HEADERS.rejected);
  if (lang.rejected !== null) {
    requestHeaders.set(LOCALE_HEADERS.rejected, encodeURIComponent(lang.rejected));
  }
  const res = withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
  res.headers.set("Content-Language", HTML_LANG[lang.locale]);
  res.headers.set("Vary", "Accept-Language");
  return res;
}

// Every path, static chunks included, so every response carries the headers.
export const config = { matcher: "/:path*" };
