// Runs in the "components" vitest project (jsdom).
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@/test/components/intl";
import { afterEach, beforeEach, describe, expect, test } from "vitest";

import Explorer from "@/components/explorer/Explorer";
import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, "", "/"));

function totals(query: string) {
  return calculate(parseRequest(Object.fromEntries(new URLSearchParams(query)))).totals;
}
const value = (id: string) => Number(screen.getByTestId(id).getAttribute("data-value"));

describe("Explorer", () => {
  test("renders a link's configuration with exact counts", () => {
    render(<Explorer initialQuery="model=resnet50&phi=2" />);
    const t = totals("model=resnet50&phi=2");
    expect(value("trainable-params")).toBe(t.trainableParams);
    expect(value("macs")).toBe(t.macs);
    expect(value("flops")).toBe(t.flops);
    expect(screen.getByTestId("network-name").textContent).toBe("ResNet-50, φ = 2");
    // The URL mirrors the store from the first render.
    expect(window.location.search).toBe("?model=resnet50&phi=2");
  });

  test("moving the phi slider recalculates and updates the URL", async () => {
    render(<Explorer initialQuery="model=efficientnet&phi=1" />);
    const slider = screen.getByTestId("slider-phi") as HTMLInputElement;
    expect(slider.getAttribute("aria-valuetext")).toMatch(
      /^φ 1: depth ×1.2, width ×1.1, 258 pixels$/,
    );
    await act(async () => fireEvent.change(slider, { target: { value: "4.5" } }));
    // The address bar follows with a short throttle.
    await waitFor(() => expect(window.location.search).toBe("?model=efficientnet&phi=4.5"));
    expect(value("macs")).toBe(totals("model=efficientnet&phi=4.5").macs);
    expect((screen.getByTestId("input-phi") as HTMLInputElement).value).toBe("4.5");
  });

  test("typing a bad value shows a note and keeps a valid state", async () => {
    render(<Explorer initialQuery="model=efficientnet&width=1&depth=1&resolution=224" />);
    const box = screen.getByTestId("input-resolution") as HTMLInputElement;
    await act(async () => {
      fireEvent.focus(box);
      fireEvent.change(box, { target: { value: "9999" } });
      fireEvent.blur(box);
    });
    const notes = screen.getByTestId("notes");
    // The note's text; the values it quotes are data spans (translate="no") inside it.
    expect(notes.textContent).toMatch(
      /resolution: 9999 is out of range \(32 to 4096\); using 4096/,
    );
    await waitFor(() =>
      expect(window.location.search).toBe("?model=efficientnet&width=1&depth=1&resolution=4096"),
    );
  });

  test("bad link values are corrected with a visible note, never a crash", () => {
    render(<Explorer initialQuery={{ model: "alexnet", phi: "NaN", extra: "1" }} />);
    const notes = within(screen.getByTestId("notes")).getAllByTestId("note");
    expect(notes.map((n) => n.getAttribute("data-key"))).toEqual(["model", "phi", "extra"]);
    expect(value("macs")).toBe(totals("model=efficientnet&phi=1").macs);
  });

  test("preset buttons, mode switch and baseline picker", async () => {
    render(<Explorer initialQuery="" />);
    await act(async () => fireEvent.click(screen.getByTestId("preset-b7")));
    expect(value("trainable-params")).toBe(totals("preset=b7").trainableParams);
    expect(screen.getByTestId("preset-b7").getAttribute("aria-pressed")).toBe("true");
    await act(async () =>
      fireEvent.change(screen.getByTestId("baseline-picker"), { target: { value: "mobilenetv1" } }),
    );
    await waitFor(() => expect(window.location.search).toBe("?model=mobilenetv1&phi=7"), {
      timeout: 5000,
    });
    expect(screen.queryByTestId("mode-preset")).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId("mode-explicit")));
    expect(screen.getByTestId("slider-width")).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId("build-link").getAttribute("href")).toBe(
        `/build${window.location.search}`,
      ),
    );
    expect(screen.getByTestId("compare-link").getAttribute("href")).toBe(
      "/compare?model=mobilenetv1",
    );
  });

  test("the constraint cue flags alpha*beta^2*gamma^2 far from 2", async () => {
    render(<Explorer initialQuery="phi=2" />);
    expect(screen.getByTestId("constraint").getAttribute("data-level")).toBe("ok");
    await act(async () =>
      fireEvent.change(screen.getByTestId("slider-alpha"), { target: { value: "1.8" } }),
    );
    expect(screen.getByTestId("constraint").getAttribute("data-level")).toBe("bad");
    expect(screen.getByTestId("flops-base").textContent).toBe(
      String(Number((1.8 * 1.1 ** 2 * 1.15 ** 2).toPrecision(4))),
    );
    await act(async () => fireEvent.click(screen.getByTestId("reset-constants")));
    await waitFor(() => expect(window.location.search).toBe("?model=efficientnet&phi=2"));
  });

  test("back/forward reloads the state from the URL", async () => {
    render(<Explorer initialQuery="phi=1" />);
    await act(async () => {
      window.history.pushState(null, "", "/?model=mobilenetv2&phi=3");
      window.dispatchEvent(new PopStateEvent("popstate"));
    });
    expect(value("macs")).toBe(totals("model=mobilenetv2&phi=3").macs);
  });

  test("the layer table opens, sorts and pages", async () => {
    render(<Explorer initialQuery="preset=b0" />);
    expect(screen.queryByTestId("layer-table")).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId("layers-toggle")));
    const table = screen.getByTestId("layer-table");
    expect(table.querySelectorAll("tbody tr")).toHaveLength(50);
    await act(async () => fireEvent.click(screen.getByTestId("sort-macs")));
    const first = table.querySelector("tbody tr td:nth-child(2)")!.textContent;
    const layers = calculate(parseRequest({ preset: "b0" })).layers;
    const top = [...layers].sort((a, b) => b.macs - a.macs)[0]!;
    expect(first).toBe(top.name);
  });
});
