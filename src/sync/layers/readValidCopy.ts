import type { Finding } from '../../manifest/Finding.js';
import { manifestFolder } from '../../manifest/registryLayout.js';
import { validateManifest, type PluginInfo } from '../../manifest/validateManifest.js';
import type { RegistrySource, ValidManifest } from '../ports.js';

/**
 * Reads one path of a source at a revision and validates it, as `validateCandidates` does
 * for a run: the layered sync re-reads a copy that must become the served one (an override
 * went away, a hide was lifted). Never throws for the file itself; a source error throws.
 */
export async function readValidCopy(options: {
  source: RegistrySource;
  revision: string;
  path: string;
  plugins?: ReadonlyMap<string, PluginInfo>;
}): Promise<{ ok: true; manifest: ValidManifest } | { ok: false; findings: Finding[] }> {
  const { source, revision, path, plugins } = options;
  const read = await source.read(revision, path);
  if (!read.ok)
    return {
      ok: false,
      findings: [
        {
          file: path,
          line: 1,
          column: 1,
          pointer: '',
          rule: read.rule,
          message: read.message,
          severity: 'error',
        },
      ],
    };
  const result = validateManifest(
    { file: path, text: read.text, bytes: read.bytes, folder: manifestFolder(path) },
    plugins ? { plugins } : undefined,
  );
  if (!result.success) return { ok: false, findings: result.findings };
  return {
    ok: true,
    manifest: {
      path,
      manifest: result.manifest,
      checksum: result.checksum,
      ...(result.upgradedFrom ? { upgradedFrom: result.upgradedFrom } : {}),
    },
  };
}
