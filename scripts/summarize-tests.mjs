#!/usr/bin/env node
// Reads the vitest and Playwright JSON reports and prints ONE line, last:
//   tests: N passed, M failed[, K skipped]
// Details (which file is missing, which step failed) go to stderr before it.
// A missing/unreadable report counts as 1 failed; each name in --failed-steps
// (comma-separated, e.g. "lint,build") counts as 1 failed.
// Exit code: 1 if M > 0, else 0.
import { existsSync, readFileSync } from "node:fs";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const unitPath = arg("unit", "test-results/unit.json");
const e2ePath = arg("e2e", "test-results/e2e.json");
const failedSteps = arg("failed-steps", "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);

let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

function readJson(path, label) {
  if (!existsSync(path)) {
    notes.push(`${label}: report ${path} is missing (counted as 1 failure)`);
    failed += 1;
    return null;
  }
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    notes.push(`${label}: report ${path} is not valid JSON: ${e.message} (counted as 1 failure)`);
    failed += 1;
    return null;
  }
}

// --- vitest (jest-compatible JSON) ---
const unit = readJson(unitPath, "unit");
if (unit) {
  let p = 0;
  let f = 0;
  let s = 0;
  for (const file of unit.testResults ?? []) {
    const assertions = file.assertionResults ?? [];
    for (const a of assertions) {
      if (a.status === "passed") p += 1;
      else if (a.status === "failed") f += 1;
      else s += 1; // pending, skipped, todo, disabled
    }
    // A file that failed to load/collect has no failed assertions but status "failed".
    if (file.status === "failed" && !assertions.some((a) => a.status === "failed")) {
      f += 1;
      notes.push(
        `unit: ${file.name} failed outside any test: ${(file.message ?? "").split("\n")[0]}`,
      );
    }
  }
  if (p + f + s === 0) {
    f += 1;
    notes.push("unit: no tests were run (counted as 1 failure)");
  }
  passed += p;
  failed += f;
  skipped += s;
}

// --- Playwright JSON reporter ---
const e2e = readJson(e2ePath, "e2e");
if (e2e) {
  const st = e2e.stats ?? {};
  const p = (st.expected ?? 0) + (st.flaky ?? 0);
  let f = st.unexpected ?? 0;
  const s = st.skipped ?? 0;
  // Global errors: web server failed to start, config/collection errors, etc.
  const errors = e2e.errors ?? [];
  if (errors.length > 0) {
    f += errors.length;
    for (const err of errors) {
      notes.push(`e2e: ${String(err.message ?? err).split("\n")[0]}`);
    }
  }
  if (p + f + s === 0) {
    f += 1;
    notes.push("e2e: no tests were run (counted as 1 failure)");
  }
  passed += p;
  failed += f;
  skipped += s;
}

for (const step of failedSteps) {
  notes.push(`step failed: ${step} (counted as 1 failure)`);
  failed += 1;
}

for (const n of notes) console.error(n);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
