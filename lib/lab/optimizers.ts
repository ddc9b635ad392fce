/**
 * The recipe's optimizers, one entry per kind (lib/lab/optimizer-kinds.ts names them): each
 * makes the fastest correct updater for the current backend (a JavaScript loop per variable on
 * wasm / cpu, tfjs's optimizer on GPUs).
 */
import * as tf from "@tensorflow/tfjs";

import { makeUpdater } from "./adam";
import { FusedSgd, TfjsSgd } from "./sgd";
import { CPU_MEMORY, type UpdateRules, type Updater } from "./updater";

import type { OptimizerKind } from "./optimizer-kinds";

export interface UpdaterOptions extends UpdateRules {
  /** Momentum of "sgd" (Nesterov); Adam keeps tfjs's beta1 0.9. */
  readonly momentum: number;
}

export const OPTIMIZERS: Record<
  OptimizerKind,
  {
    make(vars: readonly tf.Variable[], o: UpdaterOptions): Updater;
  }
> = {
  adam: { make: (vars, o) => makeUpdater(vars, o) },
  sgd: {
    make: (vars, o) => {
      const so = { ...o, nesterov: true };
      return CPU_MEMORY.has(tf.getBackend()) ? new FusedSgd(vars, so) : new TfjsSgd(vars, so);
    },
  },
};
