/**
 * Where a model's weight files may come from: under the model.json's own location.
 * A model.json is data from whoever hosts it; its weightsManifest paths must not make the
 * loader read `file:///etc/hostname`, another origin, or `../../../../etc/hostname`.
 *
 * Rule: the weight URL has the model.json's scheme and origin (for file: URLs, the same
 * host), and its path lies in the model.json's directory or below it. Paths are compared
 * after URL resolution (which folds `..` and `%2e%2e`), so no spelling escapes.
 */

/** The directory part of a URL's path, with its trailing slash ("/a/b/model.json" -> "/a/b/"). */
function dirOf(pathname: string): string {
  return pathname.slice(0, pathname.lastIndexOf("/") + 1);
}

/**
 * Returns null when `weightUrl` lies under `modelUrl`'s directory, else a sentence saying why
 * it is refused (for the caller's error).
 */
export function weightScopeProblem(weightUrl: string, modelUrl: string): string | null {
  let w: URL;
  let m: URL;
  try {
    w = new URL(weightUrl);
    m = new URL(modelUrl);
  } catch {
    return "it is not a valid URL";
  }
  if (w.protocol !== m.protocol) {
    return `it uses ${w.protocol} but model.json was loaded over ${m.protocol}`;
  }
  // `origin` is "null" for file: URLs; compare host explicitly as well.
  if (w.host !== m.host || w.origin !== m.origin) {
    return `it is on ${w.protocol === "file:" ? w.host || "this machine" : w.origin}, not ${m.protocol === "file:" ? m.host || "this machine" : m.origin} where model.json is`;
  }
  const dir = dirOf(m.pathname);
  // An encoded slash or backslash could be decoded later by a file system or server.
  if (/%2f|%5c|\\/i.test(w.pathname)) return "its path contains an encoded slash";
  if (!w.pathname.startsWith(dir) || w.pathname === dir) {
    return `it is outside the model's folder ${dir}`;
  }
  return null;
}
