import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import { describe, expect, it } from "vitest";

import {
  TABLE2,
  TABLE4,
  TABLE4_SPEEDUPS,
  TABLE5,
  TABLE5_GEO_MEAN,
  TRANSFER_DATASETS,
} from "@/lib/paper";

const PAPER = readFileSync(
  resolve(__dirname, "../../../../shared/seeds/000_c5eae5b74a6085e4.txt"),
  "utf8",
);
const lines = PAPER.split("\n");
const pct = (v: number) => `${v.toFixed(1)}%`;

describe("paper table 4 (latency)", () => {
  it("rows are the printed lines, value for value", () => {
    const row = (n: number) => lines.filter((l) => /@ [\d.]+s/.test(l))[n - 1] ?? "";
    for (const r of TABLE4) {
      expect(row(r.source.row)).toContain(`${r.name}\t${pct(r.top1)} @ ${r.latencySec}`);
    }
    expect(TABLE4.find((r) => r.name === "EfficientNet-B1")?.latencySec).toBe(0.098);
    expect(TABLE4.find((r) => r.name === "GPipe")?.latencySec).toBe(19.0);
  });

  it("each printed speedup is the latency ratio of its column, to one decimal", () => {
    for (const s of TABLE4_SPEEDUPS) {
      const base = TABLE4.find((r) => r.name === s.baseline)!;
      const ours = TABLE4.find((r) => r.name === s.ours)!;
      expect(base.source.column).toBe(s.source.column);
      expect(ours.source.column).toBe(s.source.column);
      expect(Number((base.latencySec / ours.latencySec).toFixed(1))).toBe(s.speedup);
    }
  });

  it("names match table 2's models (so the chart can place them by FLOPS)", () => {
    for (const r of TABLE4.filter((r) => r.name !== "GPipe")) {
      expect(TABLE2.some((m) => m.name === r.name)).toBe(true);
    }
  });
});

describe("paper table 5 (transfer learning)", () => {
  it("has the eight datasets in printed order, rows 1..8", () => {
    expect(TABLE5.map((r) => r.dataset)).toEqual([...TRANSFER_DATASETS]);
    expect(TABLE5.map((r) => r.source.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("every number is on its dataset's printed line", () => {
    for (const r of TABLE5) {
      const line = lines.find((l) => l.startsWith(`${r.dataset}\t`));
      expect(line, r.dataset).toBeDefined();
      const plain = line!.replace(/<\/?b>|<sup>\d<\/sup>\s?/g, "");
      const cells = plain.split("\t");
      const p = r.publicModels;
      const q = r.reported;
      const M = (v: number | null) => (v === null ? "-" : `${v}M`);
      expect(cells.slice(1, 7)).toEqual([
        p.theirs.model,
        pct(p.theirs.acc),
        M(p.theirs.paramsM),
        p.ours.model,
        pct(p.ours.acc),
        `${M(p.ours.paramsM)} (${p.ratio}x)`,
      ]);
      expect(cells[7]!.toLowerCase()).toBe(q.theirs.model.toLowerCase()); // "Gpipe" as printed
      expect(cells.slice(8, 13)).toEqual([
        pct(q.theirs.acc),
        M(q.theirs.paramsM),
        q.ours.model,
        pct(q.ours.acc),
        q.ratio === null ? "-" : `${M(q.ours.paramsM)} (${q.ratio}x)`,
      ]);
      // Bold marks as printed, cell by cell.
      const raw = line!.split("\t");
      const bold = (i: number) => raw[i]!.startsWith("<b>");
      expect([bold(2), bold(5), bold(8), bold(11)]).toEqual([
        p.theirs.bold,
        p.ours.bold,
        q.theirs.bold,
        q.ours.bold,
      ]);
    }
  });

  it("EfficientNet is best on 5 of 8 datasets against the best reported results", () => {
    expect(TABLE5.filter((r) => r.reported.ours.bold).length).toBe(5);
  });

  it("the geometric means of the printed ratios are the printed 4.7x and 9.6x", () => {
    const geo = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
    const pub = TABLE5.map((r) => r.publicModels.ratio!);
    const rep = TABLE5.flatMap((r) => (r.reported.ratio === null ? [] : [r.reported.ratio]));
    expect(Number(geo(pub).toFixed(1))).toBe(TABLE5_GEO_MEAN.publicModels);
    expect(Number(geo(rep).toFixed(1))).toBe(TABLE5_GEO_MEAN.reported);
  });

  it("printed ratios are the parameter quotients, except Oxford-IIIT Pets (noted)", () => {
    for (const r of TABLE5) {
      for (const c of [r.publicModels, r.reported]) {
        if (c.ratio === null) continue;
        const q = c.theirs.paramsM! / c.ours.paramsM!;
        const ok = Math.abs(q - c.ratio) / c.ratio < 0.05;
        if (r.dataset === "Oxford-IIIT Pets" && c === r.publicModels) {
          expect(ok).toBe(false);
          expect(r.note).toMatch(/does not equal/);
        } else expect(ok, `${r.dataset} ${c.theirs.model}`).toBe(true);
      }
    }
  });
});
