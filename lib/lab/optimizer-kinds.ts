/**
 * The recipe's optimizer kinds as the page and the CLI describe them. Pure data, apart from
 * lib/lab/optimizers.ts (which builds the updaters and needs tfjs), so that the /lab page can
 * show the recipe without loading tfjs on its main thread.
 */
export type OptimizerKind = "adam" | "sgd";

/** As the recipe states it (both languages: optimizer names are not translated). */
export const OPTIMIZER_NAMES: Record<OptimizerKind, (momentum: number) => string> = {
  adam: () => "Adam",
  sgd: (momentum) => `SGD (Nesterov momentum ${momentum})`,
};
