// Runs in the "components" vitest project (jsdom).
// What a slider drag updates at once and what waits for the drag to pause (store.tsx gates,
// DiagramSection labels). Real store, real components; only the clock is faked.
import { act, cleanup, fireEvent, render, screen } from "@/test/components/intl";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

import Explorer from "@/components/explorer/Explorer";
import { createGate } from "@/components/explorer/store";
import { calculate } from "@/lib/calculator";
import { createExplorerStore } from "@/lib/state/explorerStore";
import { parseRequest } from "@/lib/scaling/request";

beforeEach(() => {
  vi.useFakeTimers();
  window.history.replaceState(null, "", "/");
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const down = (target: EventTarget = window): void => {
  target.dispatchEvent(new Event("pointerdown", { bubbles: true }));
};
const up = (): void => {
  window.dispatchEvent(new Event("pointerup"));
};

describe("createGate", () => {
  test("live gate: on screen every change passes at once, held or not", () => {
    const store = createExplorerStore("phi=1");
    const gate = createGate(store, 150);
    const stop = gate.connect();
    down();
    store.getState().setValue("phi", "2");
    expect(gate.getState().params.values.phi).toBe(2);
    up();
    stop();
  });

  test("pause gate: while a pointer is held, changes wait for a 150 ms pause", () => {
    const store = createExplorerStore("phi=1");
    const gate = createGate(store, 150, true);
    const seen: number[] = [];
    gate.subscribe(() => seen.push(gate.getState().params.values.phi as number));
    const stop = gate.connect();
    // Not held: immediate.
    store.getState().setValue("phi", "1.5");
    expect(gate.getState().params.values.phi).toBe(1.5);
    down();
    for (const v of ["2", "2.5", "3"]) {
      store.getState().setValue("phi", v);
      vi.advanceTimersByTime(100); // moving: never 150 ms quiet
    }
    expect(gate.getState().params.values.phi).toBe(1.5);
    vi.advanceTimersByTime(60); // the drag pauses with the pointer still down
    expect(gate.getState().params.values.phi).toBe(3);
    store.getState().setValue("phi", "4");
    up(); // release publishes at once
    expect(gate.getState().params.values.phi).toBe(4);
    expect(seen).toEqual([1.5, 3, 4]);
    stop();
  });

  test("off screen: waits for the release as well as the pause", () => {
    const store = createExplorerStore("phi=1");
    const gate = createGate(store, 150);
    const stop = gate.connect();
    gate.setVisible(false);
    down();
    store.getState().setValue("phi", "2");
    vi.advanceTimersByTime(1000);
    expect(gate.getState().params.values.phi).toBe(1);
    up();
    expect(gate.getState().params.values.phi).toBe(1); // still off screen: after the quiet time
    vi.advanceTimersByTime(150);
    expect(gate.getState().params.values.phi).toBe(2);
    stop();
  });
});

describe("dragging phi in the explorer", () => {
  test("totals follow every move; the stage table and the diagram labels catch up on a pause", () => {
    render(<Explorer initialQuery="model=efficientnet&phi=1" />);
    const slider = screen.getByTestId("slider-phi") as HTMLInputElement;
    const table = screen.getByTestId("stage-table");
    const diagram = screen.getByTestId("architecture-diagram");
    const labelsText = (): string =>
      Array.from(diagram.querySelectorAll("text"))
        .map((t) => t.textContent)
        .join(" ");
    const tableAt1 = table.textContent;
    const labelAt1 = diagram.getAttribute("aria-label");
    expect(labelsText()).toContain("×");

    act(() => down(slider));
    act(() => {
      fireEvent.change(slider, { target: { value: "3" } });
    });
    const macs3 = calculate(parseRequest({ phi: "3" })).totals.macs;
    expect(Number(screen.getByTestId("macs").getAttribute("data-value"))).toBe(macs3);
    expect(table.textContent).toBe(tableAt1); // waiting for a pause
    expect(labelsText()).not.toContain("×"); // labels hidden while the drag moves
    // Slabs move to a canvas laid over the SVG for the drag.
    expect(diagram.querySelectorAll("[data-stage]")).toHaveLength(0);
    expect(screen.getByTestId("diagram-canvas")).toBeTruthy();
    // The SVG holds still (not rendered again) until the pause: no midline, same description.
    expect(diagram.querySelector("line")).toBeNull();
    expect(diagram.getAttribute("aria-label")).toBe(labelAt1);

    act(() => {
      vi.advanceTimersByTime(200);
    });
    const stages3 = calculate(parseRequest({ phi: "3" })).stages;
    expect(table.textContent).not.toBe(tableAt1);
    expect(table.textContent).toContain(String(stages3[stages3.length - 1]!.outChannels));
    expect(labelsText()).toContain(`×${stages3[1]!.repeats}`);
    expect(diagram.querySelectorAll("[data-stage]")).toHaveLength(stages3.length);
    expect(screen.queryByTestId("diagram-canvas")).toBeNull();
    expect(diagram.querySelector("line")).not.toBeNull();
    expect(diagram.getAttribute("aria-label")).not.toBe(labelAt1);
    expect(diagram.getAttribute("aria-label")).toContain(
      `${stages3[1]!.repeats}x at ${stages3[1]!.outRes[0]}px`,
    );
    act(() => up());
  });
});
