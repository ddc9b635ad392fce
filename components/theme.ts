// Shared by the server layout and the client ThemeToggle. No "use client" here:
// values exported from a "use client" module become client references when
// imported by a Server Component, so the inline script string must live here.

/** localStorage key holding "light" | "dark"; absent = follow the OS preference. */
export const THEME_STORAGE_KEY = "theme";

/**
 * Runs inline in <head> before first paint (see app/layout.tsx) so the page never
 * flashes the wrong theme. Keep it tiny, dependency-free and ES5.
 */
export const themeInitScript = `(function(){try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");var d=t==="dark"||(t!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.style.colorScheme=d?"dark":"light";}catch(_){}})();`;
