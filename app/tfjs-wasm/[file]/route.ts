import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Serves tfjs-backend-wasm's binaries from node_modules at /tfjs-wasm/<file>, so they
 * exist after a fresh `npm ci && next build` with no copy step and always match the
 * installed tfjs version. Same origin, so cross-origin isolation (COEP) is satisfied.
 */
const FILES = new Set([
  "tfjs-backend-wasm.wasm",
  "tfjs-backend-wasm-simd.wasm",
  "tfjs-backend-wasm-threaded-simd.wasm",
]);

const DIR = join(process.cwd(), "node_modules", "@tensorflow", "tfjs-backend-wasm", "dist");

const cache = new Map<string, Uint8Array>();

export async function GET(_req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  if (!FILES.has(file)) {
    return new Response(`unknown file ${JSON.stringify(file)}`, { status: 404 });
  }
  let body = cache.get(file);
  if (!body) {
    body = new Uint8Array(await readFile(join(DIR, file)));
    cache.set(file, body);
  }
  return new Response(body as BodyInit, {
    headers: {
      "Content-Type": "application/wasm",
      "Cache-Control": "public, max-age=86400",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
