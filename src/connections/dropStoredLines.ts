/**
 * Which checked import lines are new: a line whose `importKey` is stored (or taken earlier in
 * the run), or without one whose user, type and plain config match a stored connection, is
 * not written again. This is what makes re-running a file change nothing.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../manifest/checksum.js';
import type { ImportCandidate } from './checkImportLine.js';
import type { ImportRun } from './ImportRun.js';
import type { ImportLine } from './parseImportLine.js';
import type { ConnectionImportStore, ImportKeyOwner } from './ports.js';
import type { SecretBox } from './SecretBox.js';
import { secretAad } from './secretAad.js';
import { setPath } from './secretPaths.js';
import { inspectStoredSecrets, pointerPath } from './storedSecrets.js';

/**
 * The identity of a connection without an importKey: a hash of the user, the type and the
 * canonical plain config (only hashes are kept in memory, not the secrets).
 */
export function fingerprint(
  line: Pick<ImportLine, 'userId' | 'integrationType' | 'config'>,
): string {
  return createHash('sha256')
    .update(canonicalJson([line.userId, line.integrationType, line.config]))
    .digest('base64url');
}

/** Where dropStoredLines looks: the store, the box that opens stored secrets, the run so far. */
export interface DropStoredContext {
  store: ConnectionImportStore;
  box: SecretBox;
  run: ImportRun;
}

/**
 * The candidates not stored yet (nor earlier in this run), which the run now remembers; the
 * others are counted unchanged, or failed when their importKey names another user's or
 * integration's connection.
 */
export async function dropStoredLines(
  candidates: ImportCandidate[],
  context: DropStoredContext,
): Promise<ImportCandidate[]> {
  const { store, run } = context;
  const keyed = candidates.filter((c) => c.line.importKey !== undefined);
  const storedKeys = await store.findImportKeys(keyed.map((c) => c.line.importKey!));
  const unkeyed = candidates.filter((c) => c.line.importKey === undefined);
  const storedPrints = await storedFingerprints(unkeyed, context);
  const fresh: ImportCandidate[] = [];
  for (const c of candidates) {
    const key = c.line.importKey;
    if (key === undefined) {
      const print = c.fingerprint!;
      if (storedPrints.has(print) || run.prints.has(print)) run.unchanged();
      else {
        run.prints.add(print);
        fresh.push(c);
      }
      continue;
    }
    const owner = storedKeys.get(key) ?? run.keys.get(key);
    if (!owner) {
      run.keys.set(key, { userId: c.line.userId, integrationType: c.integration.key });
      fresh.push(c);
    } else if (owner.userId === c.line.userId && owner.integrationType === c.integration.key) {
      run.unchanged();
    } else {
      run.fail(c.lineNo, [
        {
          pointer: '/importKey',
          rule: 'import-key-conflict',
          message: 'this importKey already names a connection of another user or integration',
        },
      ]);
    }
  }
  return fresh;
}

/** Fingerprints of the stored connections of these lines' users and types (secrets opened in memory). */
async function storedFingerprints(
  lines: ImportCandidate[],
  { store, box }: DropStoredContext,
): Promise<Set<string>> {
  const pairs = new Map<string, ImportKeyOwner>();
  for (const c of lines)
    pairs.set(`${c.integration.key}\u0000${c.line.userId}`, {
      userId: c.line.userId,
      integrationType: c.integration.key,
    });
  const prints = new Set<string>();
  for (const row of await store.listForUsers([...pairs.values()])) {
    let plain = row.config;
    let opened = true;
    for (const [pointer, value] of inspectStoredSecrets(row.config, undefined).encrypted) {
      const result = box.decrypt(value, secretAad(row.id, pointer));
      if (!result.ok) opened = false;
      else plain = setPath(plain, pointerPath(pointer), result.value);
    }
    if (opened)
      prints.add(
        fingerprint({ userId: row.userId, integrationType: row.integrationType, config: plain }),
      );
  }
  return prints;
}
