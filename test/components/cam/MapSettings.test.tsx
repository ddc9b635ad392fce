// Runs in the "components" vitest project (jsdom); see vitest.config.ts.
/** /cam's map settings in Chinese: labels, options, the method summary and a link's notes. */
import { afterEach, describe, expect, test } from "vitest";

import { MapSettings } from "@/components/cam/MapSettings";
import { CamSettingsProvider } from "@/components/cam/settings";
import { cleanup, render, screen } from "@/test/components/intl";

afterEach(cleanup);

describe("MapSettings", () => {
  test("speaks Chinese with lang zh, keeping method names and colormap ids as they are", () => {
    render(
      <CamSettingsProvider initialQuery="method=layercam&opacity=5">
        <MapSettings candidates={null} />
      </CamSettingsProvider>,
      { locale: "zh" },
    );
    expect(screen.getByRole("heading").textContent).toBe("3 · 映射图");
    expect(screen.getByText("方法")).toBeTruthy();
    // The registry's summary, translated by method id; the method's own name stays Latin.
    expect(screen.getByText("每个位置上正梯度乘以激活值；在较早的层上也有效")).toBeTruthy();
    expect(screen.getByTestId("method-layercam").textContent).toBe("LayerCAM");
    expect(screen.getByTestId("method-gradcam").getAttribute("title")).toBe(
      "按梯度加权的通道；对特征图之后的部分做前向和反向计算",
    );
    const resize = screen.getByTestId("resize") as HTMLSelectElement;
    expect([...resize.options].map((o) => o.textContent)).toEqual(["拉伸到输入尺寸", "中心裁剪"]);
    const colormap = screen.getByTestId("colormap") as HTMLSelectElement;
    expect(colormap.options[0]!.getAttribute("translate")).toBe("no");
    // The link's correction is a note in Chinese (opacity 5 -> 1).
    expect(screen.getByTestId("settings-notes").textContent).toContain(
      "opacity：5 超出范围（0 到 1）；使用 1",
    );
    expect(screen.getByText("不透明度 100%")).toBeTruthy();
  });

  test("English stays as it was", () => {
    render(
      <CamSettingsProvider initialQuery="opacity=5">
        <MapSettings candidates={null} />
      </CamSettingsProvider>,
    );
    expect(screen.getByRole("heading").textContent).toBe("3 · Map");
    expect(screen.getByTestId("settings-notes").textContent).toContain(
      "opacity: 5 is out of range (0 to 1); using 1",
    );
    expect(screen.getByText("Layer (the last map suits this method best)")).toBeTruthy();
  });
});
