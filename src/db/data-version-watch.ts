/**
 * PostgreSQL: the data versions a server process has heard of, so a page view need not ask the database for its
 * municipality's version (issue 14, "the heaviest page at a quarter of nginx"). A dedicated connection LISTENs on the
 * schema's channel; the data-version trigger sends "<municipality id>:<version>" with NOTIFY at every commit that
 * changes a municipality's data (migration 20261203T0000-data-version-notify), in any process, the CLI included.
 *
 * What it promises:
 * - a version is only given out while the connection listens, and only one heard after LISTEN or read from the
 *   database while listening (remember()), so no notification can have been missed; on a lost connection everything
 *   known is dropped (callers read the database again) until it listens again (retried every second);
 * - versions only grow: a slow read never replaces a newer version heard meanwhile;
 * - the writer sees its own write at once: a write request forgets its municipality's version here (forget()), and
 *   web/security.ts hands the browser the version after the write, so another process that has not yet heard the
 *   notification reads the database instead (see loadSession). Other users see the write once the notification
 *   arrives (well under a millisecond on one host), as if they had loaded the page that much earlier.
 */
import type pg from "pg";

export class DataVersionWatch {
  readonly #known = new Map<number, number>();
  /** Changes on every connect and disconnect: a read started under another epoch is not remembered. */
  #epoch = 0;
  #listening = false;
  #closed = false;
  #client: pg.Client | undefined;
  #retry: NodeJS.Timeout | undefined;

  constructor(private readonly newClient: () => pg.Client) {}

  /** Connects and listens; resolves once listening (or once the first attempt failed: it retries in the background). */
  async start(): Promise<void> {
    if (this.#closed) return;
    const client = this.newClient();
    this.#client = client;
    const lost = () => {
      if (this.#client !== client) return;
      this.#listening = false;
      this.#epoch += 1;
      this.#known.clear();
      this.#client = undefined;
      void client.end().catch(() => undefined);
      if (!this.#closed) {
        this.#retry = setTimeout(() => void this.start(), 1000);
        this.#retry.unref();
      }
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (message) => {
      const [m, v] = (message.payload ?? "").split(":").map(Number);
      if (this.#listening && Number.isSafeInteger(m) && Number.isSafeInteger(v)) this.#raise(m ?? 0, v ?? 0);
    });
    try {
      await client.connect();
      const schema = (await client.query<{ schema: string }>("select current_schema() as schema")).rows[0]?.schema ?? "public";
      await client.query(`listen "${`gyokaku_dv_${schema}`.replace(/"/g, '""')}"`);
      if (this.#client !== client) return;
      this.#epoch += 1;
      this.#listening = true;
    } catch {
      lost();
    }
  }

  #raise(municipalityId: number, version: number): void {
    if (version > (this.#known.get(municipalityId) ?? -1)) this.#known.set(municipalityId, version);
  }

  /** The version heard for the municipality, or undefined (not listening, or nothing known: read the database). */
  known(municipalityId: number): number | undefined {
    return this.#listening ? this.#known.get(municipalityId) : undefined;
  }

  /** The epoch to hand to remember() for a read about to start; undefined while not listening. */
  epoch(): number | undefined {
    return this.#listening ? this.#epoch : undefined;
  }

  /** A version read from the database by a read started at `epoch`: kept if still listening under that epoch. */
  remember(municipalityId: number, version: number, epoch: number): void {
    if (this.#listening && epoch === this.#epoch) this.#raise(municipalityId, version);
  }

  /** Drops what is known of the municipality: the next request reads the database (after a write, see above). */
  forget(municipalityId: number): void {
    this.#known.delete(municipalityId);
  }

  /** Stops listening. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#listening = false;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}
