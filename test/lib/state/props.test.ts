import fc from "fast-check";
import { describe, expect, test } from "vitest";

import {
  booleanProp,
  correctValue,
  defaults,
  defineProps,
  enumProp,
  numberProp,
  parseQuery,
  serializeQuery,
  validateValues,
} from "@/lib/state/props";

// A second page's table: the machinery must not depend on the explorer's keys.
const TABLE = defineProps({
  model: enumProp(["a", "b", "c"] as const, "a", "Model"),
  target: numberProp({ label: "Target", min: 0.01, max: 100, default: 1.8, digits: 4 }),
  count: numberProp({ label: "Count", min: 1, max: 10, default: 3, integer: true }),
  show: booleanProp(true, "Show"),
});

describe("props table", () => {
  test("defaults come from the table", () => {
    expect(defaults(TABLE)).toEqual({ model: "a", target: 1.8, count: 3, show: true });
  });

  test("parses good values and reports none", () => {
    const r = parseQuery(TABLE, "?model=B&target=2.5&count=7&show=false");
    expect(r.values).toEqual({ model: "b", target: 2.5, count: 7, show: false });
    expect([...r.present].sort()).toEqual(["count", "model", "show", "target"]);
    expect(r.notes).toEqual([]);
  });

  test.each([
    ["model=zzz", "model", "a", /not one of a, b, c/],
    ["target=abc", "target", 1.8, /not a number; using the default 1.8/],
    ["target=1e9", "target", 100, /out of range \(0.01 to 100\); using 100/],
    ["target=-5", "target", 0.01, /out of range/],
    ["count=2.6", "count", 3, /not a whole number; rounded to 3/],
    ["count=99", "count", 10, /out of range/],
    ["show=maybe", "show", true, /not true\/false/],
    ["target=Infinity", "target", 1.8, /not a number/],
  ])("corrects %s with a note", (q, key, value, message) => {
    const r = parseQuery(TABLE, q);
    expect(r.values[key as keyof typeof r.values]).toBe(value);
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]!.key).toBe(key);
    expect(r.notes[0]!.message).toMatch(message);
  });

  test("unknown, repeated and empty keys are notes, not errors", () => {
    const r = parseQuery(TABLE, "foo=1&count=2&count=5&target=");
    expect(r.values.count).toBe(2);
    expect(r.values.target).toBe(1.8);
    expect(r.notes.map((n) => n.key)).toEqual(["foo", "count", "target"]);
    expect(parseQuery(TABLE, "foo=1", { ignore: ["foo"] }).notes).toEqual([]);
  });

  test("accepts URLSearchParams and Next searchParams objects", () => {
    expect(parseQuery(TABLE, new URLSearchParams("count=4")).values.count).toBe(4);
    expect(parseQuery(TABLE, { count: ["5", "6"], model: "c", x: undefined }).values).toMatchObject(
      {
        count: 5,
        model: "c",
      },
    );
  });

  test("serializes in table order, trims float noise, omits defaults on request", () => {
    const v = { model: "b", target: 0.1 + 0.2, count: 3, show: true } as const;
    expect(serializeQuery(TABLE, v)).toBe("model=b&target=0.3&count=3&show=true");
    expect(serializeQuery(TABLE, v, { omitDefaults: true })).toBe("model=b&target=0.3");
    expect(serializeQuery(TABLE, v, { keys: ["count"] })).toBe("count=3");
  });

  test("round trip: any valid values survive serialize -> parse", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("a", "b", "c"),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        (model, target, count, show) => {
          const t = Number(target.toPrecision(4));
          fc.pre(t >= 0.01 && t <= 100);
          const v = { model, target: t, count, show };
          const r = parseQuery(TABLE, serializeQuery(TABLE, v));
          expect(r.notes).toEqual([]);
          expect(r.values).toEqual(v);
        },
      ),
    );
  });

  test("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (k, v) => {
        const q = new URLSearchParams();
        q.set(k, v);
        q.set("target", v);
        const r = parseQuery(TABLE, q);
        expect(r.values.target).toBeGreaterThanOrEqual(0.01);
        expect(r.values.target).toBeLessThanOrEqual(100);
      }),
    );
  });

  test("correctValue and validateValues", () => {
    expect(correctValue(TABLE.count, 4)).toEqual({ value: 4, note: null, msgs: [] });
    const r = validateValues(TABLE, { count: 50, model: "q" as never });
    expect(r.values).toMatchObject({ count: 10, model: "a", target: 1.8 });
    expect(r.notes.map((n) => n.key)).toEqual(["model", "count"]);
  });
});
