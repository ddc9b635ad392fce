"use client";
/**
 * Text in the reader's language with the data inside it (keys, values, names a link or
 * lib/ supplied) marked translate="no": a Chinese note may quote `bogus=1` or
 * `model, preset, phi` as they were typed.
 */
import { useLocale } from "next-intl";
import { Fragment } from "react";

import type { StateNote } from "@/lib/state/props";

/** The data a note quotes: its key and every argument of its messages. */
export function noteData(n: StateNote): string[] {
  const out = new Set<string>([n.key]);
  for (const m of n.msgs ?? []) {
    for (const v of Object.values(m.values ?? {})) out.add(String(v));
  }
  return [...out].filter((s) => s.trim() !== "");
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function DataText({ text, data }: { text: string; data: readonly string[] }) {
  // English keeps the note one text node, as selectors expect (see rich.tsx).
  const english = useLocale() === "en";
  const parts = [...data].sort((a, b) => b.length - a.length).map(escape);
  if (english || parts.length === 0) return <>{text}</>;
  const re = new RegExp(`(${parts.join("|")})`, "g");
  const pieces = text.split(re);
  return (
    <>
      {pieces.map((p, i) =>
        i % 2 === 1 ? (
          <span key={i} translate="no">
            {p}
          </span>
        ) : (
          <Fragment key={i}>{p}</Fragment>
        ),
      )}
    </>
  );
}
