"use client";
/**
 * A StateNote (lib/state/props.ts) in the page's language with its values — URL keys, the
 * text the link gave, allowed values — shown as data (translate="no"): useNoteText's
 * wording, markup added. Used by /cam and /lab; a candidate for components/i18n.
 */
import { useTranslations } from "next-intl";
import { Fragment, type ReactNode, useCallback } from "react";

import type { StateNote } from "@/lib/state/props";

type Translate = ReturnType<typeof useTranslations>;

const MARK = "\u0001";

/** Message `id` with each string value replaced by `node(value)`. */
function withNodes(
  t: Translate,
  id: string,
  values: Readonly<Record<string, string | number>>,
  node: (key: string, v: string) => ReactNode,
): ReactNode {
  const nodes: ReactNode[] = [];
  const marked: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v !== "string") {
      marked[k] = v;
      continue;
    }
    marked[k] = `${MARK}${nodes.length}${MARK}`;
    nodes.push(node(k, v));
  }
  const parts = t(id, marked).split(new RegExp(`${MARK}(\\d+)${MARK}`));
  return parts.map((p, i) => <Fragment key={i}>{i % 2 ? nodes[Number(p)] : p}</Fragment>);
}

const data = (_k: string, v: string) => <span translate="no">{v}</span>;

export function useNoteNode(): (n: StateNote) => ReactNode {
  const t = useTranslations();
  return useCallback(
    (n: StateNote) => {
      if (!n.msgs?.length || !n.msgs.every((m) => t.has(m.id))) return n.message;
      const text = n.msgs.map((m, i) => (
        <Fragment key={i}>
          {i > 0 && t("notes.separator")}
          {withNodes(t, m.id, m.values ?? {}, data)}
        </Fragment>
      ));
      if (!n.keyed) return text;
      return withNodes(t, "notes.keyPrefix", { key: n.key, text: "" }, (k, v) =>
        k === "key" ? data(k, v) : text,
      );
    },
    [t],
  );
}
