/**
 * The built app (`next start`) for the benchmarks that drive its pages: reuses a server
 * already listening on `port`, else starts one from the current build (NEXT_DIST_DIR
 * applies) and returns it, for the caller to stop.
 */
import { spawn, type ChildProcess } from "node:child_process";

async function up(base: string, path: string): Promise<boolean> {
  try {
    return (await fetch(`${base}${path}`, { method: "HEAD" })).ok;
  } catch {
    return false;
  }
}

export async function ensureAppServer(port: number, path: string): Promise<ChildProcess | null> {
  const base = `http://localhost:${port}`;
  if (await up(base, path)) return null;
  const child = spawn("npx", ["next", "start", "-p", String(port)], {
    stdio: "ignore",
    env: process.env,
  });
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 500));
    if (await up(base, path)) return child;
  }
  child.kill();
  throw new Error(
    `next start did not come up on port ${port} (build first with NEXT_DIST_DIR set)`,
  );
}

/** In-page monitor of the main thread (window.__frames): longest gap between animation
 * frames, and long tasks (count, total and longest duration). */
export const FRAME_MONITOR = `
  window.__frames = { maxGap: 0, last: 0, longTasks: 0, longTaskMs: 0, maxLongTask: 0 };
  const tick = (t) => { const f = window.__frames; if (f.last) f.maxGap = Math.max(f.maxGap, t - f.last); f.last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) { const f = window.__frames; f.longTasks++; f.longTaskMs += e.duration; f.maxLongTask = Math.max(f.maxLongTask, e.duration); } }).observe({ type: "longtask", buffered: true }); } catch {}
`;

/**
 * In-page record of the longest animation frames (window.__loaf; Chromium's Long Animation
 * Frames API): for each, its duration, how much of it was rendering (style, layout, paint)
 * and the scripts that ran in it with what invoked them (a worker's message, an IndexedDB
 * callback, a React task). The 12 longest are kept; reset by emptying the array.
 */
export const LOAF_MONITOR = `
  window.__loaf = [];
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) {
    const end = e.startTime + e.duration;
    window.__loaf.push({
      at: Math.round(e.startTime), ms: Math.round(e.duration),
      renderMs: e.renderStart ? Math.round(end - e.renderStart) : 0,
      layoutMs: e.styleAndLayoutStart ? Math.round(end - e.styleAndLayoutStart) : 0,
      scripts: e.scripts.map((s) => ({ invoker: s.invoker, ms: Math.round(s.duration),
        layoutMs: Math.round(s.forcedStyleAndLayoutDuration),
        src: (s.sourceURL || "").split("/").pop() + (s.sourceFunctionName ? " " + s.sourceFunctionName : "") })),
    });
    window.__loaf.sort((a, b) => b.ms - a.ms); window.__loaf.length = Math.min(window.__loaf.length, 12);
  } }).observe({ type: "long-animation-frame", buffered: true }); } catch {}
`;
