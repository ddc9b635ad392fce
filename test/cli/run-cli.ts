import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");

/** Runs the real CLI entry point (as `npm run -s scale` does) and captures its output. */
export function scale(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/scale.ts", ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
