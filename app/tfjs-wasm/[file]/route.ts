import { readFile } from "node:fs/promises";
import { join } from "node:path";

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

export async function GET(_req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  const entry = FILES.get(file);
  if (!entry) {
    return new Response(`unknown file ${JSON.stringify(file)}`, { status: 404 });
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
