// Runs in the "components" vitest project (jsdom).
import { act, cleanup, fireEvent, render, screen, waitFor } from "@/test/components/intl";
import { afterEach, describe, expect, test } from "vitest";
import { Scatter, ScatterChart, XAxis, YAxis, Legend } from "recharts";

import { Button, buttonClass } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { ChartFrame } from "@/components/ui/ChartFrame";
import { csvFile, download, downloadDataUrl, safeFilename } from "@/components/ui/download";
import { DownloadButton } from "@/components/ui/DownloadButton";

import { recordDownloads } from "./downloads";

afterEach(cleanup);
const saved = recordDownloads();

describe("Card and Button", () => {
  test("a card is a section labelled by its heading, with actions", () => {
    render(
      <Card id="demo" title="Demo card" actions={<Button>Go</Button>}>
        body
      </Card>,
    );
    const section = screen.getByTestId("demo");
    expect(section.tagName).toBe("SECTION");
    expect(section.getAttribute("aria-labelledby")).toBe("demo-h");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Demo card");
    expect(screen.getByRole("button", { name: "Go" })).toBeTruthy();
  });

  test("button variants differ, default to type=button, and disable", () => {
    render(
      <>
        <Button data-testid="a">A</Button>
        <Button data-testid="b" variant="primary" disabled>
          B
        </Button>
      </>,
    );
    const a = screen.getByTestId("a") as HTMLButtonElement;
    const b = screen.getByTestId("b") as HTMLButtonElement;
    expect(a.type).toBe("button");
    expect(a.className).toBe(buttonClass("default"));
    expect(b.className).toBe(buttonClass("primary"));
    expect(a.className).not.toBe(b.className);
    expect(b.disabled).toBe(true);
  });
});

describe("download helper", () => {
  test("text, bytes and CSV become blobs with their type under a safe name", async () => {
    download("a,b\r\n", "t.csv", "text/csv");
    download(new Uint8Array([1, 2, 3]), "x/y:z.bin");
    const f = csvFile("rows.csv", ["k", "note"], [["a", 'say "hi", then go']]);
    download(f.data, f.filename, f.type);
    expect(saved.map((s) => s.filename)).toEqual(["t.csv", "x_y_z.bin", "rows.csv"]);
    expect(await saved[0]!.blob!.text()).toBe("a,b\r\n");
    expect(saved[0]!.blob!.type).toBe("text/csv");
    expect(new Uint8Array(await saved[1]!.blob!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(await saved[2]!.blob!.text()).toBe('k,note\r\na,"say ""hi"", then go"\r\n');
  });

  test("data URLs are saved as given; anything else is refused", () => {
    downloadDataUrl("data:text/plain;base64,aGk=", "hi.txt");
    expect(saved[0]).toMatchObject({ filename: "hi.txt", href: "data:text/plain;base64,aGk=" });
    expect(() => downloadDataUrl("javascript:alert(1)", "x")).toThrow(/data: URL/);
    expect(safeFilename("..")).toBe("download");
    expect(safeFilename("a\u0000b")).toBe("a_b");
  });

  test("DownloadButton saves what make() returns, async too, and shows a failure", async () => {
    let fail = false;
    render(
      <DownloadButton
        testId="dl"
        make={async () => {
          if (fail) throw new Error("nothing to save");
          return [
            { data: "one", filename: "1.txt" },
            { data: "two", filename: "2.txt" },
          ];
        }}
      >
        Save
      </DownloadButton>,
    );
    await act(async () => fireEvent.click(screen.getByTestId("dl")));
    expect(saved.map((s) => s.filename)).toEqual(["1.txt", "2.txt"]);
    fail = true;
    await act(async () => fireEvent.click(screen.getByTestId("dl")));
    expect(screen.getByRole("alert").textContent).toBe("Download failed: nothing to save");
    expect(saved).toHaveLength(2);
  });
});

describe("ChartFrame", () => {
  const data = [
    { x: 1, y: 2 },
    { x: 3, y: 5 },
  ];
  function Demo() {
    return (
      <ChartFrame
        id="demo"
        title="Demo chart"
        note="(test)"
        exportTitle="Demo chart (exported)"
        filename="demo-chart"
        caption="What the dots are."
      >
        <ScatterChart width={400} height={240}>
          <XAxis type="number" dataKey="x" />
          <YAxis type="number" dataKey="y" />
          <Legend />
          <Scatter name="Series A" data={data} fill="#dc2626" isAnimationActive={false} />
        </ScatterChart>
      </ChartFrame>
    );
  }

  test("exports the drawn chart as a standalone SVG blob with title and legend", async () => {
    render(<Demo />);
    expect(screen.getByTestId("chart-demo").tagName).toBe("FIGURE");
    expect(screen.getByText("What the dots are.")).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId("chart-demo").querySelector("svg.recharts-surface")).toBeTruthy(),
    );
    await act(async () => fireEvent.click(screen.getByTestId("export-svg-demo")));
    expect(saved).toHaveLength(1);
    expect(saved[0]!.filename).toBe("demo-chart.svg");
    const blob = saved[0]!.blob!;
    expect(blob.type).toMatch(/^image\/svg\+xml/);
    const text = await blob.text();
    const svg = new DOMParser().parseFromString(text, "image/svg+xml");
    const root = svg.documentElement;
    expect(root.tagName).toBe("svg");
    expect(root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    expect(root.getAttribute("width")).toBe("400");
    const texts = Array.from(root.querySelectorAll("text")).map((t) => t.textContent);
    expect(texts).toContain("Demo chart (exported)");
    expect(texts).toContain("Series A");
    // A solid background first, in the light theme's colour.
    expect(root.querySelector("rect")?.getAttribute("fill")).toBe("#ffffff");
    // The points themselves are in the export.
    expect(root.querySelectorAll(".recharts-scatter-symbol").length).toBe(2);
  });

  test("PNG export without a 2D canvas says so instead of saving nothing silently", async () => {
    render(<Demo />);
    await act(async () => fireEvent.click(screen.getByTestId("export-png-demo")));
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toMatch(/no 2D canvas available/),
    );
    expect(saved).toHaveLength(0);
  });
});
