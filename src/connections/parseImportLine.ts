import type { FieldError } from '../errors/FieldError.js';
import { joinPointer } from '../manifest/jsonPointer.js';
import { findUnstorableText } from '../manifest/storableText.js';

/** One line of an import file, checked for shape (its config is checked against the catalog later). */
export interface ImportLine {
  userId: string;
  integrationType: string;
  config: Record<string, unknown>;
  connectedAt?: Date;
  disconnectedAt?: Date;
  lastUsedAt?: Date;
  /** As given; the importer derives it from `disconnectedAt` when absent. */
  isActive?: boolean;
  importKey?: string;
}

/** The fields a line may have; any other is refused (`additionalProperties`). */
export const IMPORT_LINE_FIELDS = [
  'userId',
  'integrationType',
  'config',
  'connectedAt',
  'disconnectedAt',
  'lastUsedAt',
  'isActive',
  'importKey',
] as const;

/** As the proxy's X-Regsync-User (src/http/routes/connectionsAuth.ts): longer ids cannot sign in. */
const MAX_USER_ID = 200;
const MAX_IMPORT_KEY = 200;
const INTEGRATION_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
// RFC 3339 date-time, as JSON Schema's `date-time` format (the zone is required).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parses and checks one NDJSON line: valid JSON, an object with the documented fields and
 * types, text PostgreSQL can store. `null` for an optional field means absent (what an SQL
 * export writes for an empty column). Never throws; every problem is a field error with the
 * JSON pointer into the line, the rule and a message that never echoes a value (a config may
 * hold secrets).
 */
export function parseImportLine(
  text: string,
): { ok: true; line: ImportLine } | { ok: false; errors: FieldError[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail([{ pointer: '', rule: 'json', message: `not JSON: ${(error as Error).message}` }]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail([{ pointer: '', rule: 'type', message: 'a line must be a JSON object' }]);
  const record = value as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const name of Object.keys(record)) {
    if (!(IMPORT_LINE_FIELDS as readonly string[]).includes(name))
      errors.push({
        pointer: joinPointer('', name),
        rule: 'additionalProperties',
        message: `unknown property ${JSON.stringify(name.slice(0, 64))} (known: ${IMPORT_LINE_FIELDS.join(', ')})`,
      });
  }
  const userId = requiredText(record, 'userId', MAX_USER_ID, errors);
  const integrationType = requiredText(record, 'integrationType', 64, errors);
  if (integrationType !== undefined && !INTEGRATION_KEY.test(integrationType))
    errors.push({
      pointer: '/integrationType',
      rule: 'pattern',
      message: 'must be an integration key (lower-case letters, digits and dashes)',
    });
  const config = record.config;
  if (config === undefined)
    errors.push({ pointer: '/config', rule: 'required', message: 'config is required' });
  else if (typeof config !== 'object' || config === null || Array.isArray(config))
    errors.push({ pointer: '/config', rule: 'type', message: 'must be an object' });
  const connectedAt = date(record, 'connectedAt', errors);
  const disconnectedAt = date(record, 'disconnectedAt', errors);
  const lastUsedAt = date(record, 'lastUsedAt', errors);
  let isActive: boolean | undefined;
  if (record.isActive !== undefined && record.isActive !== null) {
    if (typeof record.isActive === 'boolean') isActive = record.isActive;
    else errors.push({ pointer: '/isActive', rule: 'type', message: 'must be a boolean' });
  }
  const importKey = optionalText(record, 'importKey', MAX_IMPORT_KEY, errors);
  if (isActive === true && disconnectedAt)
    errors.push({
      pointer: '/isActive',
      rule: 'disconnected-is-inactive',
      message: 'a connection with disconnectedAt is not active: drop isActive or set it false',
    });
  if (isActive === false && !disconnectedAt)
    errors.push({
      pointer: '/disconnectedAt',
      rule: 'required',
      message: 'an inactive connection needs disconnectedAt (when it was disconnected)',
    });
  if (connectedAt && disconnectedAt && disconnectedAt < connectedAt)
    errors.push({
      pointer: '/disconnectedAt',
      rule: 'after-connected-at',
      message: 'must not be before connectedAt',
    });
  const unstorable = findUnstorableText(record);
  if (unstorable) errors.push(unstorable);
  if (errors.length > 0 || userId === undefined || integrationType === undefined)
    return fail(errors);
  return {
    ok: true,
    line: {
      userId,
      integrationType,
      config: config as Record<string, unknown>,
      ...(connectedAt ? { connectedAt } : {}),
      ...(disconnectedAt ? { disconnectedAt } : {}),
      ...(lastUsedAt ? { lastUsedAt } : {}),
      ...(isActive !== undefined ? { isActive } : {}),
      ...(importKey !== undefined ? { importKey } : {}),
    },
  };
}

function fail(errors: FieldError[]): { ok: false; errors: FieldError[] } {
  return { ok: false, errors };
}

/** A required non-empty string of at most `max` characters. */
function requiredText(
  record: Record<string, unknown>,
  name: string,
  max: number,
  errors: FieldError[],
): string | undefined {
  if (record[name] === undefined || record[name] === null) {
    errors.push({ pointer: `/${name}`, rule: 'required', message: `${name} is required` });
    return undefined;
  }
  return optionalText(record, name, max, errors);
}

function optionalText(
  record: Record<string, unknown>,
  name: string,
  max: number,
  errors: FieldError[],
): string | undefined {
  const value = record[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    errors.push({ pointer: `/${name}`, rule: 'type', message: 'must be a string' });
    return undefined;
  }
  if (value.trim().length === 0 || value.length > max) {
    errors.push({
      pointer: `/${name}`,
      rule: value.length > max ? 'maxLength' : 'minLength',
      message: `must be 1 to ${max} characters, not blank`,
    });
    return undefined;
  }
  return value;
}

function date(
  record: Record<string, unknown>,
  name: string,
  errors: FieldError[],
): Date | undefined {
  const value = record[name];
  if (value === undefined || value === null) return undefined;
  const parsed = typeof value === 'string' && DATE_TIME.test(value) ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) {
    errors.push({
      pointer: `/${name}`,
      rule: 'format',
      message: 'must be an RFC 3339 date-time with a zone, e.g. 2025-11-10T08:30:00Z',
    });
    return undefined;
  }
  return parsed;
}
