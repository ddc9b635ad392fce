import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

import { idleTimer } from "@/components/explorer/idleTimer";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("idleTimer", () => {
  test("runs once, idleMs after the last of many pokes, with one timer pending", () => {
    const fn = vi.fn();
    const t = idleTimer(fn, 150);
    for (let i = 0; i < 20; i++) {
      t.poke();
      vi.advanceTimersByTime(16); // a 60 Hz drag: never 150 ms quiet
      expect(vi.getTimerCount()).toBe(1);
    }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150 - 16 - 1);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(t.pending()).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  test("cancel forgets a pending run; a later poke starts again", () => {
    const fn = vi.fn();
    const t = idleTimer(fn, 100);
    t.poke();
    vi.advanceTimersByTime(50);
    t.cancel();
    expect(t.pending()).toBe(false);
    vi.advanceTimersByTime(500);
    expect(fn).not.toHaveBeenCalled();
    t.poke();
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe("idleTimer with a maximum wait", () => {
  test("runs maxWaitMs after the first pending poke even while pokes keep coming", () => {
    const fn = vi.fn();
    const t = idleTimer(fn, 200, 1000);
    for (let i = 0; i < 62; i++) {
      t.poke();
      vi.advanceTimersByTime(16);
    }
    // 62 x 16 = 992 ms: never 200 ms quiet, not yet 1000 ms since the first poke.
    expect(fn).not.toHaveBeenCalled();
    t.poke();
    vi.advanceTimersByTime(8);
    expect(fn).toHaveBeenCalledTimes(1);
    // The next burst starts a new wait.
    t.poke();
    vi.advanceTimersByTime(199);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
