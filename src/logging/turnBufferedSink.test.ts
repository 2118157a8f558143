import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createLogger } from './createLogger.js';
import { turnBufferedSink } from './turnBufferedSink.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A logger writing through a turnBufferedSink into `writes`. */
function capturedLogger(): { writes: string[]; logger: ReturnType<typeof createLogger> } {
  const writes: string[] = [];
  const logger = createLogger(
    'info',
    turnBufferedSink({
      write: (chunk: string) => writes.push(chunk),
    }) as unknown as NodeJS.WritableStream,
  );
  return { writes, logger };
}

describe('turnBufferedSink', () => {
  it('hands the lines of one turn to the sink in one write, in order, by the end of the turn', async () => {
    const writes: string[] = [];
    const sink = turnBufferedSink({ write: (chunk: string) => writes.push(chunk) });
    const logger = createLogger('info', sink as unknown as NodeJS.WritableStream);
    logger.info({ n: 1 }, 'request');
    logger.info({ n: 2, token: 'x' }, 'request');
    logger.warn({ n: 3 }, 'request');
    expect(writes).toEqual([]);
    expect(sink.pending()).toBeGreaterThan(0);
    await nextTurn();
    expect(writes).toHaveLength(1);
    const lines = writes[0]!
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.n)).toEqual([1, 2, 3]);
    expect(lines[2]!.level).toBe(40);
    expect(sink.pending()).toBe(0);
    logger.info('next turn');
    await nextTurn();
    expect(writes).toHaveLength(2);
  });

  it('keeps redaction: the sink sees the line pino wrote', async () => {
    const { writes, logger } = capturedLogger();
    logger.info({ config: { adminToken: 'secret-value' } }, 'configured');
    await nextTurn();
    expect(writes.join('')).not.toContain('secret-value');
    expect(writes.join('')).toContain('[redacted]');
  });

  it('hands over at once past 16 KiB, and on flush()', () => {
    const writes: string[] = [];
    const sink = turnBufferedSink({ write: (chunk: string) => writes.push(chunk) });
    sink.write('x'.repeat(20_000));
    expect(writes).toHaveLength(1);
    sink.write('y\n');
    let flushed = false;
    sink.flush(() => (flushed = true));
    expect(flushed).toBe(true);
    expect(writes).toEqual(['x'.repeat(20_000), 'y\n']);
  });

  it.each(['process.exit(3)', "throw new Error('boom')"])(
    'writes what is buffered when the process exits in the same turn (%s)',
    (ending) => {
      const module = new URL('./turnBufferedSink.ts', import.meta.url).pathname;
      const script = `import { turnBufferedSink } from ${JSON.stringify(module)};
        const sink = turnBufferedSink(process.stdout);
        sink.write('last line\\n');
        ${ending};`;
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { encoding: 'utf8' },
      );
      expect(run.stdout).toBe('last line\n');
      expect(run.status).not.toBe(0);
    },
  );

  // pino's own flush reaches the sink (logger.flush() before a deliberate exit).
  it('logger.flush() hands the buffer over', () => {
    const { writes, logger } = capturedLogger();
    logger.info('one');
    logger.flush();
    expect(writes).toHaveLength(1);
  });
});
