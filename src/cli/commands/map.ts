import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { bundledPath } from '../../config/packagePaths.js';
import { formatFindings } from '../../manifest/formatFindings.js';
import { validateManifest } from '../../manifest/validateManifest.js';
import type { ValidateManifestOptions } from '../../manifest/validateManifest.js';
import { applyMapping } from '../../mapping/applyMapping.js';
import { compileMapping } from '../../mapping/compileMapping.js';
import { findModelMapping } from '../../mapping/findModelMapping.js';
import { defaultPluginRegistry } from '../../mapping/plugins/index.js';
import type { PluginRegistry } from '../../mapping/plugins/PluginRegistry.js';
import type { MappingFinding } from '../../mapping/types.js';
import { readManifestFile } from '../../registry/readRegistryFolder.js';
import type { CliIo } from '../CliIo.js';
import { EXIT } from '../program.js';
import type { CommandModule } from '../program.js';
import { UsageError } from '../UsageError.js';

const KEY = /^[a-z0-9][a-z0-9-]*$/;

async function isKind(path: string, kind: 'file' | 'dir'): Promise<boolean> {
  try {
    const s = await stat(path);
    return kind === 'file' ? s.isFile() : s.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Where `--manifest` points: an existing file, or a key looked up as
 * `<registry>/integrations/<KEY>/manifest.json` in REGSYNC_REGISTRY (when it is a local
 * folder) or else the bundled registry. Returns the read root and the relative path.
 */
async function locateManifest(
  io: CliIo,
  manifest: string,
): Promise<{ root: string; rel: string; display: string }> {
  const asFile = resolve(io.cwd, manifest);
  if (await isKind(asFile, 'file')) {
    const rel = relative(io.cwd, asFile);
    const display = (rel.startsWith('..') || isAbsolute(rel) ? asFile : rel).split(sep).join('/');
    return { root: dirname(asFile), rel: basename(asFile), display };
  }
  if (!KEY.test(manifest))
    throw new UsageError(`--manifest ${manifest}: no such file, and not an integration key`);
  const configured = io.env.REGSYNC_REGISTRY;
  const local = configured ? resolve(io.cwd, configured) : undefined;
  const root = local && (await isKind(local, 'dir')) ? local : bundledPath('registry');
  const rel = `integrations/${manifest}/manifest.json`;
  if (!(await isKind(join(root, rel), 'file')))
    throw new UsageError(`--manifest ${manifest}: no integration "${manifest}" in ${root}`);
  return { root, rel, display: rel };
}

/** The plugins this build ships, as the validator wants them. */
function validatorPlugins(registry: PluginRegistry): ValidateManifestOptions['plugins'] {
  return new Map(
    registry.names().map((name) => [name, { output: registry.get(name)?.output ?? 'any' }]),
  );
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** One input record, or why a line could not be read. */
type InputRecord = { ok: true; record: unknown } | { ok: false; message: string };

/**
 * Input records: one JSON document (an array is a list of records, anything else one
 * record), else NDJSON (one record a line, blank lines ignored).
 */
export function parseRecords(text: string): InputRecord[] {
  if (text.trim() === '') return [];
  try {
    const doc = JSON.parse(text) as unknown;
    return (Array.isArray(doc) ? doc : [doc]).map((record) => ({ ok: true, record }));
  } catch {
    // not one document: read it as NDJSON below
  }
  const out: InputRecord[] = [];
  for (const [n, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      out.push({ ok: true, record: JSON.parse(line) as unknown });
    } catch (error) {
      out.push({
        ok: false,
        message: `input line ${n + 1} is not JSON: ${(error as Error).message}`,
      });
    }
  }
  return out;
}

function warningLine(w: MappingFinding): string {
  return `warning ${w.attribute || '(mapping)'}: ${w.message} [${w.rule}]\n`;
}

/** `regsync map`: runs a model mapping over records and prints one JSON line per record. */
export const mapCommand: CommandModule = {
  register(program: Command, io: CliIo, run) {
    program
      .command('map')
      .description(
        'map raw payload records with a manifest model mapping (one JSON result line per record)',
      )
      .requiredOption(
        '--manifest <fileOrKey>',
        'manifest file, or integration key in REGSYNC_REGISTRY / the bundled registry',
      )
      .requiredOption('--model <model>', 'model key of the mapping to run')
      .option(
        '--input <file>',
        'JSON document (object or array of records) or NDJSON; "-" for stdin',
        '-',
      )
      .option('--strict', 'any error fails the record (exit 1); default is lenient', false)
      .action((opts: { manifest: string; model: string; input: string; strict: boolean }) => {
        run(async () => {
          const where = await locateManifest(io, opts.manifest);
          const read = await readManifestFile(where.root, where.rel);
          if (!read.ok) {
            io.stderr(`regsync map: ${where.display}: ${read.message}\n`);
            return EXIT.finding;
          }
          const plugins = defaultPluginRegistry();
          const validated = validateManifest(
            { file: where.display, text: read.text, bytes: read.bytes },
            { plugins: validatorPlugins(plugins) },
          );
          if (!validated.success) {
            io.stderr(
              formatFindings([{ file: where.display, findings: validated.findings }], 'text'),
            );
            return EXIT.finding;
          }
          const manifest = validated.manifest;
          if (manifest.kind !== 'integration')
            throw new UsageError(
              `${where.display} is a ${manifest.kind} manifest; only integrations have mappings`,
            );
          const found = findModelMapping(manifest, opts.model);
          if (!found.ok) throw new UsageError(found.message);
          const compiled = compileMapping(found.mapping, found.entityType, { plugins });
          compiled.warnings.forEach((w) => io.stderr(warningLine(w)));

          let text: string;
          if (opts.input === '-') text = await readAll(io.stdin);
          else {
            try {
              text = await readFile(resolve(io.cwd, opts.input), 'utf8');
            } catch (error) {
              throw new UsageError(
                `--input ${opts.input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
              );
            }
          }
          const mode = opts.strict ? 'strict' : 'lenient';
          let failed = 0;
          parseRecords(text).forEach((input, index) => {
            if (!input.ok) {
              failed++;
              const finding = {
                attribute: '',
                source: 'input',
                rule: 'input-invalid-json',
                message: input.message,
                severity: 'error',
              };
              io.stdout(
                `${JSON.stringify({ index, ok: false, attributes: {}, findings: [finding] })}\n`,
              );
              return;
            }
            const result = applyMapping(compiled, input.record, { mode });
            if (!result.ok) failed++;
            io.stdout(
              `${JSON.stringify({ index, ok: result.ok, attributes: result.attributes, findings: result.findings })}\n`,
            );
          });
          return failed > 0 ? EXIT.finding : EXIT.ok;
        });
      });
  },
};
