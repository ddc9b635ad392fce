/** Tags the explorer's rich messages use (next-intl `t.rich`): <sup>, and <data> for names. */
import type { ReactNode } from "react";

export const sup = (c: ReactNode) => <sup>{c}</sup>;

/** A name or value shown as data: not translated, not checked as interface text. */
export const noTranslate = (c: ReactNode) => <span translate="no">{c}</span>;
