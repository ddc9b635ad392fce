/**
 * The two catalogues stay complete and in step: the same keys, the same ICU arguments per
 * message, every Chinese message actually in Chinese (or a term both languages write the
 * same way), and every message id that lib/ emits (msg("ns.key")) present in both.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { LOCALES } from "@/lib/i18n/locale";
import { MESSAGES, type MessageTree, NAMESPACES } from "@/lib/i18n/messages";

function leaves(tree: MessageTree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(path, v);
    else for (const [p, s] of leaves(v, path)) out.set(p, s);
  }
  return out;
}

/** Argument names of an ICU message: {name}, {name, plural, ...}, {name, number}. */
function args(message: string): string[] {
  return [
    ...new Set([...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]!)),
  ].sort();
}

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
/** Written the same in both languages (names, units, method names). */
const SAME_IN_BOTH = /^[\s\d{}#.,:;()/%×·+=\-–—→A-Za-z0-9_αβγφ²]*$/;
const ALLOWED_LATIN_ONLY = new Set([
  "CAM",
  "Grad-CAM",
  "Grad-CAM++",
  "Score-CAM",
  "LayerCAM",
  "CSV",
  "JSON",
  "PNG",
  "SVG",
  "MACs",
  "FLOPs",
  "GFLOPs",
  "WebGPU",
  "WebGL",
  "WASM",
  "CPU",
  "TensorFlow.js",
  "ImageNet",
  "English",
]);

describe("message catalogues", () => {
  const en = new Map(NAMESPACES.map((ns) => [ns, leaves(MESSAGES.en[ns])]));

  for (const ns of NAMESPACES) {
    it(`${ns}: every language has the same keys and arguments`, () => {
      const base = en.get(ns)!;
      for (const locale of LOCALES) {
        const other = leaves(MESSAGES[locale][ns]);
        expect([...other.keys()].sort(), `${locale}/${ns}.json keys`).toEqual(
          [...base.keys()].sort(),
        );
        for (const [k, v] of base) {
          expect(args(other.get(k) ?? ""), `${locale}: ${ns}.${k} arguments`).toEqual(args(v));
        }
      }
    });

    it(`${ns}: the Chinese messages are in Chinese`, () => {
      for (const [k, v] of leaves(MESSAGES.zh[ns])) {
        const text = v.replace(/\{[^{}]*\}/g, "").trim();
        if (CJK.test(text) || text === "") continue;
        const ok =
          SAME_IN_BOTH.test(text) &&
          [...text.matchAll(/[A-Za-z][\w.+-]*/g)].every(
            (m) => ALLOWED_LATIN_ONLY.has(m[0]) || /^[A-Z]\d*$/.test(m[0]),
          );
        expect(ok, `zh ${ns}.${k} = ${JSON.stringify(v)} is not translated`).toBe(true);
      }
    });
  }

  it("every message id lib/ emits exists in both catalogues", () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) files.push(p);
      }
    };
    walk("lib");
    // Any string literal shaped like "<namespace>.<key>" in lib/ is a message id.
    const idLiteral = new RegExp(`"((?:${NAMESPACES.join("|")})\\.[\\w.]+)"`, "g");
    const ids = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(idLiteral)) ids.add(m[1]!);
    }
    expect(ids.size).toBeGreaterThan(5);
    for (const locale of LOCALES) {
      const all = new Set(
        NAMESPACES.flatMap((ns) =>
          [...leaves(MESSAGES[locale][ns]).keys()].map((k) => `${ns}.${k}`),
        ),
      );
      for (const id of ids) expect(all.has(id), `${locale} lacks ${id}`).toBe(true);
    }
  });
});
