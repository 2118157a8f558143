import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { ImportReport } from '../../connections/ConnectionImporter.js';
import type { UserDataServices } from '../../http/AppDeps.js';
import type { CliIo } from '../CliIo.js';
import { EXIT } from '../CommandModule.js';
import { formatDuration } from '../formatProgress.js';
import { UsageError } from '../UsageError.js';

/** Refuses (exit 2) an import file that cannot be read, before the database is opened. */
export async function checkImportFile(io: CliIo, file: string): Promise<void> {
  if (file === '-') return;
  try {
    await access(resolve(io.cwd, file), constants.R_OK);
  } catch (error) {
    throw new UsageError(`${file}: cannot read the import file (${(error as Error).message})`);
  }
}

/** The lines of a file (or stdin for `-`), streamed: a large export is never held whole. */
export function readLines(io: CliIo, file: string): AsyncIterable<string> {
  const input: Readable = file === '-' ? io.stdin : createReadStream(resolve(io.cwd, file));
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

/**
 * `regsync connections import <file> [--dry-run] [--json]`: streams the NDJSON file through
 * the importer, prints the report (one JSON object with `--json`; a summary and one line per
 * problem otherwise, each naming the file, the line, the pointer and the rule) and a progress
 * line on a terminal. Exit 1 when a line failed, 0 otherwise.
 */
export async function importConnections(options: {
  io: CliIo;
  services: UserDataServices;
  file: string;
  json?: boolean;
  dryRun?: boolean;
}): Promise<number> {
  const { io, file } = options;
  const started = Date.now();
  const report = await options.services.importer.run(readLines(io, file), {
    dryRun: options.dryRun === true,
    ...(io.isTty && !options.json
      ? {
          onProgress: (p) =>
            io.stderr(
              `\r  ${p.lines} lines: ${p.imported} ${options.dryRun ? 'to import' : 'imported'}, ${p.unchanged} unchanged, ${p.failed} failed, ${formatDuration(Date.now() - started)}`.padEnd(
                72,
              ),
            ),
        }
      : {}),
  });
  if (io.isTty && !options.json) io.stderr('\n');
  if (options.json) io.stdout(`${JSON.stringify(report)}\n`);
  else io.stdout(summary(file, report));
  return report.failed > 0 ? EXIT.finding : EXIT.ok;
}

function summary(file: string, report: ImportReport): string {
  const lines = [
    `${file}: ${report.imported} ${report.dryRun ? 'would be imported (dry run, nothing written)' : 'imported'}, ${report.unchanged} unchanged, ${report.failed} failed\n`,
  ];
  for (const e of report.errors)
    lines.push(`  ${file}:${e.line}  ${e.pointer || '(line)'}  ${e.rule}  ${e.message}\n`);
  if (report.errorsOmitted > 0) lines.push(`  … and ${report.errorsOmitted} more problems\n`);
  return lines.join('');
}
