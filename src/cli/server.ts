import { type ServerType, serve } from "@hono/node-server";
import type { Database } from "../db/connection.js";
import { GyokakuError } from "../domain/errors.js";
import type { Mailer } from "../services/mailer.js";
import { PdfWarmer } from "../services/publication-pdf-warm.js";
import { createApp } from "../web/app.js";

export interface RunningServer {
  port: number;
  /** The address listened on, e.g. "127.0.0.1" or "::" (every interface). */
  address: string;
  close(): Promise<void>;
}

/** Starts the HTTP server; closes it and the database on SIGINT/SIGTERM. */
export function startServer(options: { database: Database; port: number; host?: string; secureCookies: boolean; trustProxy?: boolean; mailer?: Mailer | null }): Promise<RunningServer> {
  // PostgreSQL: listen for data versions (db/data-version-watch.ts) before the first request; closed with the database.
  const listening = options.database.versionWatch?.start() ?? Promise.resolve();
  const pdfWarmer = new PdfWarmer();
  const app = createApp({ database: options.database, secureCookies: options.secureCookies, trustProxy: options.trustProxy ?? false, mailer: options.mailer ?? null, pdfWarmer });
  return listening.then(() => new Promise((resolve, reject) => {
    const close = () =>
      new Promise<void>((done) => {
        server.close(() => {
          // The background prints, the Chromium the 公表 prints share (started only if someone printed), then the database.
          void pdfWarmer
            .idle()
            .then(() => import("../report/document/pdf.js"))
            .then((pdf) => pdf.closeSharedPrintBrowser())
            .then(() => options.database.close())
            .then(done);
        });
      });
    const server: ServerType = serve({ fetch: app.fetch, port: options.port, ...(options.host ? { hostname: options.host } : {}) }, (info) => {
      const shutdown = () => {
        void close().then(() => process.exit(0));
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
      resolve({ port: info.port, address: info.address, close });
    });
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new GyokakuError("invalid_input", `ポート ${options.port} は既に使われています (--port で別のポートを指定してください)`)
          : error,
      );
    });
  }));
}
