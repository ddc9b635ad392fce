/**
 * Component tests' setup (vitest.config.mts, "components" project).
 *
 * Testing Library's waitFor/findBy give up after 1 s by default. Several checks wait for the
 * address bar, which useUrlSync writes after 200 ms of quiet, behind a full Explorer render;
 * with two test workers on a busy 2-core machine that took longer than 1 s and failed a
 * correct page. Waiting longer only costs time when the page is slow; a wrong URL still fails.
 */
import { configure } from "@testing-library/dom";

configure({ asyncUtilTimeout: 10_000 });
