/**
 * Grid search over ~10^5 alpha/beta/gamma triples (the paper's step 1 at a fine step).
 * Prints wall times and the ratio against the naive peer measured in the same run: building
 * every feasible triple's phi = 1 network outright with `macsOf` (timed on a sample and
 * scaled to the feasible count). Also the longest single chunk of the incremental API at the
 * worker's chunk size, which bounds how long a cancel can wait.
 *
 *   npx tsx bench/grid.ts [model]
 */
import { MODEL_IDS, type ModelId } from "../lib/arch/types";
import { compoundCoefficients } from "../lib/scaling/compound";
import { GridSearch, parseGridSpec, runGrid, type GridSpec } from "../lib/scaling/grid";
import { macsOf } from "../lib/scaling/invert";

const model = (process.argv[2] ?? "efficientnet") as ModelId;
if (!MODEL_IDS.includes(model)) {
  process.stderr.write(`bench/grid: unknown model ${model}; allowed: ${MODEL_IDS.join(", ")}\n`);
  process.exit(2);
}

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
}

function bench(label: string, spec: GridSpec): void {
  runGrid(
    parseGridSpec({
      model,
      alpha: "1:1.2:0.1",
      beta: "1:1.2:0.1",
      gamma: "1:1.2:0.1",
      tolerance: 10,
    }),
  ); // warm-up
  const [g, ms] = time(() => runGrid(spec));
  // Naive peer: one full network build per feasible triple, on an evenly spaced sample.
  const n = Math.min(300, g.rows.length);
  const sample = Array.from({ length: n }, (_, i) => g.rows[Math.floor((i * g.rows.length) / n)]!);
  const [, sampleMs] = time(() => {
    for (const r of sample) {
      const k = compoundCoefficients(model, 1, r.alpha, r.beta, r.gamma);
      macsOf(model, k.width, k.depth, k.resolution);
    }
  });
  const naiveMs = (sampleMs / n) * g.rows.length;
  // Incremental: longest chunk at the worker's starting chunk size.
  const s = new GridSearch(spec);
  let worst = 0;
  let chunks = 0;
  while (!s.finished) {
    const [, dt] = time(() => s.next(2000));
    worst = Math.max(worst, dt);
    chunks++;
  }
  console.log(
    `${label}: ${g.total.toLocaleString("en-US")} triples, ${g.feasible.toLocaleString("en-US")} feasible, ` +
      `${g.networks.toLocaleString("en-US")} distinct networks, ${g.builds} built\n` +
      `  grid search            ${ms.toFixed(0)} ms  (${((ms * 1000) / g.total).toFixed(2)} us/triple)\n` +
      `  naive (macsOf/triple)  ${naiveMs.toFixed(0)} ms  (extrapolated from ${n} builds, ${(sampleMs / n).toFixed(2)} ms each)\n` +
      `  speed-up               ${(naiveMs / ms).toFixed(1)}x\n` +
      `  incremental            ${chunks} chunks of 2000 triples, longest ${worst.toFixed(1)} ms`,
  );
}

const fine = { model, alpha: "1:2:0.0217", beta: "1:2:0.0217", gamma: "1:2:0.0217" };
console.log(`bench/grid  model=${model}  node ${process.version}`);
bench("tolerance 0.1 (the paper's setting)", parseGridSpec({ ...fine, tolerance: 0.1 }));
bench("tolerance 10 (every triple feasible)", parseGridSpec({ ...fine, tolerance: 10 }));
