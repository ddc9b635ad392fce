/**
 * Runs once when the Next server starts. Only job: answer methods the Fetch API forbids
 * (TRACE, TRACK, CONNECT) with 405 before Next sees them. Next builds a `Request` for every
 * request (for proxy.ts and route handlers) and `new Request(url, { method: "TRACE" })`
 * throws, so without this they end as "500 Internal Server Error" on every route.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installForbiddenMethodGuard } = await import("./lib/http/forbidden-methods-node");
  installForbiddenMethodGuard();
}
