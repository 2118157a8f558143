/**
 * The limits table of docs/http-api.md ("Limits") says what the code does: every row's
 * numbers equal the constant or configuration default it names (issue 10, point 4 and the
 * documentation of point 5/6). A row added without a check here, or a check whose row is
 * gone, fails too, so the table and this test move together.
 */
import { readFile } from 'node:fs/promises';
import { maxHeaderSize } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { openApiDocument } from '../../../src/http/openapi/document.js';
import {
  DEFAULT_MAX_MAP_RECORDS,
  MAX_CURSOR_LENGTH,
  PAGE_LIMITS,
} from '../../../src/http/openapi/pageLimits.js';
import { SERVER_TIMEOUTS } from '../../../src/http/startHttpServer.js';

/** The rows of the table under `## Limits`: first cell, and every backticked number of the second. */
async function limitsTable(): Promise<Map<string, number[]>> {
  const text = await readFile(new URL('../../../docs/http-api.md', import.meta.url), 'utf8');
  const section = text.split('\n## Limits\n')[1]?.split('\n## ')[0];
  if (!section) throw new Error('docs/http-api.md has no "## Limits" section');
  const rows = new Map<string, number[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || cells[1] === 'limit' || /^-+$/.test(cells[1] ?? '')) continue;
    const numbers = [...(cells[2] ?? '').matchAll(/`(\d+)`/g)].map((m) => Number(m[1]));
    rows.set(cells[1]!, numbers);
  }
  return rows;
}

describe('docs/http-api.md limits table', () => {
  it('states the numbers the code keeps', async () => {
    const loaded = loadConfig({}, '/srv');
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    const config = loaded.config;
    const document = openApiDocument();
    const q = (
      (document.paths as Record<string, unknown>)['/api/v1/integrations'] as {
        get: { parameters: Array<{ name: string; schema?: { maxLength?: number } }> };
      }
    ).get.parameters.find((p) => p.name === 'q');
    const mapRequest = (
      document.components.schemas as Record<string, { properties?: Record<string, object> }>
    ).MapRequest?.properties?.records as { maxItems?: number } | undefined;
    const page = (limits: { default: number; max: number }) => [limits.default, limits.max];

    const expected: Record<string, number[]> = {
      'catalog page (`/integrations`, `/templates`)': page(PAGE_LIMITS.definitions),
      'entity type page (`/entity-types`, `/<kind>/{key}/entity-types`)': page(
        PAGE_LIMITS.entityTypes,
      ),
      'manifest page (`/manifests`)': page(PAGE_LIMITS.manifests),
      'sync run page (`/sync/runs`)': page(PAGE_LIMITS.syncRuns),
      'user-data page (connections, admin connections, workspaces)': page(PAGE_LIMITS.userData),
      'cursor length': [MAX_CURSOR_LENGTH],
      'search text `q`': [q?.schema?.maxLength ?? NaN],
      'request body': [config.bodyLimitBytes],
      'JSON nesting of a body': [config.maxJsonDepth],
      'records in one map request': [DEFAULT_MAX_MAP_RECORDS],
      'map requests worked on at once': [config.mapConcurrency],
      'map requests waiting': [config.mapQueue],
      'catalog response cache': [config.catalogCacheBytes],
      'request deadline': [config.timeouts.requestMs],
      'database statement (PostgreSQL)': [config.timeouts.statementMs],
      'database lock wait (PostgreSQL)': [config.timeouts.lockMs],
      'readiness check, each': [config.timeouts.readinessMs],
      'request received (headers and body)': [SERVER_TIMEOUTS.requestMs],
      'request line and headers received': [SERVER_TIMEOUTS.headersMs],
      'idle keep-alive socket': [SERVER_TIMEOUTS.keepAliveMs],
      'request line and headers size': [maxHeaderSize],
    };
    // The document's own bound agrees with the constant the route uses.
    expect(mapRequest?.maxItems).toBe(DEFAULT_MAX_MAP_RECORDS);
    expect(Object.fromEntries(await limitsTable())).toEqual(expected);
  });
});
