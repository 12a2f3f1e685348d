/**
 * `gyokaku serve --workers N`: N server processes sharing one port (node:cluster), so a machine's cores all answer
 * requests as nginx's worker processes do (issue 14, "the heaviest page at a quarter of nginx").
 *
 * The primary process opens the database (migrations, the demo), runs the hourly reminders once, and starts the
 * workers; it answers no request itself. Each worker opens its own connection (SQLite file or PostgreSQL pool) and runs
 * the same app. Nothing a request needs lives only in one process: sessions, the login throttle, locks and versions are
 * in the database, and each process's page and session caches are checked against the municipality's data version on
 * every request (see web/page-cache.ts, services/session-cache.ts), so a write answered by one worker is seen by the
 * next request on any other. A worker that dies is started again (after 1 s); SIGINT / SIGTERM to the primary stops
 * the workers (each finishes its requests) and then the primary.
 */
import cluster, { type Worker } from "node:cluster";
import { fileURLToPath } from "node:url";
import { GyokakuError } from "../domain/errors.js";

/** Most server processes one `serve` starts (a sanity bound: more than a machine's cores only adds memory). */
export const MAX_WORKERS = 64;

/** Set in a worker's environment by the primary: this process is one of N (see isClusterWorker). */
const WORKER_ENV = "GYOKAKU_CLUSTER_WORKER";

/**
 * Reads `--workers` / GYOKAKU_WORKERS: a whole number 1–{@link MAX_WORKERS} (1: one process, no cluster).
 * @throws GyokakuError("invalid_input") naming the value
 */
export function parseWorkers(value: string | undefined): number {
  if (value === undefined || value === "") return 1;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > MAX_WORKERS) {
    throw new GyokakuError("invalid_input", `プロセス数(--workers)が不正です: 「${value}」(1〜${MAX_WORKERS} の整数で指定してください)`);
  }
  return n;
}

/** True in a process the primary of `serve --workers N` started. */
export function isClusterWorker(env: NodeJS.ProcessEnv = process.env): boolean {
  return cluster.isWorker && env[WORKER_ENV] === "1";
}

/** What a worker tells the primary once it listens. */
interface ListeningMessage {
  kind: "gyokaku-listening";
  port: number;
  address: string;
}

/** Called in a worker once its server listens: the primary prints the address when every worker has said so. */
export function announceListening(port: number, address: string): void {
  process.send?.({ kind: "gyokaku-listening", port, address } satisfies ListeningMessage);
}

/** The running workers of one `serve --workers N`, from the primary's side. */
export interface RunningCluster {
  port: number;
  address: string;
  /** The workers' process ids (for tests and the operator). */
  pids(): number[];
  /** Stops every worker (SIGTERM: each finishes what it is answering and closes its database) and waits for them. */
  close(): Promise<void>;
}

/** The CLI entry the workers run: the built dist/cli/main.js, or src/cli/main.ts through tsx when running from source. */
function entry(): { exec: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".ts")) return { exec: fileURLToPath(new URL("./main.ts", import.meta.url)), execArgv: ["--import", "tsx"] };
  return { exec: fileURLToPath(new URL("./main.js", import.meta.url)), execArgv: [] };
}

/**
 * Starts `count` worker processes running `gyokaku serve` with `args` (port, host, database: what the primary was
 * given, with the database URL resolved) and resolves once all of them listen.
 * @throws GyokakuError("invalid_input") when a worker exits before listening (its own output, printed above, says why:
 *   a used port, an unreachable database).
 */
export function startCluster(count: number, args: string[]): Promise<RunningCluster> {
  const { exec, execArgv } = entry();
  cluster.setupPrimary({ exec, execArgv, args: ["serve", ...args], silent: false });
  const workers = new Set<Worker>();
  let closing = false;
  let listening: ListeningMessage | undefined;

  const fork = (): Worker => {
    const worker = cluster.fork({ [WORKER_ENV]: "1" });
    workers.add(worker);
    worker.on("exit", (code, signal) => {
      workers.delete(worker);
      if (closing || listening === undefined) return;
      console.error(`サーバープロセス ${worker.process.pid} が終了しました (${signal ?? `終了コード ${code}`})。1秒後に起動し直します`);
      setTimeout(() => {
        if (!closing) fork();
      }, 1000).unref();
    });
    return worker;
  };

  return new Promise((resolve, reject) => {
    let ready = 0;
    for (let i = 0; i < count; i += 1) {
      const worker = fork();
      worker.on("message", (message: ListeningMessage) => {
        if (message?.kind !== "gyokaku-listening" || listening !== undefined) return;
        ready += 1;
        if (ready < count) return;
        listening = message;
        resolve({
          port: message.port,
          address: message.address,
          pids: () => [...workers].map((w) => w.process.pid ?? 0),
          close: async () => {
            closing = true;
            await Promise.all(
              [...workers].map(
                (w) =>
                  new Promise<void>((done) => {
                    if (w.isDead()) return done();
                    w.once("exit", () => done());
                    w.process.kill("SIGTERM");
                  }),
              ),
            );
          },
        });
      });
      worker.once("exit", (code) => {
        if (listening !== undefined) return;
        closing = true;
        for (const other of workers) other.process.kill("SIGTERM");
        reject(new GyokakuError("invalid_input", `サーバープロセスが待ち受けを始める前に終了しました (終了コード ${code})。上に表示された理由を確認してください`));
      });
    }
  });
}
