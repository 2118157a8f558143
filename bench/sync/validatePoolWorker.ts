/**
 * The worker of bench/sync/validatePool.ts: validates a batch of manifests in a piscina worker
 * thread with the same function and default plugins as the sync (validateCandidates), and
 * returns the results in the batch's order (`validateBatchAsText`: each valid manifest as JSON
 * text instead of an object, which the main thread parses only when it needs the manifest,
 * i.e. when its checksum is not the stored one). The plugin infos hold functions, which cannot be
 * sent to a worker, so each worker builds its own from the default registry.
 */
import { defaultPluginRegistry } from '../../src/mapping/plugins/index.js';
import { pluginInfos } from '../../src/mapping/plugins/pluginInfos.js';
import {
  validateManifest,
  type ValidateManifestInput,
  type ValidateManifestResult,
} from '../../src/manifest/validateManifest.js';

const plugins = pluginInfos(defaultPluginRegistry());

/** Validates every input of the batch, in order. */
export default function validateBatch(batch: ValidateManifestInput[]): ValidateManifestResult[] {
  return batch.map((input) => validateManifest(input, { plugins }));
}

/** A result whose manifest travels as JSON text (cheaper to send than an object graph). */
export type TextResult =
  | {
      success: true;
      manifestJson: string;
      checksum: string;
      findings: unknown[];
      upgradedFrom?: string;
    }
  | { success: false; findings: unknown[] };

/** Validates every input of the batch, in order; a valid manifest comes back as JSON text. */
export function validateBatchAsText(batch: ValidateManifestInput[]): TextResult[] {
  return batch.map((input) => {
    const result = validateManifest(input, { plugins });
    if (!result.success) return result;
    const { manifest, ...rest } = result;
    return { ...rest, manifestJson: JSON.stringify(manifest) };
  });
}
