import type { Database } from "../db/connection.js";
import type { SessionContext } from "../services/auth.js";
import type { Mailer } from "../services/mailer.js";
import type { SessionCache } from "../services/session-cache.js";
import type { PageCache } from "./page-cache.js";

export interface AppOptions {
  database: Database;
  /** Mark cookies Secure (default true). Only a plain-HTTP intranet without TLS should turn this off. */
  secureCookies?: boolean;
  /**
   * Take the client's address from the first X-Forwarded-For entry (only behind a reverse proxy that sets it;
   * GYOKAKU_TRUST_PROXY=1). Otherwise the socket's address is used.
   */
  trustProxy?: boolean;
  /** Sends お知らせ by e-mail when an SMTP server is configured (services/mailer.ts); none: in-app only. */
  mailer?: Mailer | null;
}

export interface AppEnv {
  Variables: {
    database: Database;
    session: SessionContext | null;
    /** The signed-in municipality's data version, read before anything else of this request (page-cache.ts). */
    dataVersion: number | undefined;
    sessionCache: SessionCache;
    pageCache: PageCache;
    /** The token a form on this page must send back (session token, or the pre-login cookie token). */
    csrfToken: string;
    secureCookies: boolean;
    trustProxy: boolean;
    mailer: Mailer | null;
  };
}
