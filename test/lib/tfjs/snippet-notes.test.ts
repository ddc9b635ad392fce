/**
 * Every note beside an export snippet, for every baseline at several widths and depths, is
 * one catalogue message: the English catalogue formats it to exactly the English text the
 * CLI prints, and the Chinese catalogue has it with the same arguments and no code token
 * outside them (code is passed as a value and shown as data).
 */
import { createTranslator } from "next-intl";
import { describe, expect, test } from "vitest";

import { BASELINES } from "@/lib/arch/baselines";
import type { ModelId } from "@/lib/arch/types";
import { MESSAGES } from "@/lib/i18n/messages";
import { calculate } from "@/lib/calculator";
import { parseRequest } from "@/lib/scaling/request";
import { codeSnippets } from "@/lib/tfjs/snippets";

const en = createTranslator({ locale: "en", messages: MESSAGES.en });
const zh = createTranslator({ locale: "zh", messages: MESSAGES.zh });
type T = typeof en;

const CASES = [
  { width: 1, depth: 1 },
  { width: 1.4, depth: 1 },
  { width: 1, depth: 1.8 },
  { width: 0.5, depth: 2.2 },
];

const format = (t: T, id: string, values: Record<string, string | number> | undefined) =>
  (t as unknown as (id: string, v?: Record<string, string | number>) => string)(id, values);

describe("export snippet notes are catalogue messages", () => {
  for (const model of Object.keys(BASELINES) as ModelId[]) {
    test(model, () => {
      let seen = 0;
      for (const c of CASES) {
        const spec = calculate(parseRequest({ model, ...c, classes: 10 })).spec;
        for (const s of codeSnippets(spec)) {
          expect(s.noteMsgs).toHaveLength(s.notes.length);
          s.notes.forEach((text, i) => {
            const m = s.noteMsgs[i]!;
            seen++;
            expect(en.has(m.id as never), m.id).toBe(true);
            expect(format(en, m.id, m.values)).toBe(text);
            const chinese = format(zh, m.id, m.values);
            expect(chinese).toMatch(/[\u4e00-\u9fff]/);
            // Code tokens (snake_case, calls, comparisons) only inside the values.
            let rest = chinese;
            for (const v of Object.values(m.values ?? {})) rest = rest.replaceAll(String(v), "");
            expect(rest, m.id).not.toMatch(/[a-z]+_[a-z]|\w\(|!=|>=/);
          });
        }
      }
      expect(seen).toBeGreaterThan(0);
    });
  }
});
