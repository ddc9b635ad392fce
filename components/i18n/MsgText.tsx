"use client";
/**
 * A lib/ message (lib/i18n/msg.ts) rendered in the page's language with its string values
 * (keys, layer names, what the user typed, browser error text) marked translate="no": they
 * are data, shown as given in both languages. Falls back to the English text lib/ gave.
 * The one renderer of lib/ messages and link/input notes on every page.
 */
import { useTranslations } from "next-intl";
import { Fragment, type ReactNode } from "react";

import type { Msg } from "@/lib/i18n/msg";
import type { StateNote } from "@/lib/state/props";

const OPEN = "\u0001";
const CLOSE = "\u0002";
const SLOT = new RegExp(`${OPEN}(\\d+)${CLOSE}`);

type T = ReturnType<typeof useTranslations>;
/** A value already rendered (not wrapped as data). */
type NodeValue = { readonly node: ReactNode };

/** Formats `id`; string values become translate="no" spans, node values are placed as given. */
function formatNodes(
  t: T,
  id: string,
  given: Readonly<Record<string, string | number | NodeValue>>,
): ReactNode {
  const slots: ReactNode[] = [];
  const values: Record<string, string | number> = {};
  const raw: unknown = t.raw(id);
  // A select's argument chooses a branch: it is passed as given, not shown as data.
  const chooses = (k: string): boolean =>
    typeof raw === "string" && new RegExp(`\\{\\s*${k}\\s*,\\s*select`).test(raw);
  for (const [k, v] of Object.entries(given)) {
    if (typeof v === "number" || (typeof v === "string" && chooses(k))) {
      values[k] = v;
      continue;
    }
    values[k] = `${OPEN}${slots.length}${CLOSE}`;
    slots.push(typeof v === "string" ? <span translate="no">{v}</span> : v.node);
  }
  return t(id, values)
    .split(SLOT)
    .map((p, i) => <Fragment key={i}>{i % 2 === 0 ? p : slots[Number(p)]}</Fragment>);
}

export function MsgText({ m, english }: { m: Msg | undefined; english: string }) {
  const t = useTranslations();
  if (!m || !t.has(m.id)) return <>{english}</>;
  return <>{formatNodes(t, m.id, m.values ?? {})}</>;
}

/** Several parts joined as the notes catalogue joins them. */
export function MsgParts({ msgs, english }: { msgs: readonly Msg[] | undefined; english: string }) {
  const t = useTranslations();
  if (!msgs?.length || !msgs.every((m) => t.has(m.id))) return <>{english}</>;
  return (
    <>
      {msgs.map((m, i) => (
        <Fragment key={i}>
          {i > 0 ? t("notes.separator") : null}
          {formatNodes(t, m.id, m.values ?? {})}
        </Fragment>
      ))}
    </>
  );
}

/** A link/input note (lib/state/props.ts StateNote): "key: text" with the key and values as data. */
export function NoteText({ note }: { note: StateNote }) {
  const t = useTranslations();
  if (!note.msgs?.length || !note.msgs.every((m) => t.has(m.id)))
    return <span translate="no">{note.message}</span>;
  const body = <MsgParts msgs={note.msgs} english={note.message} />;
  if (!note.keyed) return body;
  return <>{formatNodes(t, "notes.keyPrefix", { key: note.key, text: { node: body } })}</>;
}

/**
 * Free text from elsewhere (a browser exception, a worker's message) after a translated lead
 * sentence: the text itself is data (translate="no"). English pages show the text alone
 * where they always did (their lead is empty).
 */
export function ErrorDetail({ lead, detail }: { lead: string; detail: string }) {
  return (
    <>
      {lead ? <>{lead} </> : null}
      <span translate="no">{detail}</span>
    </>
  );
}
