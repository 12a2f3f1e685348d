import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { SessionContext } from "../services/auth.js";
import type { AppEnv } from "./env.js";
import { todayInJapan } from "./format.js";
import { SessionBar } from "./layout.js";

interface PageEntry {
  /** The data version the page was rendered at (read before its data). */
  version: number;
  /** The page before and after the session bar. */
  head: Buffer;
  tail: Buffer;
  /** Identifies head + tail (part of the ETag). */
  hash: string;
}

/** A session's own part of a page: its bar, as bytes, and a short hash of it for the ETag. */
interface SessionPart {
  csrfToken: string;
  bar: Buffer;
  hash: string;
}

const hashOf = (text: string) => createHash("sha1").update(text).digest("base64url").slice(0, 16);

/**
 * Rendered pages kept in this process (issue 14, "the heaviest page at a quarter of nginx"), per municipality, per
 * what a role and its units may see, and per path and query, under the municipality's data version: a page is served
 * from here only while the version is the one it was rendered at, and every committed write to the municipality, in
 * any server process, increments that version (database triggers). At most `maxBytes` of pages (oldest used dropped).
 */
export class PageCache {
  readonly #entries = new Map<string, PageEntry>();
  #bytes = 0;
  readonly #sessionParts = new WeakMap<SessionContext, SessionPart>();

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string, version: number): PageEntry | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    // Most recently used last, so eviction drops the least recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: PageEntry): void {
    this.delete(key);
    const size = entry.head.length + entry.tail.length;
    if (size > this.maxBytes / 4) return;
    while (this.#bytes + size > this.maxBytes) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    this.#entries.set(key, entry);
    this.#bytes += size;
  }

  private delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#bytes -= entry.head.length + entry.tail.length;
    this.#entries.delete(key);
  }

  /** The session bar of `session`, rendered once per session object (the session cache hands out the same one). */
  sessionPart(session: SessionContext, csrfToken: string): SessionPart {
    const known = this.#sessionParts.get(session);
    if (known && known.csrfToken === csrfToken) return known;
    const bar = String(SessionBar({ session, csrfToken }));
    const part = { csrfToken, bar: Buffer.from(bar), hash: hashOf(bar) };
    this.#sessionParts.set(session, part);
    return part;
  }
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

/**
 * Answers a signed-in GET with the page `render` makes, from the page cache when the municipality's data has not
 * changed since it was rendered for the same role and units, path and query (and day). Only for pages whose content depends on
 * nothing of the session but its role and units: the session bar (name, お知らせ, the logout form's CSRF token) is
 * put in per request, and a page that shows the CSRF token or the bar anywhere else is never kept. An ETag names the
 * page and the session's bar; a matching If-None-Match gets 304. `no-store`, as every signed-in answer: a browser
 * keeps no copy of what a user saw (a shared computer, the back button after logout), so the speed is the server's
 * rendered-page cache; a client that sends If-None-Match anyway (an API tool, a proxy inside the office) still gets 304.
 */
export async function cachedPage(c: Context<AppEnv>, session: SessionContext, render: () => Child | Promise<Child>): Promise<Response> {
  const cache = c.get("pageCache");
  const version = c.get("dataVersion");
  const part = cache.sessionPart(session, c.get("csrfToken"));
  const url = c.req.url;
  // The day in Japan (no daylight saving there): pages default to the current fiscal year when nothing is recorded.
  const day = todayInJapan();
  const key = `${day}|${session.municipality.id}|${session.actor.role}|${[...session.actor.unitIds].sort((a, b) => a - b).join(",")}|${url.slice(url.indexOf("/", url.indexOf("//") + 2))}`;
  let entry = version === undefined ? undefined : cache.get(key, version);
  if (!entry) {
    const html = String(await (await render())?.toString());
    const bar = part.bar.toString();
    const at = html.indexOf(bar);
    const rest = at < 0 ? "" : html.slice(0, at) + html.slice(at + bar.length);
    if (at < 0 || version === undefined || rest.includes(c.get("csrfToken")) || rest.includes(bar)) return c.html(html);
    entry = { version, head: Buffer.from(html.slice(0, at)), tail: Buffer.from(html.slice(at + bar.length)), hash: hashOf(rest) };
    cache.set(key, entry);
  }
  const etag = `"${entry.hash}.${part.hash}"`;
  c.header("etag", etag);
  c.header("cache-control", "no-store");
  c.header("vary", "cookie");
  if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304);
  c.header("content-type", "text/html; charset=UTF-8");
  return c.body(Buffer.concat([entry.head, part.bar, entry.tail]));
}
