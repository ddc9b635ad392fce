import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "./lib/tfjs/backends";
import { buildModel, layerOutShape } from "./lib/tfjs/builder";
import { calculate } from "./lib/calculator";
import { parseRequest } from "./lib/scaling/request";
async function main() {
  const c = await selectBackend({ prefer: (process.argv[3] as "wasm") ?? "wasm" });
  console.log(c.backend, c.detail, c.checks);
  const calc = calculate(parseRequest(JSON.parse(process.argv[2] ?? '{"preset":"b0"}')));
  const n0 = tf.memory().numTensors;
  const { model, buildMs } = await buildModel(calc.spec);
  console.log("build ms", buildMs.toFixed(0), model.countParams(), calc.totals.totalParams);
  let bad = 0;
  for (const l of calc.spec.layers) {
    const s = layerOutShape(model, l.name);
    if (JSON.stringify(s) !== JSON.stringify(l.outShape)) { bad++; if (bad < 5) console.log(l.name, s, l.outShape); }
  }
  console.log("bad shapes", bad);
  const x = tf.randomNormal([1, calc.spec.resolution, calc.spec.resolution, 3]);
  for (let i = 0; i < 4; i++) { const t = performance.now(); const y = model.predict(x) as tf.Tensor; await y.data(); y.dispose(); console.log("pred", (performance.now() - t).toFixed(1)); }
  x.dispose();
  model.dispose();
  console.log("tensors", n0, tf.memory().numTensors);
}
main();
