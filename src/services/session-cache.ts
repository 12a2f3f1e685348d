import { DataVersionRepository } from "../db/repositories/data-versions.js";
import { SessionRepository } from "../db/repositories/sessions.js";
import type { Database } from "../db/connection.js";
import { hashToken, resolveSession, SESSION_ABSOLUTE_MS, type SessionContext, TOUCH_INTERVAL_MS } from "./auth.js";

/** A resolved session and the data version of its municipality read before it. */
export interface ResolvedSession {
  session: SessionContext | null;
  /** The municipality's data version, read before anything else of this request (undefined without a session). */
  dataVersion: number | undefined;
}

interface Entry {
  session: SessionContext;
  /** The data version read before the session was resolved. */
  version: number;
  /** Until when the entry may be used without resolving again (ms): the next touch, or the absolute end. */
  until: number;
  /** The session's absolute end (ms since epoch). */
  absoluteEnd: number;
}

/**
 * Signed-in sessions kept in this process, so a page view costs one query (the municipality's data version) instead
 * of five. Correct across server processes: logout, a disabled user, a role, unit or password change, a deleted
 * session and a new お知らせ all write rows that increment the data version (database triggers), so the next request
 * in any process sees another version and resolves the session again from the database; nothing waits for a timer.
 * An entry is also resolved again once a minute (the idle expiry is extended as before) and never used past the
 * session's absolute lifetime. Keyed by the token's hash; at most `max` entries (oldest dropped first).
 */
export class SessionCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly database: Database,
    private readonly max = 10_000,
  ) {}

  /** The signed-in user behind a cookie token (as resolveSession), with the data version of its municipality. */
  async resolve(token: string, now = new Date()): Promise<ResolvedSession> {
    const id = hashToken(token);
    const cached = this.#entries.get(id);
    let municipalityId = cached?.session.municipality.id;
    let absoluteEnd = cached?.absoluteEnd;
    if (!cached) {
      const row = await new SessionRepository(this.database.db).get(id);
      if (!row) return { session: null, dataVersion: undefined };
      municipalityId = row.municipality_id;
      absoluteEnd = new Date(row.created_at).getTime() + SESSION_ABSOLUTE_MS;
    }
    if (municipalityId === undefined || absoluteEnd === undefined) return { session: null, dataVersion: undefined };
    // First the version, then the session: a change committed after this read makes the entry stale, never right.
    const version = await DataVersionRepository.current(this.database, municipalityId);
    const time = now.getTime();
    if (cached && cached.version === version && time < cached.until) return { session: cached.session, dataVersion: version };
    this.#entries.delete(id);
    const session = await resolveSession(this.database.db, token, now);
    if (!session) return { session: null, dataVersion: undefined };
    if (session.municipality.id !== municipalityId) return { session, dataVersion: undefined };
    if (this.#entries.size >= this.max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(id, { session, version, absoluteEnd, until: Math.min(time + TOUCH_INTERVAL_MS, absoluteEnd) });
    return { session, dataVersion: version };
  }

  /** Forgets a session at once in this process (logout here; other processes see the version change). */
  forget(token: string): void {
    this.#entries.delete(hashToken(token));
  }
}
