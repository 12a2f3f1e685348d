/**
 * Worker thread of the upload readers (io/xlsx-worker-pool.ts starts it and keeps it between reads): reads each file it
 * is sent — a workbook with readXlsxInThread, a text file (CSV, tab-separated, JSON) with readTextTable — and answers
 * with the grids, or with the Japanese message (and details) of the GyokakuError("invalid_input") that refused it.
 */
import { isInvalidInput } from "../domain/errors.js";
import { getPriority, setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { readTextTable, type TextTable } from "./text-table.js";
import type { TextEncodingName } from "./text-encoding.js";
import { readXlsxInThread, type SheetGrid } from "./xlsx.js";

/** One file to read: a workbook, or a text file with the encoding chosen ("auto": detected). */
export type WorkerRequest = { id: number; task: "xlsx"; bytes: Uint8Array } | { id: number; task: "text"; bytes: Uint8Array; encoding: TextEncodingName | "auto" };

/** What a read gives back, by task. */
export interface WorkerResults {
  xlsx: SheetGrid[];
  text: TextTable;
}

export type WorkerReply = { id: number; ok: true; result: WorkerResults[keyof WorkerResults] } | { id: number; ok: false; refused: boolean; message: string; details: Record<string, unknown> };

async function read(request: WorkerRequest): Promise<WorkerResults[keyof WorkerResults]> {
  return request.task === "xlsx" ? readXlsxInThread(request.bytes) : readTextTable(request.bytes, request.encoding);
}

/**
 * Reading a file yields the CPU to the request thread: on Linux the nice value is per thread, so this worker alone runs
 * 10 steps nicer than the server (with 2 cores and two workers busy, the request thread would otherwise wait for them).
 */
try {
  setPriority(0, Math.min(19, getPriority(0) + 10));
} catch {
  // not allowed here: read at the server's priority
}

parentPort?.on("message", (request: WorkerRequest) => {
  read(request).then(
    (result) => parentPort?.postMessage({ id: request.id, ok: true, result } satisfies WorkerReply),
    (error: unknown) => {
      const refused = isInvalidInput(error);
      const message = error instanceof Error ? error.message : String(error);
      parentPort?.postMessage({ id: request.id, ok: false, refused, message, details: refused ? error.details : {} } satisfies WorkerReply);
    },
  );
});
