import { describe, expect, it } from 'vitest';
import { RegsyncError } from '../errors/RegsyncError.js';
import { SyncPipeline } from './pipeline.js';
import { SyncReason } from './reasons.js';
import { STOP, type RunEnv, type SyncStep } from './SyncContext.js';
import type { SyncRunRecord } from './ports.js';
import { SYNC_PIPELINE } from './SyncEngine.js';
import { applyChanges } from './steps/applyChanges.js';
import { listCandidates } from './steps/listCandidates.js';
import { resolveTarget } from './steps/resolveTarget.js';
import { validateCandidates } from './steps/validateCandidates.js';
import { InMemoryDefinitionStore } from './testing/InMemoryDefinitionStore.js';
import { InMemoryRegistrySource } from './testing/InMemoryRegistrySource.js';

function env(): RunEnv {
  const run: SyncRunRecord = {
    id: 'run-1',
    trigger: 'manual',
    source: 'test',
    status: 'running',
    reason: SyncReason.Progressing,
    counts: { added: 0, updated: 0, unchanged: 0, removed: 0, invalid: 0 },
    invalid: [],
    upgraded: [],
    startedAt: new Date(0),
  };
  const deps = {
    source: new InMemoryRegistrySource(),
    store: new InMemoryDefinitionStore(),
    clock: { now: () => new Date(0) },
    maxRemoveRatio: 0.5,
  };
  return { deps, force: false, run };
}

class StallingError extends RegsyncError {
  constructor() {
    super('TEST_STALLING', 'needs a human', 'stalling');
  }
}

describe('SyncPipeline', () => {
  it('runs the sync steps in the documented order', () => {
    expect(SYNC_PIPELINE.names).toEqual([
      'resolveTarget',
      'listCandidates',
      'checkGate',
      'validateCandidates',
      'guardDeletions',
      'resolveCollisions',
      'applyChanges',
    ]);
  });

  it("feeds each step the previous step's result and stops at STOP", async () => {
    const seen: unknown[] = [];
    const first: SyncStep<void, number> = async () => 1;
    const second: SyncStep<number, string> = async (n) => {
      seen.push(n);
      return STOP;
    };
    const never: SyncStep<string, string> = async (s) => {
      seen.push(s);
      return s;
    };
    const names: string[] = [];
    await SyncPipeline.take<void>()
      .step('first', 'source', first)
      .step('second', 'source', second)
      .step('never', 'store', never)
      .run(undefined, env(), { beforeStep: async (name) => void names.push(name) });
    expect(seen).toEqual([1]);
    expect(names).toEqual(['first', 'second']);
  });

  it("fails the run with the reason of the step's area and the error's policy", async () => {
    const e = env();
    const failing: SyncStep<void, void> = async () => {
      throw new StallingError();
    };
    await SyncPipeline.take<void>().step('gateStep', 'gate', failing).run(undefined, e);
    expect(e.run).toMatchObject({
      status: 'failed',
      reason: SyncReason.GateMisconfigured,
      message: 'gateStep: needs a human (TEST_STALLING)',
    });
    const unclassified: SyncStep<void, void> = async () => {
      throw new Error('socket hang up');
    };
    const e2 = env();
    await SyncPipeline.take<void>().step('read', 'source', unclassified).run(undefined, e2);
    expect(e2.run.reason).toBe(SyncReason.SourceUnreachable);
  });

  it('refuses, at compile time, a step placed before the step that produces its input', () => {
    // Each line below must be a type error; if the order stopped being a type, the
    // directive itself would fail `npm run typecheck`.
    const targeted = SyncPipeline.take<void>().step('r', 'source', resolveTarget);
    const listed = targeted.step('l', 'source', listCandidates);
    // @ts-expect-error validateCandidates needs what listCandidates returns
    targeted.step('v', 'source', validateCandidates);
    // @ts-expect-error applyChanges needs validated candidates
    listed.step('a', 'store', applyChanges);
    // @ts-expect-error the chain starts from nothing; listCandidates needs a target
    SyncPipeline.take<void>().step('l', 'source', listCandidates);
    expect(listed.names).toEqual(['r', 'l']);
  });
});
