/**
 * What maps that ignore the image score in the Lab's CAM scores, per map size: a uniformly
 * random cell (the chance level the Lab reports), each fixed cell, the best fixed cell, and a
 * fixed centre-weighted map's energy inside the boxes. Objects sit near the middle more often
 * than not, so on 3 x 3 and larger maps a map that always peaks at the centre beats a random
 * cell by far: read the networks' scores against the best fixed cell too.
 *
 *   npm run -s lab:cam-baselines -- [--seed S] [--images N] [resolution:grid ...]
 *   (default: seed 1, 64 test images, 48:2 59:2 64:2 65:3 68:3 80:3 97:4)
 */
import { chanceScores, fixedMapScores } from "../lib/lab/cam-map";
import { proceduralSource } from "../lib/lab/data-source";
import { DEFAULT_EXPERIMENT } from "../lib/lab/experiment";

function fail(m: string): never {
  process.stderr.write(`lab:cam-baselines: ${m}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  let seed = 1;
  let images = 64;
  const sizes: [number, number][] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--seed" || a === "--images") {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < (a === "--seed" ? 0 : 1))
        fail(`${a}: expected a whole number`);
      if (a === "--seed") seed = v;
      else images = v;
    } else if (/^\d+:\d+$/.test(a)) {
      const [r, g] = a.split(":").map(Number) as [number, number];
      if (r < 8 || g < 1 || g > r) fail(`${a}: expected resolution:grid, e.g. 65:3`);
      sizes.push([r, g]);
    } else fail(`unknown argument ${JSON.stringify(a)}`);
  }
  if (!sizes.length) sizes.push([48, 2], [59, 2], [64, 2], [65, 3], [68, 3], [80, 3], [97, 4]);
  const src = proceduralSource({ ...DEFAULT_EXPERIMENT, seed, testImages: images });
  process.stdout.write(
    `dataset seed ${seed}, first ${images} test images\nres  map  random cell  best fixed cell  centre-weighted energy  flat energy  per cell (row order)\n`,
  );
  for (const [r, g] of sizes) {
    const test = (await src.splits(r)).test;
    const n = Math.min(images, test.count);
    const boxes = Array.from({ length: n }, (_, i) => {
      const b = test.boxes?.[i];
      if (!b) fail("the test images have no boxes");
      return b;
    });
    let random = 0;
    let flat = 0;
    for (const b of boxes) {
      const c = chanceScores(g, g, r, b);
      random += c.pointing;
      flat += c.energy;
    }
    const f = fixedMapScores(g, g, r, boxes);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    process.stdout.write(
      `${String(r).padEnd(4)} ${`${g}x${g}`.padEnd(4)} ${pct(random / n).padEnd(12)} ${pct(f.bestCell).padEnd(16)} ${pct(f.centreEnergy).padEnd(23)} ${pct(flat / n).padEnd(12)} ${f.perCell.map(pct).join(" ")}\n`,
    );
  }
}

void main(process.argv.slice(2));
