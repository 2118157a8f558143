/**
 * The map-load servers' event-loop delay (bench/http/mapLoad.ts): how long a timer due every
 * millisecond waited, i.e. how long the main thread was busy with something else. Separates
 * what the service holds the loop for from the wait for a core that a loaded machine adds to
 * every probe. `reset` on stdin starts the window (after the warm-up); when stdin closes the
 * server prints one more JSON line, `{ "loopDelayMs": { p50, p99, max } }`, then stops.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

/** Starts the monitor and the stdin protocol; `stop` runs after the figures are printed. */
export function reportLoopDelayOnStdin(stop: () => Promise<void>): void {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() === 'reset') delay.reset();
  });
  lines.on('close', () => {
    delay.disable();
    const ms = (ns: number) => Math.round(ns / 1e5) / 10;
    process.stdout.write(
      `${JSON.stringify({ loopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) } })}\n`,
    );
    void stop();
  });
}
