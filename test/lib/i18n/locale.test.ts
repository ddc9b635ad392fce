import { describe, expect, it } from "vitest";

import { localeFromAcceptLanguage, localeOfTag, resolveLocale, withLang } from "@/lib/i18n/locale";

describe("locale choice", () => {
  it("reads language tags", () => {
    expect(localeOfTag("zh-CN")).toBe("zh");
    expect(localeOfTag("zh-Hans-CN")).toBe("zh");
    expect(localeOfTag("ZH_tw")).toBe("zh");
    expect(localeOfTag("en-GB")).toBe("en");
    expect(localeOfTag("fr")).toBeNull();
    expect(localeOfTag("")).toBeNull();
  });

  it("takes the highest q among supported languages", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,zh;q=0.5,en;q=0.4")).toBe("zh");
    expect(localeFromAcceptLanguage("en;q=0.2, zh;q=0.7")).toBe("zh");
    expect(localeFromAcceptLanguage("fr, de")).toBeNull();
    expect(localeFromAcceptLanguage("zh;q=0, en;q=abc")).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
    expect(localeFromAcceptLanguage(";;;,,,q=1")).toBeNull();
  });

  it("the link's lang wins; a bad one is reported and the browser decides", () => {
    expect(resolveLocale("zh", "en")).toEqual({ locale: "zh", source: "link", rejected: null });
    expect(resolveLocale(" EN ", "zh")).toEqual({ locale: "en", source: "link", rejected: null });
    expect(resolveLocale("fr", "zh-CN")).toEqual({
      locale: "zh",
      source: "browser",
      rejected: "fr",
    });
    expect(resolveLocale(null, "de")).toEqual({ locale: "en", source: "default", rejected: null });
    expect(resolveLocale("", null).rejected).toBeNull();
    expect(resolveLocale("x".repeat(5000), null).rejected).toHaveLength(40);
  });

  it("sets lang on a link, keeping its keys and hash", () => {
    expect(withLang("/compare", "zh")).toBe("/compare?lang=zh");
    expect(withLang("/?phi=2&lang=en#charts", "zh")).toBe("/?phi=2&lang=zh#charts");
  });
});
