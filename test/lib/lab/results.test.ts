import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { MESSAGES } from "@/lib/i18n/messages";
import {
  conclusion,
  conclusionLines,
  resultToCsv,
  shareWith,
  summarize,
  type ExperimentResult,
  type RunResult,
} from "@/lib/lab/results";
import { labRun } from "./run-fixture";

const run = labRun;

const withRuns = (runs: RunResult[]) => ({ runs }) as unknown as ExperimentResult;

describe("summary and conclusion", () => {
  const cam = (e: number, chance?: number, centre?: number) => ({
    pointingGame: 0.1,
    energyInBox: e,
    ...(chance !== undefined ? { pointingChance: chance + 0.05, energyChance: chance } : {}),
    ...(centre !== undefined ? { pointingFixed: 0.5, energyCentre: centre } : {}),
  });

  it("averages the CAM scores and their chance level per strategy", () => {
    const s = summarize([
      run("base", 1, 0.2, null),
      run("compound", 1, 0.3, cam(0.3, 0.16)),
      run("compound", 2, 0.2, cam(0.2, 0.18)),
    ]);
    expect(s.map((r) => r.strategy)).toEqual(["base", "compound"]);
    const c = s[1]!;
    expect(c.testAccuracyMean).toBeCloseTo(0.25, 12);
    expect(c.testAccuracyStd).toBeCloseTo(Math.SQRT1_2 * 0.1, 12);
    expect(c.energyInBoxMean).toBeCloseTo(0.25, 12);
    expect(c.energyChanceMean).toBeCloseTo(0.17, 12);
    expect(c.pointingChanceMean).toBeCloseTo(0.22, 12);
    expect(s[0]!.energyChanceMean).toBeNull();
  });

  it("reads the CAM energy against a flat map's", () => {
    const above = conclusion(withRuns([run("compound", 1, 0.3, cam(0.3, 0.16))]), 0.1);
    expect(above.at(-1)).toBe(
      "The most energy inside the object boxes: compound (30.0%; a flat map that ignores the image scores 16.0%).",
    );
    const below = conclusion(
      withRuns([run("width", 1, 0.3, cam(0.15, 0.16)), run("depth", 1, 0.2, cam(0.12, 0.16))]),
      0.1,
    );
    expect(below.at(-1)).toMatch(
      /^No network's class activation maps put more energy .* \(best: width, 15\.0%; flat: 16\.0%\)/,
    );
    // Above a flat map but not above a fixed map peaking at the centre, each network against
    // its own map size's: not a sign of looking at the object.
    const centred = conclusion(
      withRuns([
        run("resolution", 1, 0.3, cam(0.21, 0.168, 0.215)),
        run("base", 1, 0.25, cam(0.169, 0.169, 0.169)),
      ]),
      0.1,
    );
    expect(centred.at(-1)).toBe(
      "No network's class activation maps put more energy inside the object boxes than a fixed map peaking at the image centre (best: resolution, 21.0%; centre map: 21.5%; flat: 16.8%): the maps do not yet look at the object beyond where objects usually are.",
    );
    const beyond = conclusion(withRuns([run("compound", 1, 0.3, cam(0.25, 0.168, 0.2))]), 0.1);
    expect(beyond.at(-1)).toBe(
      "The most energy inside the object boxes: compound (25.0%; a flat map that ignores the image scores 16.8%, a fixed map peaking at the centre 20.0%).",
    );
    // Experiments saved before the chance level was recorded keep the old sentence.
    const old = conclusion(withRuns([run("width", 1, 0.3, cam(0.15))]), 0.1);
    expect(old.at(-1)).toBe("The most energy inside the object boxes: width (15.0%).");
  });

  it("reads the pointing game against the best fixed cell, each network against its own", () => {
    // Point, random cell, best fixed cell.
    const at = (p: number, random: number, fixed: number) => ({
      pointingGame: p,
      energyInBox: 0.2,
      pointingChance: random,
      energyChance: 0.17,
      pointingFixed: fixed,
      energyCentre: 0.2,
    });
    const line = (runs: RunResult[]) =>
      conclusion(withRuns(runs), 0.1).find((l) => l.startsWith("Pointing game"));
    // 43% looks good beside a random cell's 22%, but a fixed cell on its map hits 59%; the
    // 3x3-map network hits less often but beats its own fixed cell by more.
    const cases: [number, string][] = [
      [
        0.253,
        "Pointing game: no network's map peaks inside the object box more often than always pointing at the best fixed cell would (closest: compound, 25.3% against 31.3%; a random cell 22.3%).",
      ],
      [
        0.4,
        "Pointing game: compound's map peaks inside the object box 40.0% of the time, above always pointing at the best fixed cell (31.3%; a random cell 22.3%).",
      ],
    ];
    for (const [compound, text] of cases) {
      const runs = [
        run("resolution", 1, 0.3, at(0.43, 0.224, 0.594)),
        run("compound", 1, 0.3, at(compound, 0.223, 0.313)),
      ];
      expect(line(runs)).toBe(text);
    }
    // Experiments saved before the fixed cell was recorded: no such line.
    expect(line([run("compound", 1, 0.3, cam(0.3, 0.16))])).toBeUndefined();
  });

  it("says when compound did not win, and by how much", () => {
    const lines = conclusion(
      withRuns([
        run("base", 1, 0.2, null),
        run("resolution", 1, 0.25, null),
        run("compound", 1, 0.22, null),
        run("depth", 1, 0.15, null),
      ]),
      0.1,
    );
    expect(lines).toEqual([
      "The base network reached 20.0% test accuracy (chance is 10.0%).",
      "At equal cost, resolution scaling scored best: 25.0% (one seed: no spread).",
      "Compound scaling did not win here: 22.0%, 3.0% behind resolution.",
      "Scaled below the base: depth (short training favours small nets).",
    ]);
  });

  it("writes the chance and fixed-map levels to the CSV", () => {
    const csv = resultToCsv(
      withRuns([run("compound", 1, 0.3, cam(0.3, 0.16, 0.2)), run("base", 1, 0.2, null)]),
    );
    const [head, a, b] = csv.trim().split("\n");
    expect(head!.split(",").slice(-6)).toEqual([
      "pointingGame",
      "energyInBox",
      "pointingChance",
      "energyChance",
      "pointingFixed",
      "energyCentre",
    ]);
    const nums = a!.split(",").slice(-6).map(Number);
    [0.1, 0.3, 0.21, 0.16, 0.5, 0.2].forEach((v, k) => expect(nums[k]).toBeCloseTo(v, 12));
    expect(b!.split(",").slice(-6)).toEqual(["", "", "", "", "", ""]);
  });
});

describe("the conclusion's messages", () => {
  const en = createTranslator({ locale: "en", messages: MESSAGES.en });
  const zh = createTranslator({ locale: "zh", messages: MESSAGES.zh });
  // The page's markup tags (components/lab/i18n.tsx) as plain text.
  const plain = (c: string) => c;
  const format = (t: typeof en, id: string, values: Readonly<Record<string, string | number>>) =>
    (
      t as unknown as {
        markup(id: string, v: Record<string, string | number | ((c: string) => string)>): string;
      }
    ).markup(id, { ...values, raw: plain, b: plain, code: plain });
  const full = (p: number, e: number, fixed: number, centre: number) => ({
    pointingGame: p,
    energyInBox: e,
    pointingChance: 0.22,
    energyChance: 0.168,
    pointingFixed: fixed,
    energyCentre: centre,
  });
  // Experiments that between them reach every kind of sentence.
  const experiments: RunResult[][] = [
    [],
    [labRun("base", 1, 0.2, null), labRun("compound", 1, 0.3, full(0.5, 0.25, 0.3, 0.2))],
    [
      labRun("base", 1, 0.3, null),
      labRun("depth", 1, 0.2, full(0.2, 0.16, 0.3, 0.17)),
      labRun("compound", 1, 0.25, full(0.25, 0.17, 0.31, 0.2)),
      labRun("compound", 2, 0.27, full(0.25, 0.17, 0.31, 0.2)),
    ],
    [labRun("width", 1, 0.3, { pointingGame: 0.1, energyInBox: 0.15 })],
    [
      labRun("width", 1, 0.3, {
        pointingGame: 0.1,
        energyInBox: 0.15,
        pointingChance: 0.2,
        energyChance: 0.16,
      }),
    ],
    [
      labRun("resolution", 1, 0.3, null),
      labRun("compound", 1, 0.29, null),
      labRun("compound", 2, 0.31, null),
    ],
  ];
  it("each line is its catalogue message: the English formats to lib's text, Chinese has it", () => {
    const seen = new Set<string>();
    for (const runs of experiments) {
      for (const line of conclusionLines(withRuns(runs), 0.1)) {
        const values = line.msg.values ?? {};
        expect(format(en, line.msg.id, values)).toBe(line.text);
        expect(format(zh, line.msg.id, values)).not.toBe(line.msg.id);
        seen.add(line.msg.id);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });
});

describe("shareWith", () => {
  const exp = (id: string, runs: RunResult[]) =>
    ({
      id,
      runs,
      camImages: [{ index: 3, label: 1, resolution: 2, rgb: new Uint8Array(12), boxes: null }],
    }) as unknown as ExperimentResult;
  it("keeps the earlier snapshot's images and finished runs, takes the new ones", () => {
    const a = labRun("base", 1, 0.2, null);
    const prev = exp("e1", [a]);
    // The next snapshot arrives as a copy (structured clone from the worker).
    const next = structuredClone(exp("e1", [a, labRun("depth", 1, 0.15, null)]));
    const shared = shareWith(prev, next);
    expect(shared.camImages).toBe(prev.camImages);
    expect(shared.runs[0]).toBe(a);
    expect(shared.runs[1]).toBe(next.runs[1]);
    expect(shared).toEqual(next);
  });
  it("shares nothing with another experiment or with none", () => {
    const next = exp("e2", [labRun("base", 1, 0.2, null)]);
    expect(shareWith(exp("e1", []), next)).toBe(next);
    expect(shareWith(null, next)).toBe(next);
  });
});
