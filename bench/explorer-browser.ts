/**
 * Explorer (/) in headless Chromium against the BUILT app. Prints figures; asserts nothing.
 *
 *  1. First-load JS: every script the page loads on first navigation (up to the load event),
 *     gzipped here (level 9) and summed. Goal <= 200 KB gzip, and no tfjs among them.
 *     Scripts fetched after load (the lazily loaded chart library) are listed separately.
 *  2. Slider drag: a real mouse drag of the phi slider (trusted mouse events sent with CDP
 *     Input.dispatchMouseEvent, one 60 Hz interval between moves) across B5..B8-sized networks, three times (median reported); main-thread CPU time (CDP
 *     Performance.ThreadTime; busy time TaskDuration alongside) divided by the input events
 *     it produced. Goal < 16 ms. Peer in the same run: the same drag across small networks
 *     (phi -2..1). Sections off screen only catch up when the drag pauses, so the figure
 *     depends on what is in view: a third run scrolls the charts into view (the sticky
 *     controls stay on screen) and drags again.
 *
 *   NEXT_DIST_DIR=.next-explorer npx next build   # first
 *   NEXT_DIST_DIR=.next-explorer npm run -s bench:explorer
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { gzipSync } from "node:zlib";

import { chromium, type CDPSession, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser/chromium";

const PORT = Number(process.env.BENCH_PORT || 3114);
const BASE = `http://localhost:${PORT}`;

async function startServer(): Promise<ChildProcess> {
  const child = spawn("npx", ["next", "start", "-p", String(PORT)], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true, // own process group, so the next-server child is stopped with it
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (let i = 0; i < 120; i++) {
    try {
      const r = await fetch(BASE);
      if (r.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  stopServer(child);
  throw new Error(`next start did not answer on ${BASE} within 60 s (built with NEXT_DIST_DIR?)`);
}

function stopServer(child: ChildProcess): void {
  if (child.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

async function firstLoadJs(page: Page): Promise<void> {
  const scripts: { url: string; phase: "initial" | "after load"; body: Promise<Buffer | null> }[] =
    [];
  let loaded = false;
  page.on("response", (r) => {
    if (r.request().resourceType() !== "script") return;
    scripts.push({
      url: r.url(),
      phase: loaded ? "after load" : "initial",
      body: r.body().catch(() => null),
    });
  });
  await page.goto(`${BASE}/`, { waitUntil: "load" });
  loaded = true;
  // Let lazy chunks (charts) arrive, so they can be reported separately.
  await page
    .getByTestId("chart-flops")
    .locator(".recharts-scatter-symbol")
    .first()
    .waitFor({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");

  const rows: {
    file: string;
    phase: string;
    raw: number;
    gz: number;
    tfjs: boolean;
    charts: boolean;
  }[] = [];
  for (const s of scripts) {
    const body = await s.body;
    if (!body) continue;
    const text = body.toString("utf8");
    rows.push({
      file: new URL(s.url).pathname.split("/").pop() ?? s.url,
      phase: s.phase,
      raw: body.length,
      gz: gzipSync(body, { level: 9 }).length,
      // tfjs-core's kernel registry and version banner appear in any bundle that has it.
      tfjs: /@tensorflow|tfjs/.test(text),
      charts: /recharts/.test(text),
    });
  }
  rows.sort((a, b) => (a.phase === b.phase ? b.gz - a.gz : a.phase === "initial" ? -1 : 1));
  console.log("\n1. Scripts loaded by / (gzip level 9)");
  for (const r of rows) {
    console.log(
      `   ${r.phase.padEnd(10)} ${r.file.padEnd(28)} raw ${kb(r.raw).padStart(9)}  gzip ${kb(r.gz).padStart(8)}${r.tfjs ? "  tfjs" : ""}${r.charts ? "  recharts" : ""}`,
    );
  }
  const initial = rows.filter((r) => r.phase === "initial");
  const gz = initial.reduce((a, r) => a + r.gz, 0);
  const later = rows.filter((r) => r.phase !== "initial");
  const lazy = later.filter((r) => r.charts).reduce((a, r) => a + r.gz, 0);
  const prefetched = later.filter((r) => !r.charts).reduce((a, r) => a + r.gz, 0);
  console.log(
    `   first-load JS: ${initial.length} files, ${kb(gz)} gzip (goal <= 200 KB: ${gz <= 200 * 1024 ? "met" : "NOT met"}); ` +
      `tfjs in first load: ${initial.some((r) => r.tfjs) ? "YES" : "no"}; after load: charts ${kb(lazy)} gzip, ` +
      `other routes prefetched by the nav links ${kb(prefetched)} gzip`,
  );
}

interface DragResult {
  events: number;
  busyMs: number;
  perEventMs: number;
  /** Main-thread CPU time per event (robust to other processes competing for the cores). */
  cpuPerEventMs: number;
  /** Per event: script, style recalc and layout time (wall). */
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  /** Per event: the rest of the CPU time (paint, pre-paint, compositing commit, GC, ...). */
  otherMs: number;
  /** Per event: the bench's own CDP commands on the main thread (included in the figures above). */
  devtoolsMs: number;
  longFrames: number;
  maxFrameMs: number;
}

const METRICS = [
  "TaskDuration",
  "ThreadTime",
  "ScriptDuration",
  "RecalcStyleDuration",
  "LayoutDuration",
  "DevToolsCommandDuration",
] as const;
type Metrics = Record<(typeof METRICS)[number], number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: all } = (await cdp.send("Performance.getMetrics")) as {
    metrics: { name: string; value: number }[];
  };
  const out = {} as Metrics;
  for (const k of METRICS) out[k] = all.find((m) => m.name === k)?.value ?? 0;
  return out;
}

/** Drags the phi slider from `from` to `to` and back, `steps` mouse moves each way. */
async function drag(
  page: Page,
  cdp: CDPSession,
  from: number,
  to: number,
  steps: number,
): Promise<DragResult> {
  const slider = page.getByTestId("slider-phi");
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error("phi slider not visible");
  const min = Number(await slider.getAttribute("min"));
  const max = Number(await slider.getAttribute("max"));
  const thumb = 8; // half the thumb width: the value maps to [left + thumb, right - thumb]
  const xOf = (v: number): number =>
    box.x + thumb + ((v - min) / (max - min)) * (box.width - 2 * thumb);
  const y = box.y + box.height / 2;

  await page.evaluate(() => {
    const w = window as unknown as { __inputs: number; __frames: number[]; __counting?: true };
    w.__inputs = 0;
    w.__frames = [];
    // Once per page: a second listener (warm-up, then measured drag) would count every event twice.
    if (w.__counting) return;
    w.__counting = true;
    document.addEventListener("input", () => w.__inputs++, true);
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__frames.push(e.duration);
    }).observe({ type: "long-animation-frame", buffered: false });
  });
  // Trusted mouse input straight through CDP (Input.dispatchMouseEvent), as a user's
  // pointer arrives. Playwright's page.mouse, with a button held, also runs its drag-and-drop
  // detection in the page around every move (script evaluation, listeners, a timer): work a
  // user's browser never does. Here that was 3.5 ms of DevTools commands per event (which
  // the figures subtract anyway) and about 1 ms more of page work (which they could not).
  const mouse = (type: "mousePressed" | "mouseMoved" | "mouseReleased", x: number) =>
    cdp.send("Input.dispatchMouseEvent", {
      type,
      x,
      y,
      button: "left",
      buttons: type === "mouseReleased" ? 0 : 1,
      clickCount: type === "mouseMoved" ? 0 : 1,
    });
  await mouse("mouseMoved", xOf(from));
  await mouse("mousePressed", xOf(from));
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  const before = await metrics(cdp);
  const before0 = await page.evaluate(() => (window as unknown as { __inputs: number }).__inputs);
  for (const [a, b] of [
    [from, to],
    [to, from],
  ] as const) {
    for (let i = 1; i <= steps; i++) {
      // dispatchMouseEvent resolves once the renderer has taken the event; then wait a 60 Hz
      // pointer interval on this side. (Waiting for a frame with page.evaluate would run
      // DevTools commands on the main thread being measured: ~6 ms per move here.)
      await mouse("mouseMoved", xOf(a + ((b - a) * i) / steps));
      await new Promise((r) => setTimeout(r, 16));
    }
  }
  await mouse("mouseReleased", xOf(from));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  const after = await metrics(cdp);
  const { inputs, frames } = await page.evaluate(() => {
    const w = window as unknown as { __inputs: number; __frames: number[] };
    return { inputs: w.__inputs, frames: w.__frames };
  });
  const events = inputs - before0;
  const per = (k: keyof Metrics): number => ((after[k] - before[k]) * 1000) / Math.max(1, events);
  const busyMs = (after.TaskDuration - before.TaskDuration) * 1000;
  return {
    events,
    busyMs,
    perEventMs: per("TaskDuration"),
    cpuPerEventMs: per("ThreadTime"),
    scriptMs: per("ScriptDuration"),
    styleMs: per("RecalcStyleDuration"),
    layoutMs: per("LayoutDuration"),
    otherMs: Math.max(
      0,
      per("ThreadTime") -
        per("ScriptDuration") -
        per("RecalcStyleDuration") -
        per("LayoutDuration"),
    ),
    devtoolsMs: per("DevToolsCommandDuration"),
    longFrames: frames.length,
    maxFrameMs: frames.length ? Math.max(...frames) : 0,
  };
}

async function main(): Promise<void> {
  console.log(
    `explorer browser bench: node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} x${os.cpus().length}, dist ${process.env.NEXT_DIST_DIR || ".next"}`,
  );
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    console.log(`chromium ${browser.version()}`);
    {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await firstLoadJs(await ctx.newPage());
      await ctx.close();
    }

    console.log("\n2. Main-thread time per phi slider input event (mouse drag, 1280x900)");
    const runs: [string, string, number, number, boolean][] = [
      ["small nets (phi -2..1, ~B0 and below)", "/?model=efficientnet&phi=-2", -2, 1, false],
      ["B7-sized nets (phi 5..8, B5..B8 scale)", "/?model=efficientnet&phi=5", 5, 8, false],
      ["B7-sized nets, scrolled to the charts", "/?model=efficientnet&phi=5", 5, 8, true],
    ];
    const results: DragResult[] = [];
    for (const [label, url, from, to, charts] of runs) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(`${BASE}${url}`);
      await page.getByTestId("chart-flops").locator(".recharts-scatter-symbol").first().waitFor();
      if (charts) {
        // Bring the charts' top edge as far up the viewport as the sticky controls allow
        // (the phi slider must stay on screen).
        let inView = false;
        for (const y of [400, 500, 600, 700, 800]) {
          await page.evaluate((y) => {
            window.scrollTo(0, 0);
            const top = document.querySelector("#charts-h")?.getBoundingClientRect().top ?? 0;
            window.scrollTo(0, top - y);
          }, y);
          const box = await page.getByTestId("slider-phi").boundingBox();
          // Below the sticky site header (56 px).
          if (box && box.y >= 80 && box.y + box.height <= 900) {
            inView = true;
            break;
          }
        }
        if (!inView) throw new Error("cannot show the charts with the phi slider in view");
      }
      const cdp = await ctx.newCDPSession(page);
      await cdp.send("Performance.enable");
      // Warm-up drag (JIT, lazy chunks), then three measured ones; the median of the three
      // (by the page's own CPU per event) is reported, the spread alongside.
      await drag(page, cdp, from, to, 10);
      const tries: DragResult[] = [];
      for (let k = 0; k < 3; k++) tries.push(await drag(page, cdp, from, to, 60));
      tries.sort((a, b) => a.cpuPerEventMs - a.devtoolsMs - (b.cpuPerEventMs - b.devtoolsMs));
      const r = tries[1]!;
      const spread = tries.map((t) => (t.cpuPerEventMs - t.devtoolsMs).toFixed(2)).join(", ");
      results.push(r);
      const layers = await page.evaluate(
        () => document.querySelector("#layers-h")?.textContent ?? "",
      );
      console.log(
        `   ${label}  [${layers.trim()} at the far end; own CPU per event in the three drags: ${spread} ms]\n` +
          `      ${r.events} input events: main-thread busy ${r.perEventMs.toFixed(2)} ms/event, CPU ${r.cpuPerEventMs.toFixed(2)} ms/event ` +
          `(script ${r.scriptMs.toFixed(2)}, style ${r.styleMs.toFixed(2)}, layout ${r.layoutMs.toFixed(2)}, ` +
          `other: paint, compositing, GC... ${r.otherMs.toFixed(2)}; of which the bench's own CDP commands ${r.devtoolsMs.toFixed(2)}); ` +
          `long animation frames > 50 ms: ${r.longFrames}${r.longFrames ? ` (max ${r.maxFrameMs.toFixed(0)} ms)` : ""}`,
      );
      await ctx.close();
    }
    // Peer in the same browser: a bare page with one range input and one text node updated
    // on input. What any slider page pays per event on this machine (input, frame, paint).
    const floor = await (async (): Promise<DragResult> => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      // about:blank, not the app's origin: the app's client code must not run here.
      await page.setContent(
        '<body style="font:14px sans-serif;padding:40px"><input type="range" data-testid="slider-phi" min="-3" max="8" step="0.01" value="5" style="width:300px"> <span id="o">5</span></body>',
      );
      await page.evaluate(() => {
        const o = document.getElementById("o");
        document.querySelector("input")?.addEventListener("input", (e) => {
          if (o) o.textContent = (e.target as HTMLInputElement).value;
        });
      });
      const cdp = await ctx.newCDPSession(page);
      await cdp.send("Performance.enable");
      await drag(page, cdp, 5, 8, 10);
      const r = await drag(page, cdp, 5, 8, 60);
      await ctx.close();
      return r;
    })();
    console.log(
      `   bare page (one range input, one text; the browser's floor here)\n` +
        `      ${floor.events} input events: CPU ${(floor.cpuPerEventMs - floor.devtoolsMs).toFixed(2)} ms/event without the bench's DevTools commands (${floor.cpuPerEventMs.toFixed(2)} with them)`,
    );
    const [small, big, inView] = results as [DragResult, DragResult, DragResult];
    // The page's own cost: main-thread CPU less the bench's DevTools commands (metrics and
    // evaluate calls a real user's browser does not run).
    const own = (r: DragResult): number => r.cpuPerEventMs - r.devtoolsMs;
    console.log(
      `   B7-sized / small ratio: x${(own(big) / own(small)).toFixed(2)} (CPU); ` +
        `goal < 16 ms per event on B7-sized nets: ${own(big) < 16 ? "met" : "NOT met"} ` +
        `(CPU ${own(big).toFixed(2)} ms without the bench's DevTools commands, ${big.cpuPerEventMs.toFixed(2)} ms with them; busy ${big.perEventMs.toFixed(2)} ms; ` +
        `${own(inView).toFixed(2)} ms CPU with the charts in view)`,
    );
    console.log(
      `   load average during the run: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} on ${os.cpus().length} cores`,
    );
  } finally {
    await browser.close();
    stopServer(server);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
