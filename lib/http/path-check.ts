/**
 * Checks for a raw request path segment before anything decodes it: malformed percent
 * escapes (`%`, `%zz`, `%ff`, overlong `%c0%ae`) are a client error (400), not a crash.
 */

/** The decoded segment, or null when its percent-encoding or UTF-8 is malformed. */
export function decodeSegment(raw: string): string | null {
  try {
    // decodeURIComponent rejects lone "%", bad hex, and invalid UTF-8 (incl. overlong forms).
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** At most `max` characters of a name, for echoing it in a response or message. */
export function capForEcho(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}... (${s.length} characters)` : s;
}

/** Methods a read-only file route answers. */
export const READ_METHODS = ["GET", "HEAD"] as const;

export function isReadMethod(m: string): boolean {
  return (READ_METHODS as readonly string[]).includes(m.toUpperCase());
}
