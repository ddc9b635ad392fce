/**
 * A tiny static server for the browser benchmarks: COOP/COEP on every response (so the
 * page is cross-origin isolated and WASM may use threads), the bundled page, tfjs and
 * onnxruntime-web binaries from node_modules, ONNX models from ../shared/models/onnx.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".onnx": "application/octet-stream",
  ".map": "application/json",
};

/** url prefix -> directory */
export type Mounts = Readonly<Record<string, string>>;

export async function serve(mounts: Mounts, port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/");
    const prefix = Object.keys(mounts)
      .sort((a, b) => b.length - a.length)
      .find((p) => path.startsWith(p));
    const headers = {
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cross-Origin-Resource-Policy": "same-origin",
    };
    if (prefix === undefined) {
      res.writeHead(404, headers).end("not found");
      return;
    }
    const rel = normalize(path.slice(prefix.length) || "index.html");
    if (rel.startsWith("..")) {
      res.writeHead(403, headers).end("forbidden");
      return;
    }
    readFile(join(mounts[prefix]!, rel)).then(
      (body) =>
        res
          .writeHead(200, {
            ...headers,
            "Content-Type": TYPES[extname(rel)] ?? "application/octet-stream",
          })
          .end(body),
      () => res.writeHead(404, headers).end("not found"),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const addr = server.address();
  const p = typeof addr === "object" && addr ? addr.port : port;
  return { server, url: `http://127.0.0.1:${p}` };
}
