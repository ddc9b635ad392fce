/**
 * Generation speed of the Lab's procedural dataset. Prints wall and CPU time for `count`
 * images at each resolution, split into scene description, rasterising and hashing, with
 * two peers measured in the same run:
 *   - 4x4 supersampling: the same scenes rasterised at 4x the resolution and box-averaged
 *     down (the usual way to antialias), on a sample, scaled to `count`;
 *   - node:crypto's SHA-256 on the same bytes, against the pure-TS one the dataset uses.
 *
 *   npm run -s bench:lab-dataset -- [--count 2000] [--resolution 64] [--json]
 */
import { createHash } from "node:crypto";

import { datasetSha256, proceduralDataset, proceduralScene, renderScene } from "../lib/lab/dataset";
import type { Scene } from "../lib/lab/data/scene";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) {
    process.stderr.write(`bench:lab-dataset: --${name} must be a positive whole number\n`);
    process.exit(2);
  }
  return v;
}

const count = arg("count", 2000);
const only = process.argv.includes("--resolution") ? arg("resolution", 64) : null;
const json = process.argv.includes("--json");
const resolutions = only ? [only] : [32, 64, 128];

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function timed<T>(f: () => T): { value: T; ms: number; cpu: number } {
  const c = cpuMs();
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t, cpu: cpuMs() - c };
}

function supersampled(scenes: readonly Scene[], res: number): Float32Array {
  const k = 4;
  const big = new Float32Array(res * k * res * k * 3);
  const out = new Float32Array(scenes.length * res * res * 3);
  scenes.forEach((s, n) => {
    renderScene(s, res * k, big, 0);
    const o = n * res * res * 3;
    for (let y = 0; y < res; y++) {
      for (let x = 0; x < res; x++) {
        for (let c = 0; c < 3; c++) {
          let sum = 0;
          for (let dy = 0; dy < k; dy++) {
            for (let dx = 0; dx < k; dx++)
              sum += big[((y * k + dy) * res * k + x * k + dx) * 3 + c];
          }
          out[o + (y * res + x) * 3 + c] = sum / (k * k);
        }
      }
    }
  });
  return out;
}

proceduralDataset({ seed: 99, split: "val", count: 200, resolution: 48 }); // warm-up

const rows = resolutions.map((res) => {
  const total = timed(() => proceduralDataset({ seed: 1, split: "train", count, resolution: res }));
  const scenes = timed(() =>
    Array.from({ length: count }, (_, i) => proceduralScene(1, "train", i)),
  );
  const images = new Float32Array(count * res * res * 3);
  const raster = timed(() =>
    scenes.value.forEach((s, i) => renderScene(s, res, images, i * res * res * 3)),
  );
  const sha = timed(() => datasetSha256(images, total.value.labels));
  const bytes = Uint8Array.from(images, (v) => Math.round(v * 255));
  const node = timed(() => createHash("sha256").update(bytes).digest("hex"));
  const sample = Math.min(count, Math.max(20, Math.round(200 * (64 / res) ** 2)));
  const ss = timed(() => supersampled(scenes.value.slice(0, sample), res));
  const ssPerCount = (ss.ms / sample) * count;
  return {
    resolution: res,
    count,
    totalMs: total.ms,
    totalCpuMs: total.cpu,
    imagesPerSecond: (count / total.ms) * 1000,
    sceneMs: scenes.ms,
    rasterMs: raster.ms,
    shaMs: sha.ms,
    nodeShaMs: node.ms,
    supersampleMs: ssPerCount,
    supersampleOverAnalytic: ssPerCount / raster.ms,
    sha256: total.value.sha256,
  };
});

if (json) {
  process.stdout.write(JSON.stringify(rows) + "\n");
} else {
  for (const r of rows) {
    console.log(
      `${r.count} images at ${r.resolution} px: ${r.totalMs.toFixed(0)} ms wall, ${r.totalCpuMs.toFixed(0)} ms CPU (${r.imagesPerSecond.toFixed(0)} images/s)\n` +
        `  scene descriptions   ${r.sceneMs.toFixed(0)} ms\n` +
        `  rasterising          ${r.rasterMs.toFixed(0)} ms   (4x4 supersampling of the same scenes: ${r.supersampleMs.toFixed(0)} ms, ${r.supersampleOverAnalytic.toFixed(1)}x)\n` +
        `  SHA-256 (pure TS)    ${r.shaMs.toFixed(0)} ms   (node:crypto on the same bytes: ${r.nodeShaMs.toFixed(1)} ms)\n` +
        `  sha256 ${r.sha256}`,
    );
  }
}
