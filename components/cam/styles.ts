/** Class names of the /cam components: the shared card and button (components/ui), a select. */
import { buttonClass, CARD_CLASS } from "@/components/ui";

export const selectCls =
  "rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-foreground focus-visible:outline-2";
export const btnCls = buttonClass("default");
export const cardCls = `min-w-0 ${CARD_CLASS}`;
