// Runs in the "components" vitest project (jsdom); see vitest.config.ts.
import { cleanup, render, screen, within } from "@/test/components/intl";
import { afterEach, beforeEach, describe, expect, test } from "vitest";

import Gallery from "@/components/lab/Gallery";
import { type LabDataset, PROCEDURAL_CLASSES, proceduralDataset } from "@/lib/lab/dataset";
import { imageRgba } from "@/lib/lab/dataset-view";

// jsdom has no 2D canvas: a stand-in records what the gallery puts on each canvas.
class FakeImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}
const drawn = new Map<HTMLCanvasElement, FakeImageData>();
const realGetContext = HTMLCanvasElement.prototype.getContext;
beforeEach(() => {
  drawn.clear();
  Object.assign(globalThis, { ImageData: FakeImageData });
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    return { putImageData: (img: FakeImageData) => drawn.set(this, img) };
  } as unknown as typeof realGetContext;
});
afterEach(() => {
  cleanup();
  HTMLCanvasElement.prototype.getContext = realGetContext;
});

describe("Gallery", () => {
  test("shows each class with its samples and their boxes, at the dataset's resolution", () => {
    const ds = proceduralDataset({ seed: 1, split: "train", count: 40, resolution: 24 });
    render(<Gallery dataset={ds} perClass={3} size={60} />);
    const gallery = screen.getByTestId("lab-gallery");
    expect(gallery.getAttribute("aria-label")).toBe("Dataset samples at 24 px");
    const rows = screen.getAllByTestId("lab-gallery-class");
    expect(rows.map((r) => r.querySelector("figcaption")!.textContent)).toEqual([
      ...PROCEDURAL_CLASSES,
    ]);
    for (const [c, row] of rows.entries()) {
      const imgs = within(row).getAllByRole("img");
      expect(imgs).toHaveLength(3);
      imgs.forEach((img, k) =>
        expect(img.getAttribute("aria-label")).toMatch(
          new RegExp(`^${PROCEDURAL_CLASSES[c]}, sample ${k + 1} of 3: box \\d+% to \\d+% across`),
        ),
      );
    }
    // Each canvas holds its sample's pixels at the dataset's resolution.
    const first = ds.labels.indexOf(0); // first sample of the first class
    const canvas = within(rows[0]).getAllByRole("img")[0] as HTMLCanvasElement;
    expect(canvas.width).toBe(24);
    expect(drawn.get(canvas)!.width).toBe(24);
    expect(drawn.get(canvas)!.data).toEqual(imageRgba(ds, first));
    expect(drawn.size).toBe(30);
    // The outline of each sample's box, placed by its normalised coordinates.
    const boxes = screen.getAllByTestId("lab-gallery-box");
    expect(boxes).toHaveLength(30);
    const b = ds.boxes![first][0];
    const style = boxes[0].style;
    expect(parseFloat(style.left)).toBeCloseTo(b.x0 * 100, 6);
    expect(parseFloat(style.top)).toBeCloseTo(b.y0 * 100, 6);
    expect(parseFloat(style.width)).toBeCloseTo((b.x1 - b.x0) * 100, 6);
    expect(parseFloat(style.height)).toBeCloseTo((b.y1 - b.y0) * 100, 6);
  });

  test("a dataset without boxes shows no outlines and says so; a class without samples says so", () => {
    const src = proceduralDataset({ seed: 2, split: "val", count: 4, resolution: 16 });
    const ds: LabDataset = {
      ...src,
      kind: "folder",
      classes: ["cats", "dogs", "owls"],
      labels: Int32Array.from([0, 1, 0, 1]),
      boxes: null,
    };
    render(<Gallery dataset={ds} />);
    expect(screen.queryAllByTestId("lab-gallery-box")).toHaveLength(0);
    expect(screen.getByText(/this dataset has no boxes/)).toBeTruthy();
    expect(screen.getAllByRole("img").map((i) => i.getAttribute("aria-label"))).toEqual([
      "cats, sample 1 of 2",
      "cats, sample 2 of 2",
      "dogs, sample 1 of 2",
      "dogs, sample 2 of 2",
    ]);
    expect(screen.getByText("no samples")).toBeTruthy();
  });
});
