// tfjs-backend-wasm ships no types for its pthread worker source (a CommonJS string export).
declare module "@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js" {
  export const wasmWorkerContents: string;
}
