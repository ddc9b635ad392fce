/**
 * Notes beside export snippets (where Keras's or torchvision's constructor differs from the
 * net): English for the CLI and tests, a catalogue message (build.export.note.<key>) for
 * the page.
 */
import { msg, type MsgValues } from "../i18n/msg";
import type { ExportNote } from "./types";

export const exportNote = (key: string, text: string, values?: MsgValues): ExportNote => ({
  text,
  msg: msg(`build.export.note.${key}`, values),
});
