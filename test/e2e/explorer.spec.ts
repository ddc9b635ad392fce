import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

import { expect, test, type Page } from "@playwright/test";

import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";
import { SHOTS, shot } from "./shots";

/** The calculator's totals for a query, through the CLI's parser (independent of the page). */
function totals(query: string) {
  return calculate(parseRequest(Object.fromEntries(new URLSearchParams(query)))).totals;
}

async function numbers(page: Page) {
  return {
    trainable: Number(await page.getByTestId("trainable-params").getAttribute("data-value")),
    macs: Number(await page.getByTestId("macs").getAttribute("data-value")),
  };
}

async function expectCounts(page: Page, query: string) {
  const t = totals(query);
  await expect(page.getByTestId("macs")).toHaveAttribute("data-value", String(t.macs));
  expect(await numbers(page)).toEqual({ trainable: t.trainableParams, macs: t.macs });
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

// One link per key; each opens with exactly the calculator's numbers and keeps its URL.
const LINKS = [
  "model=mobilenetv1&phi=0",
  "model=efficientnet&preset=b7",
  "model=efficientnet&phi=2.5",
  "model=mobilenetv2&phi=1&alpha=1.3",
  "model=resnet50&phi=1&beta=1.05",
  "model=efficientnet&phi=1&gamma=1.2",
  "model=efficientnet&width=1.5&depth=1&resolution=224",
  "model=mobilenetv2&width=1&depth=2.25&resolution=224",
  "model=resnet50&width=1&depth=1&resolution=320",
  "model=efficientnet&preset=b2&classes=10",
];

test.describe("links", () => {
  for (const q of LINKS) {
    test(`opens ?${q}`, async ({ page }) => {
      const errors = collectErrors(page);
      await page.goto(`/?${q}`);
      await expectCounts(page, q);
      expect(new URL(page.url()).search).toBe(`?${q}`);
      await expect(page.getByTestId("note")).toHaveCount(0);
      expect(errors).toEqual([]);
    });
  }

  test("bad values are corrected with a visible note", async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto("/?model=resnet50&phi=banana&alpha=9&width=2&zoom=3");
    const notes = page.getByTestId("note");
    await expect(notes).toHaveCount(4);
    await expect(notes.nth(0)).toContainText('phi: "banana" is not a number; using the default 1');
    await expect(notes.nth(1)).toContainText("alpha: 9 is out of range (1 to 4); using 4");
    await expect(notes.nth(2)).toContainText('unknown key "zoom" ignored');
    await expect(notes.nth(3)).toContainText("width ignored: compound scaling");
    await expectCounts(page, "model=resnet50&phi=1&alpha=4");
    await expect(page).toHaveURL(/\?model=resnet50&phi=1&alpha=4$/);
    await page.getByRole("button", { name: "Dismiss notes" }).click();
    await expect(page.getByTestId("note")).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test("a link too large to count exactly is reduced, not crashed", async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto("/?model=resnet50&width=16&depth=32&resolution=4096");
    await expect(page.getByTestId("note")).toContainText("past 2^53");
    const macs = Number(await page.getByTestId("macs").getAttribute("data-value"));
    expect(Number.isSafeInteger(macs * 2)).toBe(true);
    expect(errors).toEqual([]);
  });
});

test.describe("controls", () => {
  test("keyboard on the phi slider", async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto("/?model=efficientnet&phi=1");
    const slider = page.getByTestId("slider-phi");
    await slider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(/phi=1\.5$/);
    await expectCounts(page, "model=efficientnet&phi=1.5");
    await expect(slider).toHaveAttribute(
      "aria-valuetext",
      /^φ 1\.5: depth ×1\.31, width ×1\.15, 276 pixels$/,
    );
    await page.keyboard.press("End");
    await expect(page).toHaveURL(/phi=8$/);
    await expectCounts(page, "model=efficientnet&phi=8");
    await page.keyboard.press("Home");
    await expect(page).toHaveURL(/phi=-2$/);
    await expectCounts(page, "model=efficientnet&phi=-2");
    expect(errors).toEqual([]);
  });

  test("typing and arrow keys in the numeric boxes", async ({ page }) => {
    await page.goto("/?model=mobilenetv2&width=1&depth=1&resolution=224");
    const res = page.getByTestId("input-resolution");
    await res.fill("320");
    await res.press("Enter");
    await expect(page).toHaveURL(/resolution=320$/);
    await res.press("ArrowUp"); // step 8
    await expect(page).toHaveURL(/resolution=328$/);
    await expectCounts(page, "model=mobilenetv2&width=1&depth=1&resolution=328");
    const w = page.getByTestId("input-width");
    await w.fill("0");
    await w.press("Tab");
    await expect(page.getByTestId("note")).toContainText(
      "width: 0 is out of range (0.05 to 16); using 0.05",
    );
    await w.fill("99");
    await w.press("Enter");
    await expect(page.getByTestId("note")).toContainText(
      "width: 99 is out of range (0.05 to 16); using 16",
    );
    await expectCounts(page, "model=mobilenetv2&width=16&depth=1&resolution=328");
  });

  test("presets, modes, baseline picker and the links to other pages", async ({ page }) => {
    await page.goto("/");
    await page.getByTestId("preset-b4").click();
    await expect(page).toHaveURL(/\?model=efficientnet&preset=b4$/);
    await expectCounts(page, "preset=b4");
    await page.getByTestId("mode-compound").click();
    await expect(page).toHaveURL(/\?model=efficientnet&phi=4$/);
    await page.getByTestId("slider-alpha").focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByTestId("flops-base")).toHaveText(
      String(Number((1.21 * 1.1 ** 2 * 1.15 ** 2).toPrecision(4))),
    );
    await page.getByTestId("reset-constants").click();
    await expect(page).toHaveURL(/\?model=efficientnet&phi=4$/);
    await page.getByTestId("baseline-picker").selectOption("resnet50");
    await expect(page).toHaveURL(/\?model=resnet50&phi=4$/);
    await expectCounts(page, "model=resnet50&phi=4");
    await expect(page.getByTestId("mode-preset")).toHaveCount(0);
    await expect(page.getByTestId("build-link")).toHaveAttribute(
      "href",
      "/build?model=resnet50&phi=4",
    );
    await expect(page.getByTestId("compare-link")).toHaveAttribute(
      "href",
      "/compare?model=resnet50",
    );
  });

  test("copy link puts the current URL on the clipboard", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/?model=efficientnet&phi=3");
    await page.getByTestId("copy-link").click();
    await expect(page.getByTestId("copy-link")).toHaveText("Link copied");
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(/\/\?model=efficientnet&phi=3$/);
  });

  test("back button after a new link restores it", async ({ page }) => {
    await page.goto("/?model=efficientnet&phi=2");
    await page.goto("/?model=mobilenetv1&phi=1");
    await page.goBack();
    await expectCounts(page, "model=efficientnet&phi=2");
  });
});

test.describe("outputs", () => {
  test("diagram morphs and overlays the baseline", async ({ page }) => {
    await page.goto("/?model=efficientnet&phi=0");
    const diagram = page.getByTestId("architecture-diagram");
    const blocks = () =>
      diagram
        .locator("[data-stage]")
        .evaluateAll((gs) => gs.map((g) => Number(g.getAttribute("data-repeats"))));
    expect(await blocks()).toEqual([1, 1, 2, 2, 3, 3, 4, 1, 1]);
    await expect(diagram.locator("[data-baseline-stage]")).toHaveCount(9);
    await page.getByTestId("slider-phi").fill("4");
    await expect(page).toHaveURL(/phi=4$/);
    // 1.2^4 = 2.07: ceil(repeats * d).
    expect(await blocks()).toEqual([1, 3, 5, 5, 7, 7, 9, 3, 1]);
    await page.getByTestId("toggle-baseline").uncheck();
    await expect(diagram.locator("[data-baseline-stage]")).toHaveCount(0);
  });

  test("a mouse drag draws the slabs on a canvas, and the SVG returns when it pauses", async ({
    page,
  }) => {
    await page.goto("/?model=efficientnet&phi=2");
    // Hydrated (the lazily loaded charts have drawn), so the drag reaches React.
    await page.getByTestId("chart-flops").locator(".recharts-scatter-symbol").first().waitFor();
    const slider = page.getByTestId("slider-phi");
    const box = await slider.boundingBox();
    if (!box) throw new Error("no slider");
    const y = box.y + box.height / 2;
    const table = page.getByTestId("stage-table");
    const before = await table.textContent();
    // Record the canvas the moment it appears (a MutationObserver callback runs after React's
    // commit and layout effects, so it is drawn by then), whatever the timing of the moves.
    await page.evaluate(() => {
      const w = window as unknown as { __canvas?: unknown };
      const mo = new MutationObserver(() => {
        const c = document.querySelector<HTMLCanvasElement>('[data-testid="diagram-canvas"]');
        if (!c || w.__canvas) return;
        const svg = document.querySelector('[data-testid="architecture-diagram"]');
        const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let k = 3; k < d.length; k += 4) if (d[k]! > 0) n++;
        w.__canvas = {
          painted: n / (c.width * c.height),
          svgSlabs: svg?.querySelectorAll("[data-stage]").length ?? -1,
          png: c.toDataURL("image/png"),
        };
        mo.disconnect();
      });
      mo.observe(document.body, { childList: true, subtree: true });
    });
    await page.mouse.move(box.x + box.width * 0.4, y);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * (0.4 + i * 0.04), y);
    const now = (await page.evaluate(
      () => (window as unknown as { __canvas?: unknown }).__canvas ?? null,
    )) as { painted: number; svgSlabs: number; png: string } | null;
    expect(now).not.toBeNull();
    const painted = now!.painted;
    expect(now!.svgSlabs).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(
      `${SHOTS}/explorer-drag-canvas.png`,
      Buffer.from(now!.png.split(",")[1]!, "base64"),
    );
    // Slabs cover a real share of the drawing, not a blank or a full fill.
    expect(painted).toBeGreaterThan(0.05);
    expect(painted).toBeLessThan(0.8);
    // Holding still: the SVG and its labels come back.
    await expect(page.getByTestId("diagram-canvas")).toHaveCount(0);
    await expect(page.getByTestId("architecture-diagram").locator("[data-stage]")).toHaveCount(9);
    await page.mouse.up();
    // The stage table (below the fold here) catches up once the pointer is released.
    await expect(table).not.toHaveText(before ?? "");
    const phi = Number(new URL(page.url()).searchParams.get("phi") ?? "NaN");
    await expect(page).toHaveURL(/phi=/);
    const calc = calculate(parseRequest({ phi: String(await slider.inputValue()) }));
    expect(Number(await page.getByTestId("macs").getAttribute("data-value"))).toBe(
      calc.totals.macs,
    );
    expect(Number.isNaN(phi)).toBe(false);
  });

  test("stage and layer tables, CSV export", async ({ page }) => {
    await page.goto("/?model=efficientnet&preset=b1");
    const calc = calculate(parseRequest({ preset: "b1" }));
    await expect(page.getByTestId("stage-table").locator("tbody tr")).toHaveCount(
      calc.stages.length,
    );
    const [stages] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("stages-csv").click(),
    ]);
    const stageCsv = readFileSync(await stages.path(), "utf8")
      .trim()
      .split("\r\n");
    expect(stageCsv[0]).toBe(
      "stage,operator,resolution,channels,layers,trainable_params,non_trainable_params,macs",
    );
    expect(stageCsv).toHaveLength(calc.stages.length + 1);
    const sum = stageCsv.slice(1).reduce((a, l) => a + Number(l.split(",").at(-1)), 0);
    expect(sum).toBe(calc.totals.macs);

    await page.getByTestId("layers-toggle").click();
    await expect(page.getByTestId("layer-table").locator("tbody tr")).toHaveCount(50);
    const [layers] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("layers-csv").click(),
    ]);
    const layerCsv = readFileSync(await layers.path(), "utf8")
      .trim()
      .split("\r\n");
    expect(layerCsv).toHaveLength(calc.layers.length + 1);
    // Columns by name: the table gained the chosen counting convention's columns.
    const col = (layerCsv[0] ?? "").split(",").indexOf("trainable_params");
    expect(col).toBeGreaterThan(0);
    const params = layerCsv.slice(1).reduce((a, l) => a + Number(l.split(",")[col]), 0);
    expect(params).toBe(calc.totals.trainableParams);
  });

  test("charts: published points, tooltip with source, user marker, PNG and SVG export", async ({
    page,
  }) => {
    await page.goto("/?model=efficientnet&preset=b3");
    const chart = page.getByTestId("chart-flops");
    await expect(chart.locator(".recharts-scatter-symbol").first()).toBeVisible();
    // 23 table-2 models have FLOPS (GPipe has none).
    await expect(chart.locator(".recharts-scatter-symbol")).toHaveCount(23);
    // The user's marker sits at the calculated MACs; a preset also gets a star at its published top-1.
    const marker = page.getByTestId("you-marker-flops");
    await expect(marker).toHaveAttribute("data-x", String(totals("preset=b3").macs / 1e9));
    await expect(marker.locator("path")).toHaveCount(1);
    await expect(marker).toContainText("EfficientNet-B3");
    await page.getByTestId("mode-explicit").click();
    await expect(marker.locator("path")).toHaveCount(0);
    await page.getByTestId("input-width").fill("2");
    await expect(marker).toHaveAttribute(
      "data-x",
      String(totals("width=2&depth=1.4&resolution=300").macs / 1e9),
    );
    await chart.locator(".recharts-scatter-symbol").first().hover();
    await expect(page.getByTestId("chart-tooltip")).toContainText(/table 2, row \d+/);

    const [svg] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-svg-flops").click(),
    ]);
    const svgText = readFileSync(await svg.path(), "utf8");
    expect(svgText).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain("ImageNet top-1 vs FLOPS");
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-png-params").click(),
    ]);
    const bytes = readFileSync(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(10_000);
  });

  test("chart labels never cover each other or a point; crowded ones give way, B0-B7 always show", async ({
    page,
  }) => {
    type Box = readonly [number, number, number, number];
    /** Point labels and points of one chart, as drawn (client boxes). */
    const drawn = (metric: string) =>
      page.getByTestId(`chart-${metric}`).evaluate((el) => {
        const box = (e: Element, inset: number): Box => {
          const r = e.getBoundingClientRect();
          return [r.left, r.top + r.height * inset, r.right, r.bottom - r.height * inset];
        };
        return {
          // The glyphs: the middle 70% of the line box (as the chart judges it).
          labels: Array.from(el.querySelectorAll("text[data-point-label]")).map((t) => ({
            name: t.textContent ?? "",
            shown: t.getAttribute("visibility") !== "hidden",
            box: box(t, 0.15),
          })),
          // The centre of each point (4 px square, as the chart keeps clear).
          points: Array.from(el.querySelectorAll(".recharts-scatter-symbol")).map((p) => {
            const r = p.getBoundingClientRect();
            const x = r.left + r.width / 2;
            const y = r.top + r.height / 2;
            const box: Box = [x - 2, y - 2, x + 2, y + 2];
            return { name: p.querySelector("[name]")?.getAttribute("name") ?? "", box };
          }),
        };
      });
    const meet = ([ax0, ay0, ax1, ay1]: Box, [bx0, by0, bx1, by1]: Box): boolean =>
      ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1;
    /** Shown labels that cover another shown label or another model's point centre. */
    const collisions = ({ labels, points }: Awaited<ReturnType<typeof drawn>>): string[] => {
      const shown = labels.filter((l) => l.shown);
      const out: string[] = [];
      shown.forEach((a, i) => {
        for (const b of shown.slice(i + 1))
          if (meet(a.box, b.box)) out.push(`${a.name} / ${b.name}`);
        for (const p of points) {
          if (p.name !== a.name && meet(a.box, p.box)) out.push(`${a.name} / ${p.name}'s point`);
        }
      });
      return out;
    };
    for (const [width, minShown] of [
      [375, 10],
      [1280, 18],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/?model=efficientnet&preset=b3");
      for (const metric of ["flops", "params"]) {
        const chart = page.getByTestId(`chart-${metric}`);
        await chart.scrollIntoViewIfNeeded();
        await expect(chart.locator("text[data-point-label]").first()).toBeAttached();
        // Decluttering runs on the frame after the labels are drawn.
        await expect.poll(async () => collisions(await drawn(metric))).toEqual([]);
        const { labels } = await drawn(metric);
        const shown = labels.filter((l) => l.shown).map((l) => l.name);
        for (let b = 0; b <= 7; b++) expect(shown).toContain(`B${b}`);
        await shot(chart, `explorer-chart-labels-${metric}-${width}`);
        expect(shown.length, `${metric} at ${width}px: ${shown.join(", ")}`).toBeGreaterThanOrEqual(
          minShown,
        );
      }
    }
  });

  test("paper table 3 places the scaled baseline among its rows", async ({ page }) => {
    await page.goto("/?model=mobilenetv2&phi=2");
    const rows = page.getByTestId("scaled-table").locator("tbody tr");
    await expect(rows).toHaveCount(6);
    const you = page.getByTestId("scaled-table").locator("tr[data-you]");
    await expect(you).toContainText("Your network");
    const macs = totals("model=mobilenetv2&phi=2").macs;
    await expect(you).toContainText(`${Number((macs / 1e9).toPrecision(3))}B`);
  });
});

test.describe("screenshots", () => {
  for (const [width, height] of [
    [1280, 900],
    [375, 812],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      test(`${scheme} ${width}px`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height });
        await page.goto("/?model=efficientnet&phi=3.5&alpha=1.4");
        await expect(
          page.getByTestId("chart-params").locator(".recharts-scatter-symbol").first(),
        ).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(
          scheme === "dark",
        );
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await shot(page, `explorer-${scheme}-${width}`, { fullPage: true });
      });
    }
  }
});
