/**
 * The recipe's optimizers, one entry per kind: each makes the fastest correct updater for the
 * current backend (a JavaScript loop per variable on wasm / cpu, tfjs's optimizer on GPUs).
 */
import * as tf from "@tensorflow/tfjs";

import { makeUpdater } from "./adam";
import { FusedSgd, TfjsSgd } from "./sgd";
import { CPU_MEMORY, type UpdateRules, type Updater } from "./updater";

export type OptimizerKind = "adam" | "sgd";

export interface UpdaterOptions extends UpdateRules {
  /** Momentum of "sgd" (Nesterov); Adam keeps tfjs's beta1 0.9. */
  readonly momentum: number;
}

export const OPTIMIZERS: Record<
  OptimizerKind,
  {
    /** As the recipe states it (both languages: optimizer names are not translated). */
    name(momentum: number): string;
    make(vars: readonly tf.Variable[], o: UpdaterOptions): Updater;
  }
> = {
  adam: { name: () => "Adam", make: (vars, o) => makeUpdater(vars, o) },
  sgd: {
    name: (momentum) => `SGD (Nesterov momentum ${momentum})`,
    make: (vars, o) => {
      const so = { ...o, nesterov: true };
      return CPU_MEMORY.has(tf.getBackend()) ? new FusedSgd(vars, so) : new TfjsSgd(vars, so);
    },
  },
};
