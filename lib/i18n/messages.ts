/**
 * The interface's message catalogues, one JSON file per area and language, read by
 * next-intl (app/i18n-request.ts). Each area's file is its namespace: `useTranslations("cam")`.
 * Both languages must hold the same keys with the same ICU arguments
 * (test/lib/i18n/catalogue.test.ts).
 */
import type { Locale } from "./locale";
import enBuild from "./messages/en/build.json";
import enCam from "./messages/en/cam.json";
import enCharts from "./messages/en/charts.json";
import enCommon from "./messages/en/common.json";
import enCompare from "./messages/en/compare.json";
import enExplorer from "./messages/en/explorer.json";
import enLab from "./messages/en/lab.json";
import enNotes from "./messages/en/notes.json";
import zhBuild from "./messages/zh/build.json";
import zhCam from "./messages/zh/cam.json";
import zhCharts from "./messages/zh/charts.json";
import zhCommon from "./messages/zh/common.json";
import zhCompare from "./messages/zh/compare.json";
import zhExplorer from "./messages/zh/explorer.json";
import zhLab from "./messages/zh/lab.json";
import zhNotes from "./messages/zh/notes.json";

/** A catalogue: nested objects whose leaves are ICU message strings. */
export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}

export const NAMESPACES = [
  "common",
  "notes",
  "explorer",
  "charts",
  "compare",
  "build",
  "cam",
  "lab",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const MESSAGES: Readonly<Record<Locale, Readonly<Record<Namespace, MessageTree>>>> = {
  en: {
    common: enCommon,
    notes: enNotes,
    explorer: enExplorer,
    charts: enCharts,
    compare: enCompare,
    build: enBuild,
    cam: enCam,
    lab: enLab,
  },
  zh: {
    common: zhCommon,
    notes: zhNotes,
    explorer: zhExplorer,
    charts: zhCharts,
    compare: zhCompare,
    build: zhBuild,
    cam: zhCam,
    lab: zhLab,
  },
};
