import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "./lib/tfjs/backends";
import { buildModel } from "./lib/tfjs/builder";
import { fuseModel } from "./lib/tfjs/fold-bn";
import { calculate } from "./lib/calculator";
import { parseRequest } from "./lib/scaling/request";
async function main() {
  await selectBackend({ prefer: "wasm" });
  const calc = calculate(parseRequest(JSON.parse(process.argv[2] ?? '{"preset":"b0"}')));
  const { model } = await buildModel(calc.spec);
  const f = fuseModel(calc.spec, model);
  console.log("steps", f.stepCount, calc.spec.layers.length);
  const x = tf.randomNormal([1, calc.spec.resolution, calc.spec.resolution, 3]) as tf.Tensor4D;
  const a = model.predict(x) as tf.Tensor; const b = f.predict(x);
  console.log("max prob", tf.max(a).dataSync()[0], tf.min(a).dataSync()[0]);
  console.log("maxdiff", tf.max(tf.abs(tf.sub(a, b))).dataSync()[0], a.shape, b.shape);
  for (let i = 0; i < 6; i++) {
    let t = performance.now(); const y = model.predict(x) as tf.Tensor; await y.data(); y.dispose(); const k = performance.now() - t;
    t = performance.now(); const z = f.predict(x); await z.data(); z.dispose(); console.log("keras", k.toFixed(1), "fused", (performance.now() - t).toFixed(1));
  }
}
main();
