import * as ort from "onnxruntime-web";
async function main() {
  ort.env.wasm.numThreads = 1;
  const s = await ort.InferenceSession.create("../shared/models/onnx/" + process.argv[2]);
  console.log(s.inputNames, s.outputNames);
  const x = new ort.Tensor("float32", new Float32Array(3 * 224 * 224).map(() => Math.random()), [1, 3, 224, 224]);
  for (let i = 0; i < 5; i++) { const t = performance.now(); const r = await s.run({ input: x }); console.log((performance.now() - t).toFixed(1)); }
}
main();
