import { DataVersionRepository } from "../db/repositories/data-versions.js";
import type { Database } from "../db/connection.js";
import { hashToken, resolveSessionAt, type SessionContext, TOUCH_INTERVAL_MS } from "./auth.js";

/** A resolved session and the data version of its municipality (read with it, or before a cached one was used). */
export interface ResolvedSession {
  session: SessionContext | null;
  /** The municipality's data version, read before anything else of this request (undefined without a session). */
  dataVersion: number | undefined;
}

interface Entry {
  session: SessionContext;
  /** The data version read in the same statement as the session. */
  version: number;
  /** Until when the entry may be used without resolving again (ms): the next touch, or the absolute end. */
  until: number;
  /** The session's absolute end (ms since epoch). */
  absoluteEnd: number;
}

/**
 * Signed-in sessions kept in this process, so a page view costs one query (the municipality's data version); a session
 * not cached costs one too (the session joined with its user, units, unread count and the version: resolveSessionAt).
 * Correct across server processes: logout, a disabled user, a role, unit or password change, a deleted session and a
 * new お知らせ all write rows that increment the data version (database triggers), so the next request in any process
 * sees another version and resolves the session again from the database; nothing waits for a timer. An entry is also
 * resolved again once a minute (the idle expiry is extended as before) and never used past the session's absolute
 * lifetime. Keyed by the token's hash; at most `max` entries (oldest dropped first).
 */
export class SessionCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly database: Database,
    private readonly max = 10_000,
  ) {}

  /**
   * The signed-in user behind a cookie token (as resolveSession), with the data version of its municipality. One
   * query: the version for a cached entry, else resolveSessionAt's one statement; two when the version shows the
   * cached entry stale (then it is resolved again). An entry due to be touched is resolved again without the version.
   */
  async resolve(token: string, now = new Date()): Promise<ResolvedSession> {
    const id = hashToken(token);
    const cached = this.#entries.get(id);
    const time = now.getTime();
    if (cached && time < cached.until) {
      const version = await DataVersionRepository.current(this.database, cached.session.municipality.id);
      if (cached.version === version) return { session: cached.session, dataVersion: version };
    }
    this.#entries.delete(id);
    // The version is read in the same statement as the session: a change committed after it makes the entry stale, never right.
    const resolved = await resolveSessionAt(this.database.db, token, now);
    if (!resolved) return { session: null, dataVersion: undefined };
    const { session, dataVersion, absoluteEnd } = resolved;
    if (this.#entries.size >= this.max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(id, { session, version: dataVersion, absoluteEnd, until: Math.min(time + TOUCH_INTERVAL_MS, absoluteEnd) });
    return { session, dataVersion };
  }

  /** Forgets a session at once in this process (logout here; other processes see the version change). */
  forget(token: string): void {
    this.#entries.delete(hashToken(token));
  }
}
