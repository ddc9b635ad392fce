/**
 * Declarative view state, after TensorFlow Playground's `State.PROPS`: a page declares a
 * table of keys (type, allowed values or range, default), and these generic functions turn
 * a URL query into typed values and back. Nothing here knows about a particular page:
 *
 *   const TABLE = defineProps({
 *     model: enumProp(MODEL_IDS, "efficientnet", "Baseline"),
 *     target: numberProp({ min: 0.01, max: 100, default: 1.8, label: "Target GFLOPs" }),
 *   });
 *   const { values, present, notes } = parseQuery(TABLE, "?model=resnet50&target=abc");
 *   // values.target === 1.8, notes[0].message === 'target: "abc" is not a number; using 1.8'
 *   serializeQuery(TABLE, values, { keys: ["model", "target"] }); // "model=resnet50&target=1.8"
 *
 * Bad values never throw: they are corrected (clamped, rounded, or replaced by the default)
 * and every correction is reported as a `StateNote` the page shows to the user.
 */

import { LANG_KEY } from "@/lib/i18n/locale";
import { type Msg, msg } from "@/lib/i18n/msg";

/**
 * Keys known on every page, outside any page's table: the interface language, chosen per
 * request (lib/i18n/locale.ts) and kept in the address bar by the URL sync.
 */
export const GLOBAL_KEYS: readonly string[] = [LANG_KEY];

/** A numeric key. `min`/`max` bound what a link may carry; `ui` is the slider's own range. */
export interface NumberProp {
  readonly kind: "number";
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** Whole numbers only (non-integers are rounded, with a note). */
  readonly integer: boolean;
  /** Slider range and step; may be narrower than min..max (typing reaches the rest). */
  readonly ui: { readonly min: number; readonly max: number; readonly step: number };
  /** Significant digits kept when serializing (keeps links short; 0 = exact). */
  readonly digits: number;
}

export interface EnumProp<V extends string = string> {
  readonly kind: "enum";
  readonly label: string;
  readonly values: readonly V[];
  readonly default: V;
}

export interface BooleanProp {
  readonly kind: "boolean";
  readonly label: string;
  readonly default: boolean;
}

export type PropDef = NumberProp | EnumProp<string> | BooleanProp;
export type PropsTable = { readonly [key: string]: PropDef };

/** The value type a prop holds. */
export type ValueOf<P extends PropDef> =
  P extends EnumProp<infer V> ? V : P extends NumberProp ? number : boolean;

/** The typed values of a whole table. */
export type ValuesOf<T extends PropsTable> = { -readonly [K in keyof T]: ValueOf<T[K]> };

/** A correction made while reading user input. */
export interface StateNote {
  readonly key: string;
  /** What the user gave, as text ("" when missing). */
  readonly input: string;
  /** In English, for the CLI and logs. */
  readonly message: string;
  /** The same, for the interface to translate (parts shown in order); absent: only English. */
  readonly msgs?: readonly Msg[];
  /** The parts are about the value of `key` and are shown after it ("phi: ..."). */
  readonly keyed?: boolean;
}

export function numberProp(o: {
  label: string;
  min: number;
  max: number;
  default: number;
  integer?: boolean;
  ui?: { min: number; max: number; step: number };
  digits?: number;
}): NumberProp {
  const integer = o.integer ?? false;
  return {
    kind: "number",
    label: o.label,
    min: o.min,
    max: o.max,
    default: o.default,
    integer,
    ui: o.ui ?? { min: o.min, max: o.max, step: integer ? 1 : (o.max - o.min) / 100 },
    digits: o.digits ?? (integer ? 0 : 6),
  };
}

export function enumProp<const V extends string>(
  values: readonly V[],
  def: V,
  label: string,
): EnumProp<V> {
  return { kind: "enum", label, values, default: def };
}

export function booleanProp(def: boolean, label: string): BooleanProp {
  return { kind: "boolean", label, default: def };
}

/** Identity with a better inferred type: keeps each key's literal prop type. */
export function defineProps<const T extends PropsTable>(table: T): T {
  return table;
}

export function defaults<T extends PropsTable>(table: T): ValuesOf<T> {
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(table)) out[k] = p.default;
  return out as ValuesOf<T>;
}

/** Trims a number to `digits` significant digits without float noise ("1.2" not "1.2000000000000002"). */
export function formatValue(p: PropDef, v: number | string | boolean): string {
  if (p.kind !== "number" || typeof v !== "number") return String(v);
  if (p.integer || p.digits === 0) return String(v);
  return String(Number(v.toPrecision(p.digits)));
}

export type Corrected<V> = {
  readonly value: V;
  readonly note: string | null;
  /** The note's parts for the interface (empty when the value was fine). */
  readonly msgs: readonly Msg[];
};

/** The StateNote for a corrected value of `key` (null when nothing was corrected). */
export function correctionNote(
  key: string,
  input: string,
  c: Corrected<unknown>,
): StateNote | null {
  return c.note ? { key, input, message: `${key}: ${c.note}`, msgs: c.msgs, keyed: true } : null;
}

/** Decimal notation only: "0x100", "0b1", "1_000", "Infinity" and "" are not numbers here. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
export function isDecimal(text: string): boolean {
  return text.length <= 400 && DECIMAL.test(text);
}

/**
 * A short, safe description of any input for messages: strings and numbers echoed (strings
 * cut to `max` characters), objects named by kind. Never stringifies a whole structure, so
 * a 20 MB value or one nested 5,000 deep costs nothing and a `{toString: 1}` cannot throw.
 */
export function describeInput(v: unknown, max = 40): string {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v.length > max ? `${v.slice(0, max)}...` : v);
    case "number":
      return Number.isFinite(v) ? String(v) : "a number out of range (not finite)";
    case "boolean":
      return String(v);
    case "object":
      return v === null ? "null" : Array.isArray(v) ? "an array" : "an object";
    default:
      return `a ${typeof v}`;
  }
}

/** Why a raw value fails its prop. `range` and `integer` carry the number so a lenient reader can clamp or round. */
export type Problem =
  | { readonly kind: "invalid"; readonly message: string }
  | { readonly kind: "range"; readonly n: number; readonly message: string }
  | { readonly kind: "integer"; readonly n: number; readonly message: string };

export type Checked<V> =
  { readonly ok: true; readonly value: V } | { readonly ok: false; readonly problem: Problem };

function rangeText(p: NumberProp): string {
  return `${p.integer ? "an integer" : "a number"} from ${p.min} to ${p.max}`;
}

/**
 * The one validity check of a raw value (link text, CLI text, batch JSON) against its prop.
 * Strict readers refuse any problem; `correctValue` (lenient) repairs it.
 */
export function checkValue<P extends PropDef>(p: P, raw: unknown): Checked<ValueOf<P>> {
  const bad = (message: string): Checked<ValueOf<P>> => ({
    ok: false,
    problem: { kind: "invalid", message },
  });
  const text = typeof raw === "string" ? raw.trim() : null;
  switch (p.kind) {
    case "enum": {
      if (text === null)
        return bad(`expected one of ${p.values.join(", ")}, got ${describeInput(raw)}`);
      const lower = text.toLowerCase();
      const hit = p.values.find((v) => v.toLowerCase() === lower);
      if (hit !== undefined) return { ok: true, value: hit as ValueOf<P> };
      return bad(`${describeInput(text)} is not one of ${p.values.join(", ")}`);
    }
    case "boolean": {
      if (raw === true || raw === false) return { ok: true, value: raw as ValueOf<P> };
      const lower = text?.toLowerCase() ?? "";
      if (["1", "true", "yes", "on"].includes(lower))
        return { ok: true, value: true as ValueOf<P> };
      if (["0", "false", "no", "off"].includes(lower))
        return { ok: true, value: false as ValueOf<P> };
      return bad(`${describeInput(raw)} is not true/false`);
    }
    case "number": {
      const expected = `expected ${rangeText(p)}`;
      let n: number;
      if (typeof raw === "number") {
        n = raw; // JSON.parse reads 1e400 as Infinity: described as not finite, never "null"
      } else if (text !== null && isDecimal(text)) {
        n = Number(text);
      } else if (text !== null) {
        return bad(`${expected} in decimal notation, got ${describeInput(text)}`);
      } else {
        return bad(`${expected}, got ${describeInput(raw)}`);
      }
      if (!Number.isFinite(n)) {
        return bad(
          typeof raw === "number"
            ? `${expected}, got ${describeInput(raw)}`
            : `${expected}, got ${describeInput(text)} (out of range, not finite)`,
        );
      }
      if (p.integer && !Number.isInteger(n)) {
        return {
          ok: false,
          problem: {
            kind: "integer",
            n,
            message: `${expected}, got ${n}`,
          },
        };
      }
      if (n < p.min || n > p.max) {
        return {
          ok: false,
          problem: {
            kind: "range",
            n,
            message: `${n} is out of range; allowed from ${p.min} to ${p.max}`,
          },
        };
      }
      return { ok: true, value: n as ValueOf<P> };
    }
  }
}

/**
 * Reads one raw value (from a URL or an input box) against its prop. Never throws: a bad
 * value comes back corrected with a message saying what was wrong and what is used instead.
 */
export function correctValue<P extends PropDef>(p: P, raw: unknown): Corrected<ValueOf<P>> {
  const c = checkValue(p, raw);
  if (c.ok) return { value: c.value, note: null, msgs: [] };
  const fallbackText = formatValue(p, p.default);
  if (p.kind !== "number" || c.problem.kind === "invalid") {
    const shown = describeInput(typeof raw === "string" ? raw.trim() : raw);
    const [why, id] =
      p.kind === "enum"
        ? [`${shown} is not one of ${p.values.join(", ")}`, "notes.notOneOf"]
        : p.kind === "boolean"
          ? [`${shown} is not true/false`, "notes.notBoolean"]
          : [`${shown} is not a number`, "notes.notANumber"];
    return {
      value: p.default as ValueOf<P>,
      note: `${why}; using the default ${fallbackText}`,
      msgs: [
        msg(id, {
          given: shown,
          fallback: fallbackText,
          ...(p.kind === "enum" ? { values: p.values.join(", ") } : {}),
        }),
      ],
    };
  }
  let v = c.problem.n;
  const notes: string[] = [];
  const msgs: Msg[] = [];
  if (p.integer && !Number.isInteger(v)) {
    v = Math.round(v);
    notes.push(`${c.problem.n} is not a whole number; rounded to ${v}`);
    msgs.push(msg("notes.notWhole", { n: String(c.problem.n), rounded: String(v) }));
  }
  if (v < p.min || v > p.max) {
    const clamped = Math.min(p.max, Math.max(p.min, v));
    const used = formatValue(p, clamped);
    notes.push(`${v} is out of range (${p.min} to ${p.max}); using ${used}`);
    msgs.push(
      msg("notes.outOfRange", { n: String(v), min: String(p.min), max: String(p.max), used }),
    );
    v = clamped;
  }
  return { value: v as ValueOf<P>, note: notes.join("; "), msgs };
}

/** Anything a query can come as: "?a=1&b=2", URLSearchParams, or Next's searchParams object. */
export type QueryInput =
  string | URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

export function toSearchParams(q: QueryInput): URLSearchParams {
  if (typeof q === "string") return new URLSearchParams(q.startsWith("?") ? q.slice(1) : q);
  if (q instanceof URLSearchParams) return new URLSearchParams(q);
  // Own keys only, read as data: a key named toString, constructor or __proto__ is just a key.
  const sp = new URLSearchParams();
  for (const k of Object.keys(q)) {
    const v: unknown = Object.getOwnPropertyDescriptor(q, k)?.value;
    if (typeof v === "string") sp.append(k, v);
    else if (Array.isArray(v)) for (const x of v) if (typeof x === "string") sp.append(k, x);
  }
  return sp;
}

/**
 * The query as plain text ("a=1&b=2", no "?"): what a page hands to its Client Components
 * instead of Next's searchParams object (whose own keys may be named like built-ins).
 */
export function queryString(q: QueryInput): string {
  return toSearchParams(q).toString();
}

export interface ParsedQuery<T extends PropsTable> {
  /** Every key: the corrected link value, or the default where absent. */
  readonly values: ValuesOf<T>;
  /** Keys the link carried (with a usable or corrected value). */
  readonly present: ReadonlySet<keyof T & string>;
  readonly notes: readonly StateNote[];
}

/**
 * Parses a query against a table. Unknown keys, repeated keys, empty and bad values are
 * reported as notes; nothing throws. Keys in `ignore` are skipped silently (another
 * table's keys on a shared link).
 */
export function parseQuery<T extends PropsTable>(
  table: T,
  query: QueryInput,
  opts: { ignore?: readonly string[] } = {},
): ParsedQuery<T> {
  const scan = scanQuery(table, query, opts);
  const values = defaults(table) as Record<string, unknown>;
  const present = new Set<keyof T & string>();
  const notes: StateNote[] = [];
  // Notes in link order: key-level notes and value corrections interleaved as given.
  for (const e of scan.order) {
    if ("note" in e) {
      notes.push(e.note);
      continue;
    }
    const raw = e.text;
    const c = correctValue(table[e.key]!, raw);
    values[e.key] = c.value;
    present.add(e.key);
    const n = correctionNote(e.key, raw, c);
    if (n) notes.push(n);
  }
  return { values: values as ValuesOf<T>, present, notes };
}

/**
 * The key-level reading every page shares, before any value is checked: unknown, repeated
 * and empty keys become notes; `raw` holds each known key's first non-empty text, in link
 * order. A strict page (/build) checks those values itself; a lenient one corrects them.
 */
export function scanQuery<T extends PropsTable>(
  table: T,
  query: QueryInput,
  opts: { ignore?: readonly string[] } = {},
): {
  raw: Map<keyof T & string, string>;
  notes: StateNote[];
  order: ({ note: StateNote } | { key: keyof T & string; text: string })[];
} {
  const sp = toSearchParams(query);
  const raw = new Map<keyof T & string, string>();
  const notes: StateNote[] = [];
  const order: ({ note: StateNote } | { key: keyof T & string; text: string })[] = [];
  const note = (n: StateNote): void => {
    notes.push(n);
    order.push({ note: n });
  };
  const seen = new Set<string>();
  for (const [key, text] of sp) {
    if (opts.ignore?.includes(key)) continue;
    // Keys every page shares (the language) are read by the layout, not the page's table.
    if (GLOBAL_KEYS.includes(key)) continue;
    if (!Object.prototype.hasOwnProperty.call(table, key)) {
      const known = [...Object.keys(table), ...GLOBAL_KEYS].join(", ");
      note({
        key,
        input: text,
        message: `unknown key ${describeInput(key)} ignored; known keys: ${known}`,
        msgs: [msg("notes.unknownKey", { key: describeInput(key), known })],
      });
      continue;
    }
    if (seen.has(key)) {
      note({
        key,
        input: text,
        message: `${key} given more than once; using the first value`,
        msgs: [msg("notes.repeatedKey", { key })],
      });
      continue;
    }
    seen.add(key);
    if (text.trim() === "") {
      note({
        key,
        input: text,
        message: `${key} is empty; ignored`,
        msgs: [msg("notes.emptyKey", { key })],
      });
      continue;
    }
    raw.set(key as keyof T & string, text);
    order.push({ key: key as keyof T & string, text });
  }
  return { raw, notes, order };
}

/**
 * Writes the chosen keys (default: all) in table order. Numbers are trimmed to the
 * prop's significant digits; `omitDefaults` leaves out keys equal to their default.
 */
export function serializeQuery<T extends PropsTable>(
  table: T,
  values: ValuesOf<T>,
  opts: { keys?: readonly (keyof T & string)[]; omitDefaults?: boolean } = {},
): string {
  const sp = new URLSearchParams();
  const keys = opts.keys ? new Set<string>(opts.keys) : null;
  for (const [k, p] of Object.entries(table)) {
    if (keys && !keys.has(k)) continue;
    const v = (values as Record<string, number | string | boolean>)[k];
    if (v === undefined) continue;
    if (opts.omitDefaults && v === p.default) continue;
    sp.set(k, formatValue(p, v));
  }
  return sp.toString();
}

/** Checks a values object against its table (e.g. from code or a store): corrects and reports. */
export function validateValues<T extends PropsTable>(
  table: T,
  values: Partial<Record<keyof T, unknown>>,
): { values: ValuesOf<T>; notes: StateNote[] } {
  const out = defaults(table) as Record<string, unknown>;
  const notes: StateNote[] = [];
  for (const [k, p] of Object.entries(table)) {
    const v = (values as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      notes.push({
        key: k,
        input: String(v),
        message: `${k}: unsupported value; using the default`,
        msgs: [msg("notes.unsupported", { key: k })],
      });
      continue;
    }
    const c = correctValue(p, v);
    out[k] = c.value;
    const n = correctionNote(k, String(v), c);
    if (n) notes.push(n);
  }
  return { values: out as ValuesOf<T>, notes };
}
