/**
 * A browser benchmark page in a temp folder: the entry bundled with esbuild, an index.html
 * that loads it, and the tfjs-wasm binaries under tfjs-wasm/ (the files
 * app/tfjs-wasm/[file]/route.ts serves; with `threaded`, also the unbundled threaded factory
 * its pthread workers load, lib/tfjs/wasm-threads.ts).
 */
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";

import { build } from "esbuild";

const ROOT = process.cwd();

export async function bundleBenchPage(
  entry: string,
  prefix: string,
  opts: { threaded?: boolean } = {},
): Promise<string> {
  const dir = await mkdtemp(join(os.tmpdir(), prefix));
  await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outfile: join(dir, "bench.js"),
    logLevel: "error",
    // tfjs-backend-wasm's browser field maps Node built-ins away.
    mainFields: ["browser", "module", "main"],
    define: { "process.env.NODE_ENV": '"production"' },
  });
  await writeFile(
    join(dir, "index.html"),
    '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/bench.js"></script>',
  );
  const wasmDir = join(dir, "tfjs-wasm");
  await mkdir(wasmDir);
  const pkg = join(ROOT, "node_modules/@tensorflow/tfjs-backend-wasm");
  const files = ["dist/tfjs-backend-wasm.wasm", "dist/tfjs-backend-wasm-simd.wasm"];
  if (opts.threaded) {
    files.push(
      "dist/tfjs-backend-wasm-threaded-simd.wasm",
      "wasm-out/tfjs-backend-wasm-threaded-simd.js",
    );
  }
  for (const f of files) await symlink(join(pkg, f), join(wasmDir, f.slice(f.indexOf("/") + 1)));
  return dir;
}
