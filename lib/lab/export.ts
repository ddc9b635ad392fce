/**
 * tfjs model files (model.json + weights.bin) with the model's user-defined metadata (class
 * names), which lib/tfjs/export.ts leaves out. In Node this is how `--save` writes models
 * without tfjs-node: the artifacts come from a custom save handler and are written by the CLI.
 */
import * as tf from "@tensorflow/tfjs";

export interface ModelFiles {
  readonly modelJson: string;
  readonly weightsBin: ArrayBuffer;
}

export async function exportWithMetadata(
  model: tf.LayersModel,
  weightsFile = "weights.bin",
): Promise<ModelFiles> {
  let out: ModelFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a: tf.io.ModelArtifacts) => {
      const data = a.weightData;
      const bin =
        data === undefined
          ? new ArrayBuffer(0)
          : Array.isArray(data)
            ? tf.io.concatenateArrayBuffers(data)
            : data;
      const json = {
        format: "layers-model",
        generatedBy: a.generatedBy,
        convertedBy: a.convertedBy ?? null,
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: [weightsFile], weights: a.weightSpecs ?? [] }],
        ...(a.userDefinedMetadata ? { userDefinedMetadata: a.userDefinedMetadata } : {}),
      };
      out = { modelJson: JSON.stringify(json), weightsBin: bin };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
    }),
  );
  if (!out) throw new Error("model.save did not produce artifacts");
  return out;
}
