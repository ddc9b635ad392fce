// Runs in the "components" vitest project (jsdom); see vitest.config.ts.
/**
 * /cam's Lab test images in the page's pieces: the "Add Lab test images" button and its note
 * (English and Chinese), and the note under a Lab image saying which box the scores use (the
 * true box, a drawn one that replaces it, or none) with the way back to the true box.
 */
import { afterEach, describe, expect, test, vi } from "vitest";

import { ImagesCard } from "@/components/cam/ImagesCard";
import { TrueBoxNote } from "@/components/cam/MapTrio";
import type { LabImageInfo } from "@/components/cam/types";
import { cleanup, fireEvent, render, screen } from "@/test/components/intl";

afterEach(cleanup);

const card = (onLabImages: () => void, locale: "en" | "zh" = "en") =>
  render(
    <ImagesCard
      images={[]}
      activeId={null}
      errors={[]}
      onFiles={() => {}}
      onUrl={() => {}}
      onSample={() => {}}
      onLabImages={onLabImages}
      labNote={{
        key: "images.labAdded",
        values: { from: 4, to: 7, seed: 3, model: "Lab e1 / base-s3" },
      }}
      onSelect={() => {}}
      onRemove={() => {}}
    />,
    { locale },
  );

describe("Add Lab test images", () => {
  test("a button that asks for the images, and a note naming the dataset", () => {
    const add = vi.fn();
    card(add);
    const b = screen.getByTestId("add-lab-images");
    expect(b.tagName).toBe("BUTTON");
    expect(b.textContent).toBe("Add Lab test images");
    expect(b.getAttribute("aria-describedby")).toBe("lab-images-hint");
    expect(document.getElementById("lab-images-hint")?.textContent).toContain("true box");
    fireEvent.click(b);
    expect(add).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("lab-images-note").textContent).toBe(
      "Added test images 4–7 of the Lab dataset with seed 3: the data that “Lab e1 / base-s3” was trained on.",
    );
  });

  test("in Chinese", () => {
    card(() => {}, "zh");
    expect(screen.getByTestId("add-lab-images").textContent).toBe("添加实验室测试图像");
    expect(screen.getByTestId("lab-images-note").textContent).toBe(
      "已添加种子为 3 的实验室数据集中的测试图像 4–7：即“Lab e1 / base-s3”训练所用的数据。",
    );
  });
});

describe("TrueBoxNote", () => {
  const lab: LabImageInfo = {
    seed: 1,
    index: 0,
    className: "trio-line",
    trueBox: { x0: 40, y0: 50, x1: 120, y1: 90 },
  };

  test("the true box: said, nothing to restore", () => {
    render(<TrueBoxNote lab={lab} box={{ ...lab.trueBox }} onBox={() => {}} />);
    const note = screen.getByTestId("true-box-note");
    expect(note.dataset.box).toBe("true");
    expect(note.textContent).toContain("true box of this Lab test image (its object: trio-line)");
    expect(screen.queryByTestId("restore-true-box")).toBeNull();
  });

  test("a drawn box replaces it; Restore gives the true box back", () => {
    const onBox = vi.fn();
    render(<TrueBoxNote lab={lab} box={{ x0: 0, y0: 0, x1: 30, y1: 30 }} onBox={onBox} />);
    const note = screen.getByTestId("true-box-note");
    expect(note.dataset.box).toBe("drawn");
    expect(note.textContent).toContain("Your drawn box replaces this Lab image's true box");
    fireEvent.click(screen.getByTestId("restore-true-box"));
    expect(onBox).toHaveBeenCalledWith(lab.trueBox);
  });

  test("cleared, in Chinese", () => {
    render(<TrueBoxNote lab={lab} box={null} onBox={() => {}} />, { locale: "zh" });
    expect(screen.getByTestId("true-box-note").dataset.box).toBe("none");
    expect(screen.getByTestId("true-box-note").textContent).toBe(
      "没有框：这张实验室图像的真实框已被清除。 恢复真实框",
    );
  });
});
