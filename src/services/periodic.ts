/**
 * A task run in the background of the server: first after `firstDelayMs`, then every `intervalMs`, one pass at a time
 * (a pass waits for the one before it), a failure logged with `failureMessage` and never thrown. Timers do not keep the
 * process alive. Returns stop(), which cancels the timers and waits for a running pass. Used by the reminder and the
 * security-log pruning schedules.
 */
export function startPeriodic(task: () => Promise<unknown>, props: { firstDelayMs: number; intervalMs: number; failureMessage: string }): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const pass = () => {
    if (stopped) return;
    running = running.then(task).catch((error: unknown) => console.error(props.failureMessage, error));
  };
  const first = setTimeout(pass, props.firstDelayMs);
  const every = setInterval(pass, props.intervalMs);
  first.unref();
  every.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
    await running;
  };
}
