/**
 * A message produced in lib/ for the interface to show in the reader's language: a key of
 * a catalogue namespace (lib/i18n/messages/<lang>/<namespace>.json) and its ICU arguments.
 * The English sentence stays beside it (CLI output, logs, tests), so lib/ never depends on
 * the interface's library.
 */
export type MsgValues = Readonly<Record<string, string | number>>;

export interface Msg {
  /** "notes.unknownKey" style: namespace, then the key inside it. */
  readonly id: string;
  readonly values?: MsgValues;
}

export const msg = (id: string, values?: MsgValues): Msg => (values ? { id, values } : { id });
