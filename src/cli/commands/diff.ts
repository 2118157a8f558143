import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { readRegistryAtRevision } from '../../git/readRegistryAtRevision.js';
import type { RegistryAtRevision } from '../../git/readRegistryAtRevision.js';
import { SourceError } from '../../git/SourceError.js';
import {
  DIFF_FORMATS,
  diffRegistries,
  formatDiff,
  summarizeDiff,
} from '../../manifest/diff/index.js';
import type { DiffFormat, DiffReport, UndiffableManifest } from '../../manifest/diff/index.js';
import type { Manifest } from '../../manifest/types.js';
import { validateManifest } from '../../manifest/validateManifest.js';
import type { CliIo } from '../CliIo.js';
import { EXIT, formatOption } from '../CommandModule.js';
import type { CommandModule } from '../CommandModule.js';
import { UsageError } from '../UsageError.js';
import { formatApiDiff, summarizeApiDiff } from '../../contract/index.js';
import type { ApiDiffReport } from '../../contract/index.js';
import { diffApiAtRevisions } from './apiDiff.js';
import { commentOnPullRequest } from './commentPr.js';
import { addBaseOptions, baseOf, layersOf, type BaseCliOptions } from '../overlay/baseOptions.js';
import { diffOverlay, formatOverlayDiff, type OverlayDiff } from '../overlay/diffOverlay.js';
import { placeOverlay } from '../overlay/placeOverlay.js';
import { readBaseRegistry } from '../overlay/readBaseRegistry.js';

/** What `regsync diff` compares: two revisions of a registry folder in one local repository. */
export interface DiffRevisionsOptions {
  /** A folder inside the git repository. */
  repoDir: string;
  base: string;
  head: string;
  /** Registry folder inside the repository ("" = root). */
  subdir?: string;
}

/**
 * Reads the registry at both revisions, validates every manifest, and diffs the valid ones.
 * A manifest unreadable or invalid at either side is listed in `undiffable` and left out of
 * the diff on both sides (so it is not mistaken for a removal). Bad revisions, an unsafe
 * subfolder or a subfolder missing at both revisions are UsageErrors.
 */
export async function diffRevisions(options: DiffRevisionsOptions): Promise<DiffReport> {
  return (await diffRevisionsWithPaths(options)).report;
}

/**
 * diffRevisions, plus the paths of the valid manifests at each side (what the overlay check
 * of `--base` places on the upstream registry).
 */
export async function diffRevisionsWithPaths(
  options: DiffRevisionsOptions,
): Promise<{ report: DiffReport; valid: { base: string[]; head: string[] } }> {
  const read = async (revision: string): Promise<RegistryAtRevision> => {
    try {
      return await readRegistryAtRevision({
        repoDir: options.repoDir,
        revision,
        subdir: options.subdir ?? '',
      });
    } catch (error) {
      if (
        error instanceof SourceError &&
        ['REF_NOT_FOUND', 'UNSAFE_REF', 'UNSAFE_PATH', 'LOCAL_IO'].includes(error.code)
      ) {
        throw new UsageError(error.message);
      }
      throw error;
    }
  };
  const [base, head] = [await read(options.base), await read(options.head)];
  if (!base.subdirFound && !head.subdirFound) {
    throw new UsageError(
      `--subdir ${JSON.stringify(options.subdir)} exists at neither ${options.base} nor ${options.head}`,
    );
  }
  const undiffable: UndiffableManifest[] = [];
  const baseManifests = validated(base, 'base', undiffable);
  const headManifests = validated(head, 'head', undiffable);
  for (const u of undiffable) {
    baseManifests.delete(u.file);
    headManifests.delete(u.file);
  }
  undiffable.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.side < b.side ? -1 : 1,
  );
  // Invalid at one side only still counts as valid at the other for the overlay check: the
  // sync serves (or keeps serving) the last good copy.
  const validPaths = (registry: RegistryAtRevision, side: 'base' | 'head') =>
    registry.files
      .map((f) => f.path)
      .filter((path) => !undiffable.some((u) => u.file === path && u.side === side));
  return {
    report: {
      base: options.base,
      head: options.head,
      changes: diffRegistries(baseManifests, headManifests),
      undiffable,
    },
    valid: { base: validPaths(base, 'base'), head: validPaths(head, 'head') },
  };
}

function validated(
  registry: RegistryAtRevision,
  side: 'base' | 'head',
  undiffable: UndiffableManifest[],
): Map<string, Manifest> {
  const manifests = new Map<string, Manifest>();
  for (const file of registry.files) {
    if ('problem' in file) {
      undiffable.push({ file: file.path, side, messages: [`${file.path}: ${file.problem}`] });
      continue;
    }
    const [kindFolder, name] = file.path.split('/') as ['integrations' | 'templates', string];
    const result = validateManifest({
      file: file.path,
      text: file.text,
      bytes: file.bytes,
      folder: { kindFolder, name },
    });
    if (result.success) {
      manifests.set(file.path, result.manifest);
    } else {
      const errors = result.findings.filter((f) => f.severity === 'error');
      undiffable.push({
        file: file.path,
        side,
        messages: errors.map((f) => `${f.line}:${f.column} ${f.rule}: ${f.message}`),
      });
    }
  }
  return manifests;
}

interface DiffCliOptions extends BaseCliOptions {
  registry: string;
  subdir: string;
  format: DiffFormat;
  json?: boolean;
  allowBreaking?: boolean;
  comment?: boolean;
  pr?: string;
  commentAuthor?: string;
  openapi?: string;
}

/**
 * The registry report, and the API report after it when there is one: text and markdown
 * one after the other (one pull-request comment holds both), JSON as the registry object
 * with the API one under `api`.
 */
export function formatDiffWithApi(
  report: DiffReport,
  api: ApiDiffReport | undefined,
  format: DiffFormat,
  overlay?: OverlayDiff,
): string {
  const registry = formatDiff(report, format);
  if (!api && !overlay) return registry;
  if (format === 'json') {
    const combined = {
      ...(JSON.parse(registry) as Record<string, unknown>),
      ...(overlay ? { overlay } : {}),
      ...(api ? { api: JSON.parse(formatApiDiff(api, 'json')) as unknown } : {}),
    };
    return `${JSON.stringify(combined, null, 2)}\n`;
  }
  return [
    registry,
    ...(overlay ? [formatOverlayDiff(overlay, format)] : []),
    ...(api ? [formatApiDiff(api, format)] : []),
  ].join('\n');
}

/** The overlay check of `--base`: the overlay's placement on upstream at both revisions. */
async function overlayDiffOf(
  opts: DiffCliOptions,
  valid: { base: string[]; head: string[] },
  io: CliIo,
): Promise<OverlayDiff | undefined> {
  if (opts.base === undefined) return undefined;
  const layers = layersOf(opts);
  const upstream = await readBaseRegistry(baseOf(opts, io.cwd, io.env));
  return diffOverlay({
    upstream,
    layers,
    before: placeOverlay({ base: upstream.valid, overlay: valid.base, layers }),
    after: placeOverlay({ base: upstream.valid, overlay: valid.head, layers }),
  });
}

/**
 * `regsync diff BASE HEAD`: exit 0 when nothing breaks, 1 when a change is breaking (unless
 * --allow-breaking), a manifest at HEAD cannot be diffed or (with `--base UPSTREAM`, an
 * overlay repository) HEAD redefines an upstream key without the right, 2 on usage errors. With
 * `--openapi PATH` the HTTP API contract at PATH is classified too, reported after the
 * registry (in the same pull-request comment) and its breaking changes count alike.
 */
export const diffCommand: CommandModule = {
  register(program: Command, io: CliIo, run) {
    const command = program
      .command('diff')
      .description(
        'show what changes in a registry between two git revisions, and whether it breaks consumers',
      )
      .argument('<base>', 'base revision (origin/main, a tag, a sha)')
      .argument('<head>', 'head revision (HEAD)')
      .option('--registry <path>', 'the git repository holding the registry', '.')
      .option(
        '--subdir <dir>',
        'registry folder inside the repository (holds integrations/ and templates/)',
        '',
      )
      .addOption(formatOption([...DIFF_FORMATS], 'text'))
      .addOption(
        new Option('--json', 'print one JSON document (same as --format json)').conflicts('format'),
      )
      .option('--allow-breaking', 'exit 0 even when a change is breaking')
      .option(
        '--comment',
        'also post the markdown report as one pull-request comment (updated on re-runs; GitHub Actions env)',
      )
      .option(
        '--pr <number>',
        'pull request for --comment (default: pull_request.number of GITHUB_EVENT_PATH)',
      )
      .option(
        '--comment-author <login>',
        'update only a marked comment by this login (github-actions[bot] in a workflow)',
      )
      .option(
        '--openapi <path>',
        'also classify the change of this OpenAPI document between the revisions (openapi/openapi.json, relative to the repository root)',
      );
    addBaseOptions(command);
    command.action((base: string, head: string, opts: DiffCliOptions) => {
      run(async () => {
        const format: DiffFormat = opts.json ? 'json' : opts.format;
        const { report, valid } = await diffRevisionsWithPaths({
          repoDir: resolve(io.cwd, opts.registry),
          base,
          head,
          subdir: opts.subdir,
        });
        const overlay = await overlayDiffOf(opts, valid, io);
        const api =
          opts.openapi !== undefined
            ? await diffApiAtRevisions({
                repoDir: resolve(io.cwd, opts.registry),
                base,
                head,
                path: opts.openapi,
              })
            : undefined;
        io.stdout(formatDiffWithApi(report, api, format, overlay));
        if (opts.comment) {
          const posted = await commentOnPullRequest({
            markdown: formatDiffWithApi(report, api, 'markdown', overlay),
            env: io.env,
            ...(opts.pr !== undefined ? { pr: opts.pr } : {}),
            ...(opts.commentAuthor ? { author: opts.commentAuthor } : {}),
          });
          io.stderr(`regsync diff: pull-request comment ${posted.action}: ${posted.url}\n`);
        }
        const breaking =
          summarizeDiff(report).breaking + (api ? summarizeApiDiff(api).breaking : 0);
        const headInvalid = report.undiffable.some((u) => u.side === 'head');
        if (breaking > 0 && opts.allowBreaking) {
          io.stderr(`regsync diff: ${breaking} breaking change(s) allowed by --allow-breaking\n`);
        }
        // A collision at HEAD makes the overlay's copy invalid once synced, as an invalid manifest.
        const collides = (overlay?.collisions.length ?? 0) > 0;
        return (breaking > 0 && !opts.allowBreaking) || headInvalid || collides
          ? EXIT.finding
          : EXIT.ok;
      });
    });
  },
};
