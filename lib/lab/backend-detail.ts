/**
 * How the Lab states its backend: the backend's own detail (translatable) and, when the pool
 * (lib/lab/pool.ts) splits runs over several workers, how many. Type-only imports: the page's
 * main bundle uses this through the pool, without tfjs.
 */
import type { BackendChoice } from "../tfjs/backend-info";
import type { LabBackend } from "./results";

/** The choice as `n` workers run it: `detail` gains the count in English, `workers` holds it. */
export function withWorkers(choice: BackendChoice, n: number): BackendChoice {
  if (n <= 1) return choice;
  return {
    ...choice,
    detail: `${choice.detail}; ${n} workers, one run each at a time`,
    workers: n,
  };
}

/** What a result records of the backend. */
export function labBackend(choice: BackendChoice): LabBackend {
  return {
    name: choice.backend,
    detail: choice.detail,
    ...(choice.detailMsg ? { detailMsg: choice.detailMsg } : {}),
    ...(choice.workers !== undefined ? { workers: choice.workers } : {}),
  };
}
