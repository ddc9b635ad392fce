// Runs in the "components" vitest project (jsdom); see vitest.config.ts.
import { act, cleanup, fireEvent, render, screen } from "@/test/components/intl";
import { afterEach, beforeEach, describe, expect, test } from "vitest";

import ThemeToggle from "@/components/ThemeToggle";
import { THEME_STORAGE_KEY, themeInitScript } from "@/components/theme";

const root = () => document.documentElement;

beforeEach(() => {
  localStorage.clear();
  root().className = "";
});
// vitest globals are off, so Testing Library cannot auto-register its cleanup.
afterEach(cleanup);

describe("ThemeToggle", () => {
  test("toggles the dark class and persists the choice", async () => {
    render(<ThemeToggle />);
    const button = screen.getByTestId("theme-toggle");
    expect(button.getAttribute("aria-pressed")).toBe("false");

    await act(async () => fireEvent.click(button));
    expect(root().classList.contains("dark")).toBe(true);
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("dark");
    expect(button.getAttribute("aria-pressed")).toBe("true");

    await act(async () => fireEvent.click(button));
    expect(root().classList.contains("dark")).toBe(false);
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("light");
    expect(button.getAttribute("aria-pressed")).toBe("false");
  });

  test("inline init script applies a stored theme before React runs", () => {
    localStorage.setItem(THEME_STORAGE_KEY, "dark");
    new Function(themeInitScript)();
    expect(root().classList.contains("dark")).toBe(true);
    expect(root().style.colorScheme).toBe("dark");

    localStorage.setItem(THEME_STORAGE_KEY, "light");
    new Function(themeInitScript)();
    expect(root().classList.contains("dark")).toBe(false);
  });
});
