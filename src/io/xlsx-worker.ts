/**
 * Worker thread of the xlsx reader (io/xlsx-worker-pool.ts starts it and keeps it between reads): reads each workbook
 * it is sent with readXlsxInThread and answers with the grids, or with the Japanese message of the RangeError that
 * refused it.
 */
import { parentPort } from "node:worker_threads";
import { readXlsxInThread } from "./xlsx.js";

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
}

export type WorkerReply = { id: number; ok: true; sheets: Awaited<ReturnType<typeof readXlsxInThread>> } | { id: number; ok: false; refused: boolean; message: string };

parentPort?.on("message", (request: WorkerRequest) => {
  readXlsxInThread(request.bytes).then(
    (sheets) => parentPort?.postMessage({ id: request.id, ok: true, sheets } satisfies WorkerReply),
    (error: unknown) => {
      const refused = error instanceof RangeError;
      parentPort?.postMessage({ id: request.id, ok: false, refused, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
    },
  );
});
