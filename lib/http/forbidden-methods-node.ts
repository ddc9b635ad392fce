/**
 * Node side of instrumentation.ts: wraps http.Server's "request" event so that TRACE, TRACK
 * and CONNECT get a plain 405 with the usual security headers, and nothing else changes.
 */
import http from "node:http";

import { ASSET_CSP, COMMON_SECURITY_HEADERS } from "./security-headers";

/** Methods `new Request()` refuses (Fetch standard: forbidden methods). */
export const FORBIDDEN_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

const GUARD = Symbol.for("scaling-explorer.forbidden-method-guard");

export function installForbiddenMethodGuard(): void {
  const proto = http.Server.prototype as http.Server & { [GUARD]?: boolean };
  if (proto[GUARD]) return;
  proto[GUARD] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (FORBIDDEN_METHODS.has((req.method ?? "").toUpperCase())) {
        res.writeHead(405, {
          "Content-Type": "text/plain; charset=utf-8",
          Allow: "GET, HEAD",
          "Content-Security-Policy": ASSET_CSP,
          ...Object.fromEntries(COMMON_SECURITY_HEADERS),
          // As next.config.js sends on every other response.
          "Cross-Origin-Opener-Policy": "same-origin",
          "Cross-Origin-Embedder-Policy": "require-corp",
        });
        res.end("method not allowed\n");
        return true;
      }
    }
    return (emit as (e: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}
