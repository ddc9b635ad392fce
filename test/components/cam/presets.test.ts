// @vitest-environment node
/**
 * The /cam model list is computed when the module loads (the server renders it too), so a
 * throwing entry would take the whole page down with a 500. Every choice must give a source
 * for the default and a same-site base URL, every baseline must be offered once as a builder
 * network, and ids must be unique (they are the `model` URL key's values).
 */
import { describe, expect, it } from "vitest";

import { BUILTIN_MODEL_URL, MODEL_CHOICES } from "@/components/cam/presets";
import { MODEL_IDS } from "@/lib/arch/types";
import { DEFAULT_MODEL_BASE_URL } from "@/lib/tfjs/model-load";

describe("CAM model choices", () => {
  it("ids are unique and the built-in model comes first", () => {
    const ids = MODEL_CHOICES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(MODEL_CHOICES[0].source(DEFAULT_MODEL_BASE_URL)).toEqual({
      kind: "url",
      url: BUILTIN_MODEL_URL,
    });
  });

  it("every choice gives a source for the default host and for a same-site path", () => {
    for (const c of MODEL_CHOICES) {
      for (const base of [DEFAULT_MODEL_BASE_URL, "/models"]) {
        const s = c.source(base);
        if (s.kind === "url")
          expect(s.url, c.id).toMatch(/^(https:\/\/|\/).*model\.json(\?[^/]*)?$/);
        else expect(s.kind, c.id).toBe("builder");
      }
    }
  });

  it("offers every baseline exactly once as a builder network", () => {
    const models = MODEL_CHOICES.flatMap((c) => {
      const s = c.source(DEFAULT_MODEL_BASE_URL);
      return s.kind === "builder" ? [s.request.model] : [];
    });
    expect([...models].sort()).toEqual([...MODEL_IDS].sort());
  });
});
