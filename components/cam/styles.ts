/** Class names shared by the /cam components (until components/ui lands). */
export const selectCls =
  "rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-foreground focus-visible:outline-2";
export const btnCls =
  "rounded-md border border-border bg-surface px-3 py-1.5 text-sm font-medium hover:bg-background disabled:opacity-50";
export const cardCls = "min-w-0 rounded-lg border border-border bg-surface p-4";
