import type { Finding } from '../../manifest/Finding.js';
import { manifestFolder } from '../../manifest/registryLayout.js';
import { validateManifest } from '../../manifest/validateManifest.js';
import type { ValidManifest } from '../ports.js';
import type { Listed, SyncStep, Validated } from '../SyncContext.js';

/** A finding about a whole file (it could not be read, or is a link). */
function fileFinding(path: string, rule: string, message: string): Finding {
  return { file: path, line: 1, column: 1, pointer: '', rule, message, severity: 'error' };
}

/**
 * Reads and validates every candidate and computes its canonical checksum. Returns `valid`
 * and `invalid`. A file that cannot be read is invalid, never deleted: its last good
 * version stays served. Symbolic links are invalid entries of their own.
 */
export const validateCandidates: SyncStep<Listed, Validated> = async (input, { deps }) => {
  const { source, plugins, onProgress } = deps;
  const revision = input.target.id;
  const valid: ValidManifest[] = [];
  const invalid: Array<{ path: string; findings: Finding[] }> = [];
  for (const link of input.symlinks) {
    invalid.push({
      path: link,
      findings: [
        fileFinding(
          link,
          'symlink',
          'symbolic links are not allowed in a registry; commit the file itself',
        ),
      ],
    });
  }
  const total = input.candidates.length;
  let done = 0;
  for (const path of input.candidates) {
    const read = await source.read(revision, path);
    if (!read.ok) {
      invalid.push({ path, findings: [fileFinding(path, read.rule, read.message)] });
    } else {
      const folder = manifestFolder(path);
      const result = validateManifest(
        { file: path, text: read.text, bytes: read.bytes, folder },
        plugins ? { plugins } : undefined,
      );
      if (result.success) {
        valid.push({
          path,
          manifest: result.manifest,
          checksum: result.checksum,
          upgradedFrom: result.upgradedFrom,
        });
      } else invalid.push({ path, findings: result.findings });
    }
    done++;
    if (onProgress && (done % 100 === 0 || done === total)) onProgress(done, total);
  }
  return { ...input, valid, invalid };
};
