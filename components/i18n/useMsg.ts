"use client";
/**
 * Renders lib/ messages (lib/i18n/msg.ts) in the page's language: a Msg's id is a full
 * catalogue path ("notes.notOneOf"). An id the catalogues lack falls back to the English
 * text lib/ gave, so nothing is ever blank; test/lib/i18n/catalogue.test.ts keeps the
 * catalogues complete.
 */
import { useTranslations } from "next-intl";
import { useCallback } from "react";

import type { Msg } from "@/lib/i18n/msg";

export function useMsg(): (m: Msg, english?: string) => string {
  const t = useTranslations();
  return useCallback(
    (m: Msg, english?: string) => (t.has(m.id) ? t(m.id, m.values) : (english ?? m.id)),
    [t],
  );
}

/**
 * Several parts as one string, joined as the notes catalogue joins them (MsgParts in
 * MsgText.tsx, as text for a message that takes a string); all in English if any part's id
 * is missing, so a sentence never mixes languages.
 */
export function useMsgPartsText(): (msgs: readonly Msg[] | undefined, english: string) => string {
  const t = useTranslations();
  return useCallback(
    (msgs: readonly Msg[] | undefined, english: string) =>
      msgs?.length && msgs.every((m) => t.has(m.id))
        ? msgs.map((m) => t(m.id, m.values)).join(t("notes.separator"))
        : english,
    [t],
  );
}
