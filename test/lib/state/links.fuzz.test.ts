/**
 * Issue 11 §1: every page reads any link without throwing. 10,000 generated links per page
 * go through the exact functions the pages use (app/*\/page.tsx: `queryString` of Next's
 * searchParams object, then the page's parser), with keys named like built-ins, repeated
 * keys, unknown keys, bad encodings and bad values; each unknown or repeated key must come
 * back as a note.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";

import { parseBuildQuery } from "@/components/build/query";
import { COMPARE_PROPS, parseCompareQuery } from "@/components/compare/state";
import { EXPLORER_PROPS } from "@/lib/state/explorer";
import { createExplorerStore } from "@/lib/state/explorerStore";
import { GLOBAL_KEYS, queryString, type PropsTable, type StateNote } from "@/lib/state/props";

const RUNS = 10_000;

const BUILTINS = [
  "toString",
  "hasOwnProperty",
  "valueOf",
  "constructor",
  "isPrototypeOf",
  "__defineGetter__",
  "__lookupSetter__",
  "__proto__",
  "propertyIsEnumerable",
  "toLocaleString",
  "prototype",
];

function keyArb(table: PropsTable): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...Object.keys(table)) },
    { weight: 3, arbitrary: fc.constantFrom(...BUILTINS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom("count", "lang", "x", "", "%", "a b") },
  );
}

const valueArb = fc.oneof(
  fc.constantFrom(
    "1",
    "2.5",
    "-3",
    "0x100",
    "1e400",
    "-1e400",
    "NaN",
    "Infinity",
    "",
    " ",
    "b7",
    "B2",
    "l2",
    "resnet50",
    "mobilenetv2",
    "true",
    "1_000",
    "0b11",
    "%zz",
    "224",
    "4097",
    "31",
    "1e-9",
    "20",
  ),
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: -5000, max: 5000 }).map(String),
  fc.string({ maxLength: 30 }),
);

type Pair = readonly [string, string];
const pairsArb = (table: PropsTable): fc.Arbitrary<readonly Pair[]> =>
  fc.array(fc.tuple(keyArb(table), valueArb), { maxLength: 8 });

/** Next's searchParams: a plain object with the link's keys as own properties (arrays when repeated). */
function nextSearchParams(pairs: readonly Pair[]): Record<string, string | string[]> {
  const o: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const cur = Object.hasOwn(o, k) ? o[k] : undefined;
    const next = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v];
    Object.defineProperty(o, k, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return o;
}

/** Raw link text, sometimes with broken percent-encoding. */
function rawLink(pairs: readonly Pair[], mangle: boolean): string {
  return pairs
    .map(([k, v]) => (mangle ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
    .join("&");
}

/** The notes a link must produce at least: unknown keys, and known keys given twice. */
function expectKeyNotes(table: PropsTable, pairs: readonly Pair[], notes: readonly StateNote[]) {
  const seen = new Set<string>();
  const noted = new Set(notes.map((n) => n.key));
  for (const [k, v] of pairs) {
    // The language key belongs to every page; the layout reads it (lib/i18n/locale.ts).
    if (GLOBAL_KEYS.includes(k)) {
      expect(noted.has(k), `global key ${k} has no page note`).toBe(false);
      continue;
    }
    if (!Object.hasOwn(table, k)) {
      expect(noted.has(k), `unknown key ${JSON.stringify(k)} has a note`).toBe(true);
    } else if (seen.has(k)) {
      expect(noted.has(k), `repeated key ${k} has a note`).toBe(true);
    } else if (v.trim() !== "") {
      seen.add(k);
    }
    if (Object.hasOwn(table, k) && !seen.has(k) && v.trim() === "") seen.add(k);
  }
}

const inputArb = (table: PropsTable) =>
  fc.record({ pairs: pairsArb(table), form: fc.constantFrom("next", "raw", "mangled") });

function pageQuery(pairs: readonly Pair[], form: string): string {
  // What app/*/page.tsx does with Next's searchParams, or a raw address-bar query.
  if (form === "next") return queryString(nextSearchParams(pairs));
  return queryString(rawLink(pairs, form === "mangled"));
}

describe(`${RUNS} generated links per page, through the pages' own parsers`, () => {
  test("/ (explorer store)", () => {
    fc.assert(
      fc.property(inputArb(EXPLORER_PROPS), ({ pairs, form }) => {
        const q = pageQuery(pairs, form);
        const s = createExplorerStore(q).getState();
        expect(Number.isFinite(s.calc.totals.macs)).toBe(true);
        if (form !== "mangled") expectKeyNotes(EXPLORER_PROPS, pairs, s.linkNotes);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  test("/build", () => {
    fc.assert(
      fc.property(inputArb(EXPLORER_PROPS), ({ pairs, form }) => {
        const r = parseBuildQuery(pageQuery(pairs, form));
        if (!r.ok) expect(r.message.length).toBeLessThan(400);
        if (form !== "mangled") expectKeyNotes(EXPLORER_PROPS, pairs, r.notes);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  test("/compare", () => {
    fc.assert(
      fc.property(inputArb(COMPARE_PROPS), ({ pairs, form }) => {
        const r = parseCompareQuery(pageQuery(pairs, form));
        if (form !== "mangled") expectKeyNotes(COMPARE_PROPS, pairs, r.notes);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  test.each(["/", "/build", "/compare"])("%s: the issue's repro keys get a note", (page) => {
    for (const k of [...BUILTINS, "bogus"]) {
      const q = queryString(nextSearchParams([[k, "1"]]));
      const notes =
        page === "/"
          ? createExplorerStore(q).getState().linkNotes
          : page === "/build"
            ? parseBuildQuery(q).notes
            : parseCompareQuery(q).notes;
      expect(notes.map((n) => n.message)).toContainEqual(
        expect.stringContaining(`unknown key "${k}" ignored`),
      );
    }
    const twice = page === "/compare" ? "x=2&x=3" : "phi=1&phi=2";
    const notes =
      page === "/"
        ? createExplorerStore(twice).getState().linkNotes
        : page === "/build"
          ? parseBuildQuery(twice).notes
          : parseCompareQuery(twice).notes;
    expect(notes.map((n) => n.message)).toContainEqual(
      expect.stringContaining("given more than once; using the first value"),
    );
  });
});
