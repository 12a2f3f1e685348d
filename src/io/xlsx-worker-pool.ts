/**
 * Runs the upload readers off the request thread (issue 14: one upload must never stall other users): workbooks (xlsx)
 * and text files (CSV, tab-separated, JSON) alike, one pool for both. Files are read by at most POOL_SIZE worker threads, kept between reads (a worker takes tens of milliseconds to start, and much
 * longer from the TypeScript sources), each with a memory ceiling (V8's old generation) and every read with a time
 * limit. Past either, that worker is stopped and the upload refused with a Japanese message; the other reads go on.
 * Idle workers do not keep the process alive (unref).
 * The pool is shared by every municipality, so its queue is bounded and fair (issue 14: a 10 KB import waited 50 s
 * behind eight zip bombs): a user has at most one file in the pool, a municipality at most
 * QUEUE_LIMITS.waitingPerMunicipality waiting, all together QUEUE_LIMITS.waiting; past any of these the read is refused
 * at once with a 503 (GyokakuError "unavailable", Retry-After). A free worker takes the waiting file of the
 * municipality with the fewest files being read, oldest first.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { Worker } from "node:worker_threads";
import { GyokakuError } from "../domain/errors.js";
import type { TextEncodingName } from "./text-encoding.js";
import type { TextTable } from "./text-table.js";
import type { SheetGrid } from "./xlsx.js";
import type { WorkerReply, WorkerRequest } from "./xlsx-worker.js";

/** Budget of one file read. */
export interface WorkerBudget {
  /** Wall-clock limit of the read (ms), counted from when a worker takes it. Default 30,000. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Heap ceiling of each worker (MB). */
export const WORKER_MEMORY_MB = 1024;
/** Workbooks read at the same time; further uploads wait their turn (other requests never do). */
export const POOL_SIZE = 2;

/** Files waiting for a worker, all together and per municipality, and files per user in the pool. */
export const QUEUE_LIMITS = { waiting: 8, waitingPerMunicipality: 2, perUser: 1 } as const;
/** Seconds a refused uploader is asked to wait (Retry-After). */
export const RETRY_AFTER_SECONDS = 30;

/** Who sent a file: the signed-in user and municipality of the request (the web layer sets it with asUploader). */
export interface UploadOwner {
  municipalityId: number;
  userId: number;
}

const owners = new AsyncLocalStorage<UploadOwner>();

/**
 * Runs `work` with `owner` as the sender of every file it reads through this pool (the web layer wraps each signed-in
 * write in it, so readers need not pass it along). Reads outside of it (the CLI, tests) have no owner: only the total
 * queue bound applies to them.
 */
export function asUploader<T>(owner: UploadOwner, work: () => T): T {
  return owners.run(owner, work);
}

/** Which file a message names: 「Excelファイル」 or 「テキストファイル」. */
type FileLabel = "Excelファイル" | "テキストファイル";

interface Job {
  request: WorkerRequest;
  owner: UploadOwner | undefined;
  label: FileLabel;
  timeoutMs: number;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

const idle: Slot[] = [];
const busy = new Set<Slot>();
const queue: Job[] = [];
let nextId = 1;

/**
 * The compiled worker beside this file (dist/io/xlsx-worker.js). From the TypeScript sources (vitest, `npm run dev`)
 * the worker first registers tsx's loader (a dev dependency) and then imports xlsx-worker.ts.
 */
function startWorker(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB } };
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./xlsx-worker.js", import.meta.url), options);
  const source = new URL("./xlsx-worker.ts", import.meta.url).href;
  return new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`, { ...options, eval: true });
}

function finish(slot: Slot, outcome: { result: unknown } | { error: Error }, keep: boolean): void {
  const job = slot.job;
  if (slot.timer) clearTimeout(slot.timer);
  slot.job = null;
  slot.timer = null;
  busy.delete(slot);
  if (keep) {
    slot.worker.unref();
    idle.push(slot);
  } else {
    void slot.worker.terminate();
  }
  if (job) {
    if ("result" in outcome) job.resolve(outcome.result);
    else job.reject(outcome.error);
  }
  pump();
}

function newSlot(): Slot {
  const slot: Slot = { worker: startWorker(), job: null, timer: null };
  slot.worker.on("message", (reply: WorkerReply) => {
    if (!slot.job || reply.id !== slot.job.request.id) return;
    finish(slot, reply.ok ? { result: reply.result } : { error: reply.refused ? new GyokakuError("invalid_input", reply.message, reply.details) : new Error(reply.message) }, true);
  });
  slot.worker.on("error", (error: Error & { code?: string }) => {
    const outOfMemory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
    const label = slot.job?.label ?? "Excelファイル";
    finish(slot, { error: outOfMemory ? new GyokakuError("invalid_input", `${label}が大きすぎて読み込めません(メモリの上限 ${WORKER_MEMORY_MB}MB を超えました)。行や列を減らすか、ファイルを分けてください`) : error }, false);
  });
  slot.worker.on("exit", () => {
    const at = idle.indexOf(slot);
    if (at >= 0) idle.splice(at, 1);
    if (slot.job) finish(slot, { error: new Error("upload worker stopped before answering") }, false);
  });
  return slot;
}

/** The waiting job to run next: of the municipality with the fewest jobs being read, the oldest. */
function takeNext(): Job | undefined {
  let best = -1;
  let bestRunning = Infinity;
  for (let i = 0; i < queue.length; i++) {
    const m = queue[i]?.owner?.municipalityId;
    const running = m === undefined ? 0 : [...busy].filter((slot) => slot.job?.owner?.municipalityId === m).length;
    if (running < bestRunning) {
      best = i;
      bestRunning = running;
    }
  }
  return best < 0 ? undefined : queue.splice(best, 1)[0];
}

function pump(): void {
  while (queue.length > 0 && busy.size < POOL_SIZE) {
    const job = takeNext();
    if (!job) return;
    const slot = idle.pop() ?? newSlot();
    slot.job = job;
    busy.add(slot);
    slot.worker.ref();
    slot.timer = setTimeout(
      () => finish(slot, { error: new GyokakuError("invalid_input", `${job.label}の読み込みが制限時間(${Math.round(job.timeoutMs / 1000)}秒)を超えたため中止しました。行や列を減らすか、ファイルを分けてください`) }, false),
      job.timeoutMs,
    );
    slot.worker.postMessage(job.request);
  }
}

function busyError(message: string): GyokakuError {
  return new GyokakuError("unavailable", message, { retryAfterSeconds: RETRY_AFTER_SECONDS });
}

/** Refuses a read the queue has no room for (see the module's comment), before it waits. */
function checkRoom(owner: UploadOwner | undefined): void {
  const inPool = [...queue, ...[...busy].flatMap((slot) => (slot.job ? [slot.job] : []))];
  if (owner && inPool.filter((job) => job.owner?.userId === owner.userId).length >= QUEUE_LIMITS.perUser) {
    throw busyError("前に送ったファイルをまだ読み込んでいます。読み込みが終わってから、もう一度送信してください");
  }
  const free = busy.size < POOL_SIZE;
  if (free) return;
  if (owner && queue.filter((job) => job.owner?.municipalityId === owner.municipalityId).length >= QUEUE_LIMITS.waitingPerMunicipality) {
    throw busyError(`この自治体のファイルの読み込みが混み合っています (待ちは${QUEUE_LIMITS.waitingPerMunicipality}件まで)。${RETRY_AFTER_SECONDS}秒ほど待ってから、もう一度送信してください`);
  }
  if (queue.length >= QUEUE_LIMITS.waiting) {
    throw busyError(`ファイルの読み込みが混み合っています (待ちは${QUEUE_LIMITS.waiting}件まで)。${RETRY_AFTER_SECONDS}秒ほど待ってから、もう一度送信してください`);
  }
}

function run(request: WorkerRequest, label: FileLabel, budget: WorkerBudget): Promise<unknown> {
  const owner = owners.getStore();
  checkRoom(owner);
  return new Promise<unknown>((resolve, reject) => {
    queue.push({ request, owner, label, timeoutMs: budget.timeoutMs ?? DEFAULT_TIMEOUT_MS, resolve, reject });
    pump();
  });
}

/**
 * Reads the workbook `bytes` in a worker thread within `budget`.
 * @throws GyokakuError("invalid_input") (Japanese): the reader's own refusal (its details kept), or the time / memory budget exceeded; GyokakuError
 *   "unavailable" (503, Japanese, details.retryAfterSeconds) when the queue has no room for it; Error for a failure
 *   of the reader that is not a refusal (a bug), with its message.
 */
export async function readXlsxInWorker(bytes: Uint8Array, budget: WorkerBudget = {}): Promise<SheetGrid[]> {
  return (await run({ id: nextId++, task: "xlsx", bytes }, "Excelファイル", budget)) as SheetGrid[];
}

/**
 * Reads the text file `bytes` (CSV, tab-separated, JSON; io/text-table.ts) in a worker thread within `budget`: only
 * its grid comes back, never the decoded text. @throws as readXlsxInWorker.
 */
export async function readTextInWorker(bytes: Uint8Array, encoding: TextEncodingName | "auto", budget: WorkerBudget = {}): Promise<TextTable> {
  return (await run({ id: nextId++, task: "text", bytes, encoding }, "テキストファイル", budget)) as TextTable;
}
