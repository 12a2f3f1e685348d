/**
 * A progress bar for long CLI runs, drawn on stderr only when stderr is a terminal (cli-progress); in a pipe,
 * a log or a test nothing extra is printed.
 */
import cliProgress from "cli-progress";
import type { CliIo } from "./program.js";

export interface Stages {
  /** The current stage is done; the bar moves on and names the next one. */
  next(): void;
  stop(): void;
}

/** A bar over named stages (読み込み・検査, 書き込み …), on `stream` (stderr; a test passes its own terminal-like stream). */
export function stages(io: Pick<CliIo, "stderrIsTTY">, names: readonly string[], stream: NodeJS.WritableStream = process.stderr): Stages {
  if (!io.stderrIsTTY) return { next: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: "{bar} {value}/{total} {stage}", stream, clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let done = 0;
  bar.start(names.length, 0, { stage: names[0] ?? "" });
  let stopped = false;
  return {
    next: () => {
      done = Math.min(done + 1, names.length);
      bar.update(done, { stage: names[done] ?? "完了" });
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
