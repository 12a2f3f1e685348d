/**
 * Ends a command with an exit code after it has printed what it had to say (e.g. an import report with
 * problems): runCli returns the code without printing anything more.
 */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
