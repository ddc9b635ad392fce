// Runs in the "components" vitest project (jsdom).
/**
 * The explorer in Chinese (issue 11 §5): headings, controls and table headers come from the
 * zh catalogue, a bad link's notes are Chinese with the link's own text kept as data
 * (translate="no"), and the paper's scaled-row labels rebuilt from data read exactly as
 * printed in English.
 */
import { createTranslator } from "next-intl";
import { afterEach, beforeEach, describe, expect, test } from "vitest";

import { scaledLabel, type RowT } from "@/components/explorer/ScaledResults";
import Explorer from "@/components/explorer/Explorer";
import { MESSAGES } from "@/lib/i18n/messages";
import { TABLE3, TABLE7 } from "@/lib/paper";
import { cleanup, render, screen, within } from "@/test/components/intl";

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, "", "/"));

const HAN = /\p{Script=Han}/u;

describe("Explorer in Chinese", () => {
  test("labels, buttons and table headings are translated", () => {
    render(<Explorer initialQuery="model=efficientnet&phi=2" />, { locale: "zh" });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("缩放探索器");
    expect(screen.getByTestId("reset-all").textContent).toBe("重置为 B0");
    expect(screen.getByLabelText("基线网络")).toBe(screen.getByTestId("baseline-picker"));
    expect(screen.getByTestId("mode-compound").textContent).toBe("复合 φ");
    expect(screen.getByRole("complementary", { name: "缩放控制" })).toBeTruthy();
    // The slider's label and its number box's announced name.
    expect(screen.getByLabelText("φ（复合系数） 数值")).toBe(screen.getByTestId("input-phi"));
    const stages = within(screen.getByTestId("stage-table"));
    for (const h of ["阶段", "算子", "分辨率", "通道数", "层数", "参数量"])
      expect(stages.getByRole("columnheader", { name: h })).toBeTruthy();
    expect(screen.getByTestId("layers-toggle").textContent).toBe("显示所有层");
    expect(screen.getByTestId("copy-link").textContent).toBe("复制链接");
    // The network's name is data, not interface text.
    expect(screen.getByTestId("network-name").getAttribute("translate")).toBe("no");
    // The diagram's spoken description is Chinese around the table-1 operator names.
    const diagram = screen.getByTestId("architecture-diagram");
    expect(diagram.getAttribute("aria-label")).toMatch(/^EfficientNet-B0, φ = 2：9 个阶段/);
  });

  test("a bad link's notes are Chinese; the link's words stay as typed, marked as data", () => {
    render(<Explorer initialQuery="bogus=1&phi=99&width=2" />, { locale: "zh" });
    const notes = screen.getAllByTestId("note");
    const text = notes.map((n) => n.textContent ?? "");
    expect(screen.getByTestId("notes").textContent).toContain("链接中的部分值已被更正");
    const unknown = notes.find((n) => n.dataset.key === "bogus")!;
    expect(unknown.textContent).toMatch(/^未知参数 "bogus" 已忽略；可用参数：model, preset, phi/);
    // Everything outside translate="no" is Chinese or punctuation.
    for (const n of notes) {
      const prose = Array.from(n.childNodes)
        .filter((c) => !(c instanceof HTMLElement && c.getAttribute("translate") === "no"))
        .map((c) => c.textContent ?? "")
        .join("");
      expect(prose, n.textContent ?? "").not.toMatch(/[A-Za-z]{2,}/);
      expect(HAN.test(prose), n.textContent ?? "").toBe(true);
    }
    expect(text.some((s) => s.includes("已忽略 width：复合缩放"))).toBe(true);
    expect(text.some((s) => s.startsWith("phi：99 超出范围"))).toBe(true);
  });
});

describe("scaled-row labels", () => {
  test("rebuilt from the row's data, the English reads exactly as printed", () => {
    const t = createTranslator({
      locale: "en",
      messages: MESSAGES.en,
      namespace: "explorer.scaled",
    }) as unknown as RowT;
    for (const r of [...TABLE3, ...TABLE7]) expect(scaledLabel(r, t)).toBe(r.label);
  });

  test("Chinese for every row", () => {
    const t = createTranslator({
      locale: "zh",
      messages: MESSAGES.zh,
      namespace: "explorer.scaled",
    }) as unknown as RowT;
    for (const r of [...TABLE3, ...TABLE7]) expect(scaledLabel(r, t)).toMatch(HAN);
  });
});
