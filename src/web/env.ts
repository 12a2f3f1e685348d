import type { Database } from "../db/connection.js";
import type { SessionContext } from "../services/auth.js";
import type { Mailer } from "../services/mailer.js";
import type { PdfWarmer } from "../services/publication-pdf-warm.js";
import type { SessionCache } from "../services/session-cache.js";
import type { BodyRule } from "./body-limit.js";
import type { PageCache } from "./page-cache.js";

export interface AppOptions {
  database: Database;
  /** Mark cookies Secure (default true). Only a plain-HTTP intranet without TLS should turn this off. */
  secureCookies?: boolean;
  /**
   * Take the client's address from the right-most X-Forwarded-For entry, the one the reverse proxy appended (only
   * behind one reverse proxy that sets it; GYOKAKU_TRUST_PROXY=1). Otherwise the socket's address is used.
   */
  trustProxy?: boolean;
  /** Sends お知らせ by e-mail when an SMTP server is configured (services/mailer.ts); none: in-app only. */
  mailer?: Mailer | null;
  /**
   * Prints an edition's PDF in the background after hq approves it and when its document is previewed or downloaded
   * (services/publication-pdf-warm.ts), so the first publish after it is warm. None: nothing is printed ahead
   * (publish prints when it needs to). The server passes one.
   */
  pdfWarmer?: PdfWarmer | null;
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
    /** What this request's body may hold (body-limit.ts), set before the body is read; absent for GET and HEAD. */
    bodyRule: BodyRule;
    secureCookies: boolean;
    trustProxy: boolean;
    mailer: Mailer | null;
    pdfWarmer: PdfWarmer | null;
  };
}
