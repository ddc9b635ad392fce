/**
 * Taking a built model away: tfjs artifacts (model.json + weights.bin), the Keras JSON
 * config, and code that recreates the same configuration in Keras or PyTorch for training.
 */
import * as tf from "@tensorflow/tfjs";

export interface TfjsArtifacts {
  /** model.json text (topology + weights manifest pointing at weights.bin). */
  readonly modelJson: string;
  readonly weightsBin: ArrayBuffer;
  readonly weightsFile: string;
}

/** Serialises a model in the tfjs LayersModel format; load with tf.loadLayersModel. */
export async function exportTfjs(
  model: tf.LayersModel,
  weightsFile = "weights.bin",
): Promise<TfjsArtifacts> {
  let out: TfjsArtifacts | null = null;
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
        // Class names and the like (model.setUserDefinedMetadata), as tfjs's own handlers keep them.
        ...(a.userDefinedMetadata ? { userDefinedMetadata: a.userDefinedMetadata } : {}),
      };
      out = { modelJson: JSON.stringify(json), weightsBin: bin, weightsFile };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
    }),
  );
  if (!out) throw new Error("model.save did not produce artifacts");
  return out;
}

/** The Keras model config (class_name / config / keras_version), pretty-printed. */
export function kerasConfigJson(model: tf.LayersModel): string {
  const cfg = model.toJSON(null, false);
  return JSON.stringify(cfg, null, 2);
}

// Code snippets live in snippets.ts (no tfjs import, for the page).
export * from "./snippets";
