import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { capForEcho, READ_METHODS } from "@/lib/http/path-check";

/**
 * Serves tfjs-backend-wasm's binaries from node_modules at /tfjs-wasm/<file>, so they
 * exist after a fresh `npm ci && next build` with no copy step and always match the
 * installed tfjs version. Same origin, so cross-origin isolation (COEP) is satisfied.
 *
 * Also the *unbundled* emscripten factory of the threaded build: its pthread workers
 * importScripts() it (see lib/tfjs/wasm-threads.ts), because the bundled copy's source
 * text no longer stands on its own once minified.
 */
const PKG = join(process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm");

/** Allow-list: file name -> [path, Content-Type]. Nothing else is ever read. */
const FILES = new Map<string, readonly [string, string]>([
  ["tfjs-backend-wasm.wasm", [join(PKG, "dist", "tfjs-backend-wasm.wasm"), "application/wasm"]],
  [
    "tfjs-backend-wasm-simd.wasm",
    [join(PKG, "dist", "tfjs-backend-wasm-simd.wasm"), "application/wasm"],
  ],
  [
    "tfjs-backend-wasm-threaded-simd.wasm",
    [join(PKG, "dist", "tfjs-backend-wasm-threaded-simd.wasm"), "application/wasm"],
  ],
  [
    "tfjs-backend-wasm-threaded-simd.js",
    [join(PKG, "wasm-out", "tfjs-backend-wasm-threaded-simd.js"), "text/javascript; charset=utf-8"],
  ],
]);

const cache = new Map<string, Uint8Array>();

const TEXT = {
  "Content-Type": "text/plain; charset=utf-8",
  "X-Content-Type-Options": "nosniff",
} as const;

export async function GET(_req: Request, ctx: { params: Promise<{ file: string }> }) {
  let file: string;
  try {
    ({ file } = await ctx.params);
  } catch {
    // proxy.ts answers malformed escapes first; this is the fallback if Next decodes here.
    return new Response("malformed file name\n", { status: 400, headers: TEXT });
  }
  const entry = FILES.get(file);
  if (!entry) {
    // Echo a short prefix only: the name is whatever the client sent.
    return new Response(`unknown file ${JSON.stringify(capForEcho(file))}\n`, {
      status: 404,
      headers: TEXT,
    });
  }
  const [path, type] = entry;
  let body = cache.get(file);
  if (!body) {
    body = new Uint8Array(await readFile(path));
    cache.set(file, body);
  }
  return new Response(body as BodyInit, {
    headers: {
      "Content-Type": type,
      "Cache-Control": "public, max-age=86400",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}

/** Read-only: every other method gets 405 (proxy.ts answers those outside Next's list). */
function methodNotAllowed(): Response {
  return new Response("method not allowed\n", {
    status: 405,
    headers: { ...TEXT, Allow: READ_METHODS.join(", ") },
  });
}
export const POST = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;
