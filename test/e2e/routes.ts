/**
 * Every page route of the app, for the suites that visit all of them (headers, axe).
 * Add a route here when you add a page (e.g. /lab) and it is covered everywhere.
 */
export const PAGE_ROUTES = ["/", "/compare", "/build", "/cam", "/lab"] as const;
