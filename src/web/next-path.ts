/**
 * `?next=` after login: only a path on this site. Refused (answered with "/"): anything not starting with one "/",
 * "//host", "/\host" (browsers read a backslash as a slash), control characters raw or percent-encoded
 * ("/%09/host": a tab the browser drops, leaving "//host"), and anything that resolves to another origin.
 */
export function safeNextPath(next: string | undefined | null): string {
  if (!next || next.length > 2000 || !next.startsWith("/") || next.startsWith("//")) return "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return "/";
  }
  // eslint-disable-next-line no-control-regex
  const suspicious = /[\\\u0000-\u001f\u007f]/;
  if (suspicious.test(next) || suspicious.test(decoded) || decoded.startsWith("//")) return "/";
  const base = "http://gyokaku.invalid";
  const url = new URL(next, base);
  if (url.origin !== base) return "/";
  if (url.pathname === "/login" || url.pathname === "/logout") return "/";
  // Dot segments are removed while resolving: "/.//host", "/..//host" and "/%2e//host" become "//host", which a
  // browser reads as another origin. Whatever is handed back must itself be a plain path.
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith("//") || /^\/[\\/]/.test(path)) return "/";
  return path;
}
