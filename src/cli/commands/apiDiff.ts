import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  API_DIFF_FORMATS,
  diffApiDocuments,
  formatApiDiff,
  readApiDocument,
  summarizeApiDiff,
} from '../../contract/index.js';
import type { ApiDiffFormat, ApiDiffReport } from '../../contract/index.js';
import type { CliIo } from '../CliIo.js';
import { EXIT, formatOption } from '../CommandModule.js';
import type { CommandModule } from '../CommandModule.js';
import { UsageError } from '../UsageError.js';

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
