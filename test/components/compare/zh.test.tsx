// Runs in the "components" vitest project (jsdom). /compare pieces in Chinese, with the
// real catalogues: the columns, an estimate's reason from lib/estimate and a link note.
import { cleanup, render, screen } from "@/test/components/intl";
import { afterEach, describe, expect, test } from "vitest";

import { AccuracyBlock, StrategyColumns } from "@/components/compare/StrategyColumns";
import { NoteText } from "@/components/i18n/MsgText";
import { estimateAccuracy } from "@/lib/estimate";
import { buildCompareView } from "@/lib/estimate/compareView";
import { parseCompareQuery } from "@/components/compare/state";

afterEach(cleanup);

describe("/compare in Chinese", () => {
  test("the four columns carry Chinese strategy names and labels", () => {
    const view = buildCompareView("efficientnet", { kind: "multiple", factor: 4 });
    render(<StrategyColumns view={view} />, { locale: "zh" });
    expect(screen.getByTestId("column-depth").querySelector("h3")?.textContent).toBe("仅深度");
    expect(screen.getByTestId("column-compound").querySelector("h3")?.textContent).toBe("复合缩放");
    expect(screen.getAllByText("参数量").length).toBe(4);
    expect(screen.getAllByRole("link", { name: "在实验室中与基线对比训练" }).length).toBe(4);
    expect(screen.queryByText("Depth only")).toBeNull();
  });

  test("an unsupported estimate gives its reason in Chinese, the network's name as data", () => {
    const a = estimateAccuracy({ model: "mobilenetv1", strategy: "depth", x: 4 });
    expect(a.kind).toBe("unsupported");
    if (a.kind !== "unsupported") return;
    const { container } = render(<AccuracyBlock a={a} />, { locale: "zh" });
    const text = container.textContent ?? "";
    expect(text).toContain("无估计");
    expect(text).toContain("论文没有发表按深度缩放的 MobileNetV1");
    expect(container.querySelector('[translate="no"]')?.textContent).toBe("MobileNetV1");
    // English is unchanged.
    cleanup();
    const en = render(<AccuracyBlock a={a} />);
    expect(en.container.textContent).toContain(`${a.reason}.`);
  });

  test("a corrected link value is explained in Chinese, the key and values kept as data", () => {
    const { notes } = parseCompareQuery("x=abc");
    expect(notes).toHaveLength(1);
    const { container } = render(<NoteText note={notes[0]!} />, { locale: "zh" });
    expect(container.textContent).toBe('x："abc" 不是数字；使用默认值 4');
    const data = [...container.querySelectorAll('[translate="no"]')].map((e) => e.textContent);
    expect(data).toEqual(["x", '"abc"', "4"]);
    cleanup();
    expect(render(<NoteText note={notes[0]!} />).container.textContent).toBe(notes[0]!.message);
  });
});
