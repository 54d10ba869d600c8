/** The one machine-readable line a server prints on stdout when it accepts traffic. */
export function printReady(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ event: 'ready', ...fields })}\n`);
}

/** Runs `close` once on SIGTERM/SIGINT, then exits 0 (or 1 if closing failed). */
export function onShutdown(close: () => Promise<void>, log: (msg: string) => void): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    log(`received ${signal}, shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`shutdown failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
