import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../schemas/operator-settings.schema.json' with { type: 'json' };
import { parseJsonDocument } from '../manifest/parseJsonDocument.js';
import { OPERATOR_ENV_PREFIX } from '../manifest/operatorEnvName.js';
import { envString } from './envReaders.js';

/**
 * The operator settings as supplied, before any integration's schema is known: the values of
 * REGSYNC_OPERATOR_SETTINGS_FILE by integration key and setting name, and every
 * `REGSYNC_OPERATOR__*` variable. `resolveOperatorSettings` (src/connections) matches them to an
 * integration's `operatorSettings` schema once the catalog is synced. Held in memory only:
 * never written to the database, never returned by the API.
 */
export interface OperatorSettingsInput {
  /** Values from the settings file: integration key -> setting -> value. */
  file: Record<string, Record<string, string | number | boolean>>;
  /** The settings file, resolved, when one is configured. */
  filePath?: string;
  /** Every `REGSYNC_OPERATOR__<INTEGRATION>__<SETTING>` variable, by name (overrides the file). */
  env: Record<string, string>;
}

/** The operator settings, or every problem found (each naming its file or variable). */
export type OperatorSettingsResult =
  { ok: true; settings: OperatorSettingsInput } | { ok: false; errors: string[] };

let validateFile: ReturnType<Ajv2020['compile']> | undefined;

/**
 * Reads REGSYNC_OPERATOR_SETTINGS_FILE (JSON, schemas/operator-settings.schema.json) and the
 * `REGSYNC_OPERATOR__*` variables of `env`. A file that cannot be read, is not strict JSON or
 * does not match the schema is an error naming the file, line, column, JSON pointer and rule,
 * so the service refuses to start on a typo instead of running with an integration disabled.
 * Error messages never quote a value.
 */
export function readOperatorSettings(
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): OperatorSettingsResult {
  const fromEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith(OPERATOR_ENV_PREFIX) && value !== undefined && value.trim() !== '')
      fromEnv[name] = value.trim();
  }
  const configured = envString(env, 'REGSYNC_OPERATOR_SETTINGS_FILE');
  if (!configured) return { ok: true, settings: { file: {}, env: fromEnv } };
  const filePath = resolve(cwd, configured);
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return {
      ok: false,
      errors: [`REGSYNC_OPERATOR_SETTINGS_FILE ${filePath} cannot be read (${code})`],
    };
  }
  const parsed = parseJsonDocument(text, filePath);
  if (!parsed.ok || parsed.findings.length > 0) {
    return {
      ok: false,
      errors: parsed.findings.map(
        (f) =>
          `REGSYNC_OPERATOR_SETTINGS_FILE ${filePath}:${f.line}:${f.column} ${f.rule} at ${f.pointer || '/'}: ${f.message}`,
      ),
    };
  }
  validateFile ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
    schema,
  );
  if (!validateFile(parsed.value)) {
    return {
      ok: false,
      errors: (validateFile.errors ?? []).map((e) => {
        const pointer =
          e.keyword === 'propertyNames' || e.params?.propertyName !== undefined
            ? `${e.instancePath}/${String(e.params.propertyName ?? '')}`
            : e.instancePath;
        const at = parsed.locate(pointer, e.keyword === 'propertyNames' ? 'key' : 'value');
        return `REGSYNC_OPERATOR_SETTINGS_FILE ${filePath}:${at.line}:${at.column} schema/${e.keyword} at ${pointer || '/'}: ${describe(e.keyword, e.message)}`;
      }),
    };
  }
  const { $schema: _schema, ...values } = parsed.value as Record<string, unknown>;
  return {
    ok: true,
    settings: {
      file: values as OperatorSettingsInput['file'],
      filePath,
      env: fromEnv,
    },
  };
}

function describe(keyword: string, message: string | undefined): string {
  if (keyword === 'propertyNames')
    return 'an integration key is lowercase letters, digits and "-"; a setting name a letter, then letters, digits or "_"';
  if (keyword === 'type')
    return `${message ?? 'wrong type'} (an integration maps to an object of settings; a setting is a string, number or boolean)`;
  return message ?? 'invalid';
}
