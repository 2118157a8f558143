import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  API_DIFF_FORMATS,
  diffApiDocuments,
  formatApiDiff,
  parseApiDocument,
  readApiDocument,
  summarizeApiDiff,
} from '../../contract/index.js';
import type { ApiDiffFormat, ApiDiffReport } from '../../contract/index.js';
import type { CliIo } from '../CliIo.js';
import { EXIT, formatOption } from '../CommandModule.js';
import type { CommandModule } from '../CommandModule.js';
import { UsageError } from '../UsageError.js';
import { readFileAtRevision } from '../../git/readRegistryAtRevision.js';
import { SourceError } from '../../git/SourceError.js';

/**
 * Reads two OpenAPI documents and classifies their difference. An unreadable or non-OpenAPI
 * file is a UsageError naming it.
 */
export async function diffApiFiles(options: {
  cwd: string;
  base: string;
  head: string;
}): Promise<ApiDiffReport> {
  const read = async (file: string) => {
    try {
      return await readApiDocument(resolve(options.cwd, file));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  const [base, head] = [await read(options.base), await read(options.head)];
  return diffApiDocuments(base, head, { base: options.base, head: options.head });
}

/** What an absent snapshot is compared as: a contract without operations. */
const NO_DOCUMENT = { openapi: '3.1.0', info: {}, paths: {} };

/**
 * The API diff of a pull request: the OpenAPI document at `path` (the committed snapshot,
 * `openapi/openapi.json`) read at both git revisions and classified. A side without the file
 * counts as a document without operations (the PR that adds the snapshot adds every
 * operation; one that deletes it removes them all) and its label says so; missing at both,
 * not JSON, or not an OpenAPI document is a UsageError naming `revision:path`, and so are
 * unsafe revisions and paths.
 */
export async function diffApiAtRevisions(options: {
  repoDir: string;
  base: string;
  head: string;
  path: string;
}): Promise<ApiDiffReport> {
  const read = async (revision: string) => {
    const where = `${revision}:${options.path}`;
    let text: string | undefined;
    try {
      text = await readFileAtRevision({ repoDir: options.repoDir, revision, path: options.path });
    } catch (error) {
      if (
        error instanceof SourceError &&
        ['REF_NOT_FOUND', 'UNSAFE_REF', 'UNSAFE_PATH', 'LOCAL_IO'].includes(error.code)
      )
        throw new UsageError(`--openapi: ${error.message}`);
      throw error;
    }
    if (text === undefined) return { doc: NO_DOCUMENT, label: `${where} (absent)`, found: false };
    try {
      return { doc: parseApiDocument(text, where), label: where, found: true };
    } catch (error) {
      throw new UsageError(`--openapi: ${(error as Error).message}`);
    }
  };
  const [base, head] = [await read(options.base), await read(options.head)];
  if (!base.found && !head.found)
    throw new UsageError(
      `--openapi: ${options.path} exists at neither ${options.base} nor ${options.head}`,
    );
  return diffApiDocuments(base.doc, head.doc, { base: base.label, head: head.label });
}

/**
 * `regsync api-diff BASE HEAD`: exit 0 when the HTTP API changes compatibly (or not at all),
 * 1 when a change is breaking (unless --allow-breaking), 2 on usage errors.
 */
export const apiDiffCommand: CommandModule = {
  register(program: Command, io: CliIo, run) {
    program
      .command('api-diff')
      .description(
        'classify the changes between two OpenAPI documents (the base branch snapshot and the PR one) as breaking or compatible',
      )
      .argument('<base>', "the base document (e.g. the base branch's openapi/openapi.json)")
      .argument('<head>', 'the head document (openapi/openapi.json)')
      .addOption(formatOption([...API_DIFF_FORMATS], 'text'))
      .option('--json', 'print one JSON object (same as --format json)')
      .option('--allow-breaking', 'exit 0 even when a change is breaking')
      .action(
        (
          base: string,
          head: string,
          opts: { format: ApiDiffFormat; json?: boolean; allowBreaking?: boolean },
        ) => {
          run(async () => {
            const report = await diffApiFiles({ cwd: io.cwd, base, head });
            io.stdout(formatApiDiff(report, opts.json ? 'json' : opts.format));
            const { breaking } = summarizeApiDiff(report);
            if (breaking > 0 && opts.allowBreaking)
              io.stderr(
                `regsync api-diff: ${breaking} breaking change(s) allowed by --allow-breaking\n`,
              );
            return breaking > 0 && !opts.allowBreaking ? EXIT.finding : EXIT.ok;
          });
        },
      );
  },
};
