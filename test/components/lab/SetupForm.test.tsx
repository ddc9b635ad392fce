// Runs in the "components" vitest project (jsdom); see vitest.config.ts.
/** /lab's setup and recipe in Chinese: field labels, strategies, notes of a bad link, recipe. */
import { afterEach, describe, expect, test } from "vitest";

import { RecipeCard } from "@/components/lab/RecipeCard";
import { SetupForm } from "@/components/lab/SetupForm";
import { createLabStore } from "@/components/lab/store";
import { describeRecipe, RECIPE } from "@/lib/lab/recipe";
import { cleanup, fireEvent, render, screen } from "@/test/components/intl";

afterEach(cleanup);

const noop = () => {};

describe("SetupForm", () => {
  test("speaks Chinese with lang zh, notes of a bad link included", () => {
    const store = createLabStore("runs=base,magic&epochs=0");
    render(
      <SetupForm store={store} busy={false} onStart={noop} onFolder={noop} folderNote={null} />,
      { locale: "zh" },
    );
    expect(screen.getByLabelText("训练轮数")).toBeTruthy();
    expect(screen.getByLabelText("基线宽度 w")).toBeTruthy();
    expect(screen.getByRole("button", { name: "训练" })).toBeTruthy();
    expect(screen.getByText("复合").closest("label")!.getAttribute("title")).toBe(
      "深度、宽度和分辨率一起缩放（α、β、γ）",
    );
    const notes = screen.getByTestId("lab-notes").textContent ?? "";
    expect(notes).toContain("runs：未知策略 magic 已丢弃");
    expect(notes).toContain("epochs：0 超出范围");
    // A typed value out of range: the problem under the field, in Chinese, without "using".
    fireEvent.change(screen.getByLabelText("批大小"), { target: { value: "0" } });
    expect(screen.getByText(/^批大小：0 超出范围（1 到 \d+）$/)).toBeTruthy();
  });

  test("the recipe reads the same in English as describeRecipe, and in Chinese", () => {
    render(<RecipeCard epochs={1} batch={32} />);
    const en = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(en).toEqual(describeRecipe(RECIPE, 1, 32));
    cleanup();
    render(<RecipeCard epochs={3} batch={32} />, { locale: "zh" });
    const zh = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(zh[0]).toBe(
      `优化器：Adam，峰值学习率 ${RECIPE.learningRate}（分类层 ${RECIPE.learningRate * RECIPE.headLrShare}），解耦权重衰减 ${RECIPE.weightDecay}`,
    );
    expect(zh[2]).toBe("3 轮，批大小 32");
    expect(zh[3]).toBe("数据增强：随机左右翻转");
  });
});
