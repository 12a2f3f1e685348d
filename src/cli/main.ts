#!/usr/bin/env node
import { runCli } from "./program.js";

// Output piped into a reader that stops early (`gyokaku import … | head`) closes the pipe: stop quietly, as Unix tools
// do, instead of printing Node's EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

const code = await runCli(process.argv.slice(2));
// serve keeps the process alive through its open server; every other command ends here.
if (code !== 0) process.exit(code);
