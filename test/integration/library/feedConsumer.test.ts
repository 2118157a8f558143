/**
 * The example consumer (examples/feed-consumer/follow.mjs) against a real server: the
 * service on a bare Git copy of the bundled registry (PGlite), the example run as a child
 * process with `regsync/*` resolved to this checkout's library entries (src/lib, through
 * tsx, so the sources under test are what it imports). It must read Stripe from the catalog
 * with the typed client, compile the customer mapping and map Stripe's published customer
 * payload in-process exactly as the reviewed vendor expectation says, then turn to the feed.
 *
 * Not covered yet: the feed half (an event after a commit that changes the mapping, the
 * recompile, Last-Event-ID resume), because GET /api/v1/events is not on main yet.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/packageCopy.js';
import { serviceOnBundledRegistry } from '../http/service.js';

/** Resolves `regsync/<entry>` to src/lib/<entry>.ts, as the package's `exports` do for dist/. */
const HOOKS = `
export async function resolve(specifier, context, next) {
  const m = /^regsync\\/(mapping|manifest|client)$/.exec(specifier);
  if (m) return next(${JSON.stringify(`file://${REPO_ROOT}src/lib/`)} + m[1] + '.ts', context);
  return next(specifier, context);
}`;
const MAP_ENTRIES = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(
    `data:text/javascript,${encodeURIComponent(HOOKS)}`,
  )});`,
)}`;

const PAYLOAD = join(REPO_ROOT, 'test/fixtures/vendor/stripe/customer.payload.json');
const EXPECTED = join(REPO_ROOT, 'test/fixtures/vendor/stripe/customer.expected.json');

describe('examples/feed-consumer', () => {
  const running = serviceOnBundledRegistry({ driver: 'pglite' });

  it('compiles the mapping read with the typed client and maps a batch in-process', async () => {
    const expected = JSON.parse(await readFile(EXPECTED, 'utf8')) as {
      records: Array<{ attributes: Record<string, unknown> }>;
    };
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        MAP_ENTRIES,
        join(REPO_ROOT, 'examples/feed-consumer/follow.mjs'),
        '--url',
        running.service.url,
        '--payload',
        PAYLOAD,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines: Array<Record<string, unknown>> = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no feed line; got ${JSON.stringify(lines)}; ${stderr}`)),
          60_000,
        );
        createInterface({ input: child.stdout }).on('line', (line) => {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          lines.push(parsed);
          // After mapping, the example turns to the feed: its first line about it ends this part.
          if (parsed.type === 'listening' || parsed.type === 'feed-refused') {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
    } finally {
      child.kill('SIGTERM');
    }
    const detail = (await (await running.service.fetch('/api/v1/integrations/stripe')).json()) as {
      checksum: string;
      revision: string;
    };
    const [compiled, mapped] = lines;
    expect(compiled).toEqual({
      type: 'compiled',
      why: 'start',
      revision: detail.revision,
      checksum: detail.checksum,
    });
    expect(mapped).toEqual({
      type: 'mapped',
      checksum: detail.checksum,
      ok: expected.records.length,
      failed: 0,
      first: expected.records[0]?.attributes,
    });
  }, 120_000);
});
