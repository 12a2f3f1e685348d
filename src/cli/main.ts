#!/usr/bin/env node
import { runCli } from "./program.js";

const code = await runCli(process.argv.slice(2));
// serve keeps the process alive through its open server; every other command ends here.
if (code !== 0) process.exit(code);
