import { lstat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import type { Finding } from '../../manifest/Finding.js';
import { countFindings, formatFindings, REPORT_FORMATS } from '../../manifest/formatFindings.js';
import type { FileReport, ReportFormat } from '../../manifest/formatFindings.js';
import { severityOf } from '../../manifest/ruleCatalog.js';
import { validateManifest } from '../../manifest/validateManifest.js';
import type { ValidateManifestOptions } from '../../manifest/validateManifest.js';
import { defaultPluginRegistry } from '../../mapping/plugins/index.js';
import { pluginInfos } from '../../mapping/plugins/pluginInfos.js';
import { readManifestFile, scanRegistryFolder } from '../../registry/readRegistryFolder.js';
import type { CliIo } from '../CliIo.js';
import { Option } from 'commander';
import { EXIT, formatOption } from '../CommandModule.js';
import { addBaseOptions, type BaseCliOptions } from '../overlay/baseOptions.js';
import type { CommandModule } from '../CommandModule.js';
import { UsageError } from '../UsageError.js';

type KindFolder = 'integrations' | 'templates';
const KIND_FOLDERS: readonly string[] = ['integrations', 'templates'];

/** Where a finding about a whole file (not a position in it) points. */
function fileFinding(
  file: string,
  rule: 'symlink' | 'manifest-missing' | 'file-too-large' | 'file-unreadable',
  message: string,
): Finding {
  return { file, line: 1, column: 1, pointer: '', rule, message, severity: severityOf(rule) };
}

async function kindOf(path: string): Promise<'file' | 'dir' | 'symlink' | undefined> {
  try {
    const stats = await lstat(path);
    return stats.isSymbolicLink() ? 'symlink' : stats.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/**
 * One PATH given to `regsync validate`: a registry folder (every manifest below it) or a single
 * file, as an absolute path.
 */
export interface Target {
  kind: 'registry' | 'file';
  abs: string;
}

/** Decides how each PATH is validated; throws UsageError for a path that cannot be. */
export async function resolveTarget(cwd: string, path: string): Promise<Target> {
  const abs = resolve(cwd, path);
  const kind = await kindOf(abs);
  if (kind === undefined) throw new UsageError(`${path}: no such file or folder`);
  if (kind !== 'dir') return { kind: 'file', abs };
  for (const folder of KIND_FOLDERS)
    if ((await kindOf(join(abs, folder))) === 'dir') return { kind: 'registry', abs };
  if ((await kindOf(join(abs, 'manifest.json'))) !== undefined)
    return { kind: 'file', abs: join(abs, 'manifest.json') };
  throw new UsageError(
    `${path}: not a registry folder (it has no integrations/ or templates/ folder) and holds no manifest.json`,
  );
}

/** Validates every manifest of a registry folder, plus its symlinks and manifest-less folders. */
async function validateRegistry(
  root: string,
  name: (abs: string) => string,
  options: ValidateManifestOptions,
): Promise<FileReport[]> {
  const scan = await scanRegistryFolder(root);
  const reports: FileReport[] = [];
  for (const link of scan.symlinks) {
    const file = name(join(root, link));
    reports.push({
      file,
      findings: [
        fileFinding(
          file,
          'symlink',
          `${link} is a symbolic link; the registry never follows links. Replace it with a regular file or folder.`,
        ),
      ],
    });
  }
  for (const folder of scan.missing) {
    const file = name(join(root, folder, 'manifest.json'));
    reports.push({
      file,
      findings: [
        fileFinding(
          file,
          'manifest-missing',
          `${folder}/ has no manifest.json; add one or remove the folder.`,
        ),
      ],
    });
  }
  for (const rel of scan.manifests) {
    const [kindFolder, key] = rel.split('/') as [KindFolder, string];
    reports.push(
      await validateFile(root, rel, name(join(root, rel)), { kindFolder, name: key }, options),
    );
  }
  return reports;
}

async function validateFile(
  root: string,
  rel: string,
  file: string,
  folder: { kindFolder: KindFolder; name: string } | undefined,
  options: ValidateManifestOptions,
): Promise<FileReport> {
  const read = await readManifestFile(root, rel);
  if (!read.ok) return { file, findings: [fileFinding(file, read.rule, read.message)] };
  const result = validateManifest({ file, text: read.text, bytes: read.bytes, folder }, options);
  return { file, findings: result.findings };
}

/** `integrations/<key>/x.json` or `templates/<key>/x.json`: the folder checks apply. */
function folderOf(abs: string): { kindFolder: KindFolder; name: string } | undefined {
  const parent = dirname(abs);
  const kindFolder = basename(dirname(parent));
  return KIND_FOLDERS.includes(kindFolder)
    ? { kindFolder: kindFolder as KindFolder, name: basename(parent) }
    : undefined;
}

/**
 * Validates PATHs (registry folders or single manifest files) and returns one report per
 * file, in the order given (a registry's files sorted). A PATH that does not exist is a
 * UsageError.
 */
export async function validatePaths(
  paths: readonly string[],
  cwd: string,
  options: ValidateManifestOptions = {},
): Promise<FileReport[]> {
  const name = (abs: string) => {
    const rel = relative(cwd, abs);
    return (rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel).split(sep).join('/');
  };
  const targets = await Promise.all(
    (paths.length > 0 ? paths : ['.']).map((p) => resolveTarget(cwd, p)),
  );
  const reports: FileReport[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    const batch =
      target.kind === 'registry'
        ? await validateRegistry(target.abs, name, options)
        : [
            await validateFile(
              dirname(target.abs),
              basename(target.abs),
              name(target.abs),
              folderOf(target.abs),
              options,
            ),
          ];
    for (const report of batch) {
      if (seen.has(report.file)) continue;
      seen.add(report.file);
      reports.push(report);
    }
  }
  return reports;
}

interface ValidateCliOptions extends BaseCliOptions {
  format: ReportFormat;
  json?: boolean;
}

/**
 * `regsync validate [PATH...] [--format text|json|github] [--json] [--base REGISTRY ...]`:
 * exit 0 valid, 1 any error (with `--base`: a key collision too), 2 usage (and a base that
 * cannot be read).
 */
export const validateCommand: CommandModule = {
  register(program: Command, io: CliIo, run) {
    const command = program
      .command('validate')
      .description(
        'validate manifests: registry folders (with integrations/ or templates/) or single manifest files; with --base, an overlay against the registry it sits on',
      )
      .argument('[paths...]', 'registry folders or manifest files (default: .)')
      .addOption(formatOption([...REPORT_FORMATS], 'text'))
      .addOption(
        new Option('--json', 'print one JSON document (same as --format json)').conflicts('format'),
      );
    addBaseOptions(command);
    command.action((paths: string[], opts: ValidateCliOptions) => {
      run(async () => {
        const format: ReportFormat = opts.json ? 'json' : opts.format;
        const plugins = pluginInfos(defaultPluginRegistry());
        const reports = await validatePaths(paths, io.cwd, { plugins });
        if (opts.base === undefined) {
          io.stdout(formatFindings(reports, format));
        } else {
          // Loaded only with --base: reading a base registry brings the git client and the
          // sources-file settings, which a plain validate never needs (its start-up time).
          const { checkOverlayFolder, formatOverlayReport } =
            await import('../overlay/checkOverlay.js');
          const overlay = await checkOverlayFolder({
            paths,
            reports,
            cwd: io.cwd,
            env: io.env,
            opts,
            plugins,
          });
          io.stdout(formatOverlayReport(reports, overlay, format));
        }
        const counts = countFindings(reports);
        if (format === 'github') {
          io.stderr(
            `regsync validate: ${counts.errors} error(s), ${counts.warnings} warning(s) in ${counts.files} file(s)\n`,
          );
        }
        return counts.errors > 0 ? EXIT.finding : EXIT.ok;
      });
    });
  },
};
