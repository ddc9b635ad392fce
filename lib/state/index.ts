/**
 * View state: a generic props table (props.ts: parse / serialize / validate a URL query,
 * corrections as notes), the explorer's own table and cross-key rules (explorer.ts), and
 * its zustand store (explorerStore.ts). A second page declares its own table with
 * `defineProps` and reuses parseQuery / serializeQuery / correctValue.
 */
export * from "./props";
export * from "./explorer";
export * from "./explorerStore";
