import { calculate } from "./lib/calculator";
import { parseRequest } from "./lib/scaling/request";
for (const r of [{preset:"b0"},{preset:"b7"},{preset:"l2"},{model:"resnet50"}, {model: "efficientnet", width: 4, depth: 4, resolution: 1024}]) {
  const c = calculate(parseRequest(r));
  const t = c.totals;
  let maxW = 0; for (const l of c.layers) maxW = Math.max(maxW, l.trainableParams);
  console.log(JSON.stringify(r), t.totalParams, (t.weightBytes.fp32/1e6).toFixed(0)+"MB", (t.peakActivationBytes/1e6).toFixed(0)+"MB", t.peakActivationLayer, (maxW*4/1e6).toFixed(1), t.layerCount, (t.macs/1e9).toFixed(2));
}
