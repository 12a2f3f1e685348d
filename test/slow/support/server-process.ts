/**
 * Real `gyokaku serve` processes for the slow suite (npm run test:slow): started from the sources (tsx), killed with
 * any signal, their memory read from /proc, and a small HTTP client that signs in the way a browser does.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Database } from "../../../src/db/connection.js";
import { hashToken } from "../../../src/services/auth.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface ServerProcess {
  port: number;
  base: string;
  child: ChildProcess;
  /** Resident memory of the process (all its threads, the xlsx workers included), in MB. */
  rssMb(): number;
  /** Stops it (SIGKILL: at once, as a power cut would; SIGTERM: shuts down) and waits for it to be gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `gyokaku serve --port 0 --database URL [args]` in a child process; resolves once it listens. */
export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}, args: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve", "--port", "0", "--database", databaseUrl, ...args], {
    cwd: ROOT,
    env: { ...process.env, GYOKAKU_INSECURE_COOKIES: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/[^:]+:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    child,
    rssMb: () => {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0);
        return kb / 1024;
      } catch {
        return 0;
      }
    },
    kill: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A signed-in session for HTTP requests to any server process on the database: cookie header and CSRF token. */
export interface HttpSession {
  cookie: string;
  csrfToken: string;
}

/** The session of a token issued by login() (its CSRF token read from the database, as the page would carry it). */
export async function httpSession(database: Database, token: string): Promise<HttpSession> {
  const row = await database.db.selectFrom("sessions").select("csrf_token").where("id", "=", hashToken(token)).executeTakeFirstOrThrow();
  return { cookie: `gyokaku_session=${token}`, csrfToken: row.csrf_token };
}

/** PUT /api/v1/headcounts/:year with one row: `staff` written over the value `read`. */
export function putStaff(base: string, session: HttpSession, year: number, unitId: number, read: number | null, staff: number): Promise<Response> {
  return fetch(`${base}/api/v1/headcounts/${year}`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie: session.cookie, "x-csrf-token": session.csrfToken },
    body: JSON.stringify({ rows: [{ unitId, counts: { staff }, expected: { staff: read } }], confirm: true }),
  });
}

/** The PostgreSQL URL a CLI process uses to work in the test's schema (one helper, shared with the benchmarks). */
export { urlWithSchema } from "../../../bench/support/common.js";
