/**
 * Issue 11 §1: generated argv and `--batch` lines through the CLI's own request parsing
 * (cli/batch.ts, used by cli/scale.ts) throw nothing but the typed configuration errors,
 * and a batch line always yields one JSON result.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";

import { UsageError } from "@/cli/args";
import { batchLine, oneLine, readArgv, requestOf } from "@/cli/batch";
import { calculate } from "@/lib/calculator";
import { CountOverflowError } from "@/lib/cost/analyze";
import { ConfigError, REQUEST_KEYS } from "@/lib/scaling/request";

export const ARGV_RUNS = 3_000;
export const BATCH_RUNS = 3_000;

const typed = (e: unknown): boolean =>
  e instanceof ConfigError || e instanceof UsageError || e instanceof CountOverflowError;

const NAMES = [
  ...REQUEST_KEYS,
  "layers",
  "json",
  "batch",
  "toString",
  "constructor",
  "__proto__",
  "hasOwnProperty",
  "valueOf",
];
const TEXT = fc.oneof(
  fc.constantFrom("1", "0x100", "1e400", "-1", "NaN", "", "b2", "resnet50", "224", "1_0", "2.5e0"),
  fc.double().map(String),
  fc.integer({ min: -100, max: 5000 }).map(String),
  fc.string({ maxLength: 20 }),
);

const argvArb = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom(...NAMES), TEXT).map(([k, v]) => [`--${k}`, v]),
    fc.tuple(fc.constantFrom(...NAMES), TEXT).map(([k, v]) => [`--${k}=${v}`]),
    TEXT.map((v) => [v]),
  ),
  { maxLength: 6 },
);

/** JSON values of every kind, including built-in key names and deep nesting. */
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  TEXT,
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ toString: 1 }),
  fc.constant({ valueOf: "x" }),
  fc.integer({ min: 1, max: 3000 }).map((n) => JSON.parse("[".repeat(n) + "]".repeat(n))),
  fc.array(fc.integer(), { maxLength: 3 }),
);

const lineArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .dictionary(fc.constantFrom(...NAMES), jsonValue, { maxKeys: 5 })
      .map((o) => JSON.stringify(o)),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{"phi":1e400}', '{"__proto__":{"phi":1}}', "[1]", "null", '"x"'),
  },
);

describe("CLI request parsing under generated input", () => {
  test(`${ARGV_RUNS} argv vectors: only ConfigError / UsageError`, () => {
    fc.assert(
      fc.property(argvArb, (parts) => {
        try {
          calculate(requestOf(readArgv(parts.flat()).values));
        } catch (e) {
          if (!typed(e)) throw e;
          expect(oneLine(e)).not.toMatch(/\n|internal error/);
        }
      }),
      { numRuns: ARGV_RUNS },
    );
  });

  test(`${BATCH_RUNS} batch lines: one JSON result each, never an internal error`, () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        const out = batchLine(line, 1, false) as { error?: string };
        JSON.stringify(out);
        if (out.error !== undefined) {
          expect(out.error).not.toMatch(/internal error/);
          expect(out.error.length).toBeLessThan(400);
        }
      }),
      { numRuns: BATCH_RUNS },
    );
  });

  test("the issue's batch repros", () => {
    const err = (line: string) => (batchLine(line, 1, false) as { error?: string }).error ?? "";
    expect(err('{"preset":{"toString":1}}')).toMatch(/--preset: unknown preset an object/);
    const deep = `{"phi":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    expect(err(deep)).toMatch(/--phi: expected a number from -10 to 20, got an array/);
    const big = err(`{"phi":"${"9".repeat(20_000_000)}x"}`);
    expect(big.length).toBeLessThan(200);
    expect(big).toMatch(/--phi: .*"9{40}\.\.\."/);
    expect(err('{"phi":1e400}')).toMatch(/not finite/);
    expect(err('{"phi":1e400}')).not.toMatch(/null/);
    expect(err('{"resolution":"0x100"}')).toMatch(/decimal notation, got "0x100"/);
  });
});
