import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { rewriteManifestText } from '../../manifest/upgrade/rewriteManifestText.js';
import { CURRENT_MANIFEST_VERSION } from '../../manifest/upgrade/upgradeSteps.js';
import { validateManifest } from '../../manifest/validateManifest.js';
import { readManifestFile, scanRegistryFolder } from '../../registry/readRegistryFolder.js';
import type { CliIo } from '../CliIo.js';
import { EXIT, type CommandModule } from '../CommandModule.js';
import { resolveTarget } from './validate.js';

/** What happened to one file. */
interface UpgradeOutcome {
  file: string;
  status: 'upgraded' | 'would-upgrade' | 'current' | 'invalid' | 'unreadable';
  from?: string;
  to?: string;
  steps?: string[];
  message?: string;
}

/** Every manifest under the PATHs, as (root, relative path) pairs. */
async function manifestFiles(
  io: CliIo,
  paths: string[],
): Promise<Array<{ root: string; rel: string }>> {
  const files: Array<{ root: string; rel: string }> = [];
  for (const path of paths) {
    const target = await resolveTarget(io.cwd, path);
    if (target.kind === 'file') {
      files.push({ root: dirname(target.abs), rel: basename(target.abs) });
      continue;
    }
    const scan = await scanRegistryFolder(target.abs);
    for (const rel of scan.manifests) files.push({ root: target.abs, rel });
  }
  return files;
}

async function upgradeOne(
  io: CliIo,
  root: string,
  rel: string,
  check: boolean,
): Promise<UpgradeOutcome> {
  const file = relative(io.cwd, join(root, rel)) || rel;
  const read = await readManifestFile(root, rel);
  if (!read.ok) return { file, status: 'unreadable', message: read.message };
  // Only a valid manifest is rewritten: an upgrade must never turn a typo into a new shape.
  const validation = validateManifest({ file, text: read.text, bytes: read.bytes });
  const rewritten = validation.success ? rewriteManifestText(read.text) : undefined;
  if (!validation.success || !rewritten) {
    const first = validation.success
      ? undefined
      : validation.findings.find((f) => f.severity === 'error');
    return {
      file,
      status: 'invalid',
      message: first
        ? `${first.line}:${first.column} ${first.message} (${first.rule})`
        : 'cannot be upgraded',
    };
  }
  if (rewritten.applied.length === 0) return { file, status: 'current', from: rewritten.from };
  if (!check) await writeFile(join(root, rel), rewritten.text, 'utf8');
  return {
    file,
    status: check ? 'would-upgrade' : 'upgraded',
    from: rewritten.from,
    to: rewritten.to,
    steps: rewritten.applied,
  };
}

/**
 * `regsync upgrade [PATH...]`: rewrites manifests to the current format in place, with
 * minimal edits that keep key order and formatting. `--check` changes nothing and exits 1
 * when a file would change (for CI). Invalid manifests are left alone and reported.
 */
export const upgradeCommand: CommandModule = {
  register(program: Command, io: CliIo, run) {
    program
      .command('upgrade')
      .description(
        `rewrite manifests to format ${CURRENT_MANIFEST_VERSION} in place, keeping key order and formatting`,
      )
      .argument('[paths...]', 'registry folders or manifest files', ['.'])
      .option('--check', 'change nothing; exit 1 when a manifest would be upgraded')
      .option('--json', 'print one JSON object')
      .action((paths: string[], opts: { check?: boolean; json?: boolean }) => {
        run(async () => {
          const outcomes: UpgradeOutcome[] = [];
          for (const { root, rel } of await manifestFiles(io, paths))
            outcomes.push(await upgradeOne(io, root, rel, opts.check ?? false));
          const count = (status: UpgradeOutcome['status']) =>
            outcomes.filter((o) => o.status === status).length;
          if (opts.json) {
            io.stdout(
              `${JSON.stringify({ current: CURRENT_MANIFEST_VERSION, files: outcomes })}\n`,
            );
          } else {
            for (const o of outcomes) {
              if (o.status === 'current') continue;
              const detail = o.steps
                ? `${o.from} -> ${o.to}: ${o.steps.map((s) => s.replace(/^[\d.]+ -> [\d.]+: /, '')).join('; ')}`
                : (o.message ?? '');
              io.stdout(`${o.file}: ${o.status} ${detail}\n`);
            }
            io.stdout(
              `${count('upgraded')} upgraded, ${count('would-upgrade')} would be upgraded, ${count('current')} already ${CURRENT_MANIFEST_VERSION}, ${count('invalid') + count('unreadable')} skipped\n`,
            );
          }
          const problems = count('invalid') + count('unreadable');
          return problems > 0 || (opts.check && count('would-upgrade') > 0)
            ? EXIT.finding
            : EXIT.ok;
        });
      });
  },
};
