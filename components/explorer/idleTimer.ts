/**
 * Runs `fn` once `idleMs` have passed since the last poke(), or `maxWaitMs` after the first
 * poke still pending, whichever comes first. A slider drag pokes 60 times a second;
 * clearing and setting a timeout on every poke (several listeners per move) is measurable
 * main-thread work, so a poke only records the time, and the one pending timer, when it
 * fires early, sleeps again for the rest.
 *
 *   const t = idleTimer(() => publish(), 150);  t.poke(); ...  t.cancel();
 */
export interface IdleTimer {
  /** (Re)starts the quiet period: `fn` runs `idleMs` after the latest poke. */
  poke(): void;
  /** Forgets a pending run. */
  cancel(): void;
  /** True while a run is pending. */
  pending(): boolean;
}

export function idleTimer(fn: () => void, idleMs: number, maxWaitMs = Infinity): IdleTimer {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastPoke = 0;
  let firstPoke = 0;
  const cancel = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const arm = (ms: number): void => {
    timer = setTimeout(() => {
      const left = Math.min(lastPoke + idleMs, firstPoke + maxWaitMs) - Date.now();
      if (left > 0) {
        arm(left);
        return;
      }
      timer = null;
      fn();
    }, ms);
  };
  return {
    poke() {
      lastPoke = Date.now();
      if (timer !== null) return;
      firstPoke = lastPoke;
      arm(Math.min(idleMs, maxWaitMs));
    },
    cancel,
    pending: () => timer !== null,
  };
}
