import { SyncReason } from '../reasons.js';
import { STOP, type Listed, type SyncStep } from '../SyncContext.js';

/**
 * When a validation gate is configured, lets the run go on only if the registry's
 * validation check passed on the target commit. Pending stops with `GatePending` (the next
 * poll asks again); failed stops with `GateFailed` (recorded; the last good revision stays
 * served). Every commit is gated (SHA-1 or SHA-256); only a folder digest, which has no
 * commit to carry a check, is not. Either way, the candidates
 * that were never synced are recorded as `never-ingested` with the gate's answer, so a
 * contributor can see why a new manifest is not in the catalog yet.
 */
export const checkGate: SyncStep<Listed, Listed> = async (input, { deps, run }) => {
  const { gate } = deps;
  const { target } = input;
  // Fails closed: every commit is gated, whatever its hash length; only a folder digest
  // (no commit to carry a check) passes without asking.
  if (!gate || target.kind === 'digest') return input;
  const verdict = await gate.verdict(target.id);
  if (verdict.state === 'passed') return input;
  run.status = 'gated';
  run.reason = verdict.state === 'pending' ? SyncReason.GatePending : SyncReason.GateFailed;
  run.message = `${gate.description} on ${target.label}: ${verdict.detail}`;
  await deps.store.markNeverIngested(input.candidates, target.id, `not synced: ${run.message}`);
  return STOP;
};
