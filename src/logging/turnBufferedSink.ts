/** Where a turn-buffered sink hands its text: a stream, or pino's SonicBoom. */
export interface LogSink {
  write(chunk: string): unknown;
}

/** A log destination for pino that writes once per event-loop turn (see turnBufferedSink). */
export interface TurnBufferedSink extends LogSink {
  /** Hands everything buffered to the sink now (pino's `logger.flush()` calls it). */
  flush(callback?: (error?: Error) => void): void;
  /** Text buffered and not yet handed to the sink, in UTF-16 code units (tests, metrics). */
  pending(): number;
}

/** Past this much buffered text a write hands it over at once instead of at the turn's end. */
const MAX_PENDING = 16_384;

/**
 * Coalesces the log lines written during one turn of the event loop into one write to
 * `sink`, handed over at the end of the turn (setImmediate) or at once past 16 KiB. Under
 * load, a turn finishes several requests, so their access lines cost one write (one syscall
 * on a synchronous stdout) instead of one each; a lone line goes out in the same turn, no
 * timer, no delay a reader could see. Order is kept (one buffer, one sink).
 *
 * What a crash loses: only the lines of the turn in progress. `process.on('exit')` flushes
 * (it runs on `process.exit`, after an uncaught exception and after the SIGTERM/SIGINT
 * shutdown of `regsync serve`), and a synchronous stdout (a file or a pipe on Linux, a
 * terminal) writes it before the process ends; a SIGKILL or an abort loses that one turn.
 */
export function turnBufferedSink(sink: LogSink): TurnBufferedSink {
  let buffered = '';
  let scheduled = false;
  const handOver = (): void => {
    scheduled = false;
    if (buffered === '') return;
    const text = buffered;
    buffered = '';
    sink.write(text);
  };
  const onExit = (): void => handOver();
  process.on('exit', onExit);
  return {
    write(chunk: string): boolean {
      buffered += chunk;
      if (buffered.length >= MAX_PENDING) handOver();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(handOver);
      }
      return true;
    },
    flush(callback) {
      handOver();
      callback?.();
    },
    pending: () => buffered.length,
  };
}
