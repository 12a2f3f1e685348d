import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { stages } from "../../src/cli/progress.js";

/** A stream that keeps what is written; `isTTY` as a terminal's or a pipe's. */
function captured(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = Object.assign(new Writable({ write: (chunk: Buffer, _enc, done) => { chunks.push(chunk.toString()); done(); } }), { isTTY, columns: 80, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, text: () => chunks.join("") };
}

describe("gyokaku import's progress bar", () => {
  it("is drawn on a terminal, naming the stage", () => {
    const out = captured(true);
    const bar = stages({ stderrIsTTY: true }, ["読み込み・検査", "書き込み"], out.stream);
    bar.next();
    bar.stop();
    expect(out.text()).toContain("書き込み");
    expect(out.text()).toMatch(/[0-2]\/2/);
  });

  it("prints nothing on a stream that is not a terminal", () => {
    const out = captured(false);
    const bar = stages({ stderrIsTTY: false }, ["読み込み・検査", "書き込み"], out.stream);
    bar.next();
    bar.stop();
    expect(out.text()).toBe("");
  });
});
