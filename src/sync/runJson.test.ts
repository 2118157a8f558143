import { describe, expect, it } from 'vitest';
import { runJson, runSummaryJson } from './runJson.js';
import type { SyncRunRecord } from './ports.js';

const finding = {
  file: 'integrations/x/manifest.json',
  line: 3,
  column: 5,
  pointer: '/name',
  rule: 'type',
  message: 'must be string',
  severity: 'error' as const,
};

const run: SyncRunRecord = {
  id: '771d2175-1f35-4373-b9cd-591b9be4076a',
  trigger: 'manual',
  source: 'folder /srv/registry',
  status: 'succeeded',
  reason: 'Succeeded',
  message: 'synced folder@sha256:ab',
  fromRevision: 'a'.repeat(40),
  toRevision: 'b'.repeat(40),
  counts: { added: 1, updated: 2, unchanged: 3, removed: 4, invalid: 1 },
  invalid: [{ path: 'integrations/x/manifest.json', findings: [finding] }],
  upgraded: [],
  startedAt: new Date('2026-12-07T08:00:00.000Z'),
  finishedAt: new Date('2026-12-07T08:00:01.500Z'),
  durationMs: 1500,
};

describe('runJson / runSummaryJson', () => {
  it('keeps the CLI --json contract at the top level, over the one run shape', () => {
    const summary = runSummaryJson(run);
    // The documented --json fields of `regsync sync --once` (a public contract).
    expect(summary).toMatchObject({
      runId: run.id,
      revision: 'b'.repeat(40),
      added: 1,
      updated: 2,
      unchanged: 3,
      removed: 4,
      invalid: 1,
      findings: [finding],
    });
    // Everything the API's run shape has is there too, except where the CLI field wins.
    const { invalid: _invalidEntries, ...shared } = runJson(run);
    expect(summary).toMatchObject(shared);
  });

  it('writes dates as ISO strings and absent values as null', () => {
    const json = runJson({
      ...run,
      finishedAt: undefined,
      durationMs: undefined,
      toRevision: undefined,
    });
    expect(json).toMatchObject({
      startedAt: '2026-12-07T08:00:00.000Z',
      finishedAt: null,
      durationMs: null,
      toRevision: null,
    });
    expect(runSummaryJson({ ...run, toRevision: undefined }).revision).toBeNull();
  });
});
