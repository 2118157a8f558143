/**
 * The one status table, tested over every code of every error class: each code is in the
 * table, an error of that code answers the table's status and title with its own code, a
 * transient 503 carries Retry-After, and docs/http-api.md ("Errors") lists exactly the table.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONNECTION_ERROR_POLICY, ConnectionError } from '../connections/ConnectionError.js';
import { DATABASE_ERROR_POLICY, DatabaseError } from '../db/DatabaseError.js';
import type { RegsyncError } from '../errors/RegsyncError.js';
import { SOURCE_ERROR_CODES, SourceError } from '../git/SourceError.js';
import { GITHUB_ERROR_POLICY, GitHubError } from '../github/GitHubError.js';
import { WORKSPACE_ERROR_POLICY, WorkspaceError } from '../workspaces/WorkspaceError.js';
import { API_ERROR_POLICY, ApiError } from './ApiError.js';
import { FEED_ERROR_POLICY, FeedError } from '../feed/FeedError.js';
import { describeError } from './describeError.js';
import { STATUS_TABLE } from './statusTable.js';

const every: Array<[string, RegsyncError]> = [
  ...Object.keys(API_ERROR_POLICY).map(
    (c) => new ApiError(c as keyof typeof API_ERROR_POLICY, `api ${c}`),
  ),
  ...Object.keys(CONNECTION_ERROR_POLICY).map(
    (c) => new ConnectionError(c as keyof typeof CONNECTION_ERROR_POLICY, `connection ${c}`),
  ),
  ...Object.keys(WORKSPACE_ERROR_POLICY).map(
    (c) => new WorkspaceError(c as keyof typeof WORKSPACE_ERROR_POLICY, `workspace ${c}`),
  ),
  ...Object.keys(DATABASE_ERROR_POLICY).map(
    (c) =>
      new DatabaseError(c as keyof typeof DATABASE_ERROR_POLICY, `db ${c} postgresql://u:pw@h/db`),
  ),
  ...Object.keys(SOURCE_ERROR_CODES).map(
    (c) => new SourceError(c as keyof typeof SOURCE_ERROR_CODES, `source ${c}`),
  ),
  ...Object.keys(GITHUB_ERROR_POLICY).map(
    (c) => new GitHubError(c as keyof typeof GITHUB_ERROR_POLICY, `github ${c}`, { status: 401 }),
  ),
  ...Object.keys(FEED_ERROR_POLICY).map(
    (c) => new FeedError(c as keyof typeof FEED_ERROR_POLICY, `feed ${c}`),
  ),
].map((e) => [`${e.name} ${e.code}`, e]);

describe('the status table', () => {
  it.each(every)('%s answers its table status and title', (_name, error) => {
    const code = error.code as keyof typeof STATUS_TABLE;
    expect(STATUS_TABLE[code], `${code} has no status`).toBeDefined();
    const [status, title] = STATUS_TABLE[code];
    const d = describeError(error);
    expect(d).toMatchObject({ code, status, title });
    expect(error.policy).toMatch(/^(stalling|transient|ignore)$/);
    expect(error.retryable).toBe(error.policy === 'transient');
    if (status === 503 && error.policy === 'transient') expect(d.headers['Retry-After']).toBe('5');
    if (status < 500) expect(d.level).toBe('debug');
    if (code.startsWith('DATABASE_')) expect(d.detail).not.toContain('pw');
    else expect(d.detail).toBe(error.message);
  });

  it('holds no code that no error class has (besides INTERNAL)', () => {
    const codes = new Set(every.map(([, e]) => e.code));
    expect(Object.keys(STATUS_TABLE).filter((c) => !codes.has(c))).toEqual(['INTERNAL']);
  });

  it('keeps the headers an ApiError asks for', () => {
    const d = describeError(
      new ApiError('UNAUTHORIZED', 'no', { headers: { 'WWW-Authenticate': 'Bearer' } }),
    );
    expect(d.headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
  });

  it('answers a framework 4xx with that status (http-errors: status and statusCode)', () => {
    const uri = Object.assign(new URIError("Failed to decode param '%ZZ'"), {
      status: 400,
      statusCode: 400,
    });
    expect(describeError(uri)).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      level: 'debug',
      detail: "Failed to decode param '%ZZ'",
    });
    const big = Object.assign(new Error('request entity too large'), {
      statusCode: 413,
      type: 'entity.too.large',
    });
    expect(describeError(big)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const range = Object.assign(new Error('Range Not Satisfiable'), { status: 416 });
    expect(describeError(range)).toMatchObject({ status: 416, code: 'REQUEST_REFUSED' });
    const server = Object.assign(new Error('boom'), { status: 500 });
    expect(describeError(server)).toMatchObject({ status: 500, code: 'INTERNAL', level: 'error' });
    expect(describeError(server).detail).not.toContain('boom');
  });

  it('classifies database timeouts and outages, and a protocol violation as neither', () => {
    const pg = (code: string) =>
      Object.assign(new Error(`select 1 - ${code}`), { code, severity: 'ERROR' });
    expect(describeError(pg('57014'))).toMatchObject({
      status: 503,
      code: 'DATABASE_TIMEOUT',
      level: 'warn',
    });
    expect(describeError(pg('55P03'))).toMatchObject({ status: 503, code: 'DATABASE_TIMEOUT' });
    expect(describeError(pg('08006'))).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(describeError(pg('57P01')).headers).toEqual({ 'Retry-After': '5' });
    expect(describeError(pg('08P01'))).toMatchObject({ status: 500, code: 'INTERNAL' });
    const wrapped = new Error('outer', {
      cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED' }),
    });
    expect(describeError(wrapped)).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
  });

  it('is the table docs/http-api.md lists, row for row', () => {
    const doc = readFileSync(new URL('../../docs/http-api.md', import.meta.url), 'utf8');
    // Prettier pads the table's cells to the widest one: the header and rows match any padding.
    const section = doc.slice(doc.search(/^\| status +\| code +\| when +\|/m));
    const rows = [
      ...section.slice(0, section.indexOf('\n\n')).matchAll(/^\| (\d{3}) +\| `([A-Z_]+)` +\|/gm),
    ];
    const documented = Object.fromEntries(rows.map((m) => [m[2], Number(m[1])]));
    const table = Object.fromEntries(Object.entries(STATUS_TABLE).map(([c, [s]]) => [c, s]));
    expect(documented).toEqual(table);
  });
});
