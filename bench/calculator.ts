/**
 * How long one full analysis takes (parse -> scale -> network spec -> per-layer costs ->
 * stages and totals), median of many runs after warm-up. Goal: under 1 ms for B7, so the
 * explorer can recompute on every slider input event. Prints figures; asserts nothing.
 *
 *   npm run bench
 */
import os from "node:os";
import { calculate } from "../lib/calculator";
import { parseRequest, type RawRequest } from "../lib/scaling/request";
import { solveBudget } from "../lib/scaling/invert";

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i] ?? NaN;
}

function time(label: string, raw: RawRequest, runs = 2000): void {
  const req = parseRequest(raw);
  let layers = 0;
  for (let i = 0; i < 200; i++) layers = calculate(req).totals.layerCount; // warm-up (JIT)
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    calculate(req);
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(28)} layers ${String(layers).padStart(5)}   median ${quantile(t, 0.5).toFixed(3)} ms   p90 ${quantile(t, 0.9).toFixed(3)} ms   max ${quantile(t, 1).toFixed(3)} ms   (${runs} runs)`,
  );
}

console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} x${os.cpus().length}`);
time("EfficientNet-B0 (preset b0)", { preset: "b0" });
time("EfficientNet-B7 (preset b7)", { preset: "b7" });
time("EfficientNet-L2 (preset l2)", { preset: "l2" }, 500);
time("ResNet-50 phi=6", { model: "resnet50", phi: 6 }, 1000);

const s = performance.now();
const sol = solveBudget("efficientnet", "compound", 8e9);
console.log(
  `solveBudget(B0, compound, 8e9 MACs)   ${(performance.now() - s).toFixed(1)} ms  -> phi ${sol.coefficient.toFixed(4)}, ${sol.macs} MACs`,
);
