/**
 * The progress line `regsync sync --once` rewrites on a terminal during a large sync: how many
 * manifests were read and validated, the share, the time so far and an estimate of the rest
 * (from the rate so far). Pure; the caller writes it to stderr, only when stderr is a TTY.
 */

/** Formats milliseconds as `850 ms`, `12.3 s` or `2 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * One progress line, starting with `\r` so it overwrites the previous one, and ending with
 * a newline once `done === total` (the summary then starts on a line of its own). Padded
 * with spaces so a shorter line hides the end of a longer one.
 */
export function formatProgress(done: number, total: number, elapsedMs: number): string {
  const share = total > 0 ? Math.floor((done / total) * 100) : 100;
  let line = `  ${done}/${total} manifests validated (${share}%), ${formatDuration(elapsedMs)}`;
  if (done === total) return `\r${line}; writing\n`;
  if (done > 0) line += `, about ${formatDuration((elapsedMs / done) * (total - done))} left`;
  return `\r${line.padEnd(72)}`;
}
