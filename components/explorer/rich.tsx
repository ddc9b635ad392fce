/** Tags the explorer's rich messages use (next-intl `t.rich`): <sup>, and <data> for names. */
import { useLocale } from "next-intl";
import type { ReactNode } from "react";

export const sup = (c: ReactNode) => <sup>{c}</sup>;

const marked = (c: ReactNode) => <span translate="no">{c}</span>;
const plain = (c: ReactNode) => <>{c}</>;

/**
 * The <data> tag: a name or value shown as data, marked translate="no" on a translated page
 * (test/e2e/i18n.spec.ts skips it). The English page keeps it one text node with its
 * sentence, as it always was (selectors match the sentence whole).
 */
export function useDataTag(): (c: ReactNode) => ReactNode {
  return useLocale() === "en" ? plain : marked;
}
