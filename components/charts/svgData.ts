/**
 * translate="no" for SVG <text> (React's SVG types lack the attribute; browsers honour it):
 * marks model names drawn in a chart as data, not interface text.
 */
export const DATA: Readonly<Record<string, string>> = { translate: "no" };
