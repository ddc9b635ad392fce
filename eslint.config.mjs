// ESLint 9 flat config.
// eslint-config-next@16 ships flat configs directly (arrays of config objects, CommonJS
// `module.exports = [...]`), so they are spread in; no FlatCompat needed:
//   - eslint-config-next/core-web-vitals = base (react, react-hooks, import, jsx-a11y,
//     @next/next) + Core Web Vitals rules as errors
//   - eslint-config-next/typescript      = typescript-eslint `recommended` + default ignores
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The pure-TS library must stay fully typed.
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Every visible string comes from the catalogues (lib/i18n/messages, next-intl); text
    // in JSX is only punctuation and symbols that read the same in both languages.
    files: ["components/**/*.tsx", "app/**/*.tsx"],
    rules: {
      "react/jsx-no-literals": [
        "error",
        {
          noStrings: false,
          ignoreProps: true,
          allowedStrings: [
            "·",
            "×",
            "—",
            "–",
            "(",
            ")",
            ":",
            "/",
            "%",
            "…",
            "→",
            "←",
            "↑",
            "↓",
            "=",
            "+",
            "−",
            "-",
            ",",
            ";",
            "α",
            "β",
            "γ",
            "φ",
            "x",
            "✓",
            "✕",
            "|",
            "[",
            "]",
            "#",
            "*",
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "coverage/**",
    "public/**",
    "next-env.d.ts",
  ]),
]);
