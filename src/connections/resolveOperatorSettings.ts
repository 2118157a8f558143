import type { OperatorSettingsInput } from '../config/operatorSettings.js';
import type { FieldError } from '../errors/FieldError.js';
import { operatorEnvName } from '../manifest/operatorEnvName.js';
import type { IntegrationSchemaInfo } from './ports.js';
import { validateConnectionConfig } from './validateConnectionConfig.js';

/**
 * Whether an integration's connections can be used on this instance: every required operator
 * setting is supplied and every supplied one matches the manifest's `operatorSettings` schema.
 * `values` exist only in memory, for the providers; `problems` name settings, variables and
 * rules, never a value.
 */
export type OperatorStatus =
  | { ready: true; values: Record<string, unknown> }
  | { ready: false; problems: FieldError[]; missing: string[] };

/**
 * Resolves one integration's operator settings from what the operator supplied: for each
 * declared setting, `REGSYNC_OPERATOR__<INTEGRATION>__<SETTING>` (converted to the declared
 * type: integer, number, boolean), else the settings file's `<integration>.<setting>`, else the
 * schema's `default`. Pure. An integration without `operatorSettings` is always ready.
 */
export function resolveOperatorSettings(
  integration: IntegrationSchemaInfo,
  input: OperatorSettingsInput | undefined,
): OperatorStatus {
  const schema = integration.operatorSettings;
  if (!schema) return { ready: true, values: {} };
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const fromFile = input?.file[integration.key] ?? {};
  const values: Record<string, unknown> = {};
  const problems: FieldError[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const envName = operatorEnvName(integration.key, name);
    const raw = input?.env[envName];
    if (raw !== undefined) {
      const converted = convert(raw, property.type);
      if (converted === undefined)
        problems.push({
          pointer: pointerOf(name),
          rule: 'type',
          message: `${envName} must be ${String(property.type)}`,
        });
      else values[name] = converted;
    } else if (Object.hasOwn(fromFile, name)) values[name] = fromFile[name];
    else if (property.default !== undefined) values[name] = property.default;
  }
  const errors = validateConnectionConfig({
    cacheKey: `operator:${integration.key}@${integration.checksum}`,
    schema,
    config: values,
  });
  const missing: string[] = [];
  for (const error of errors) {
    const name = error.pointer.split('/')[2] ?? '';
    if (error.rule === 'required') {
      missing.push(name);
      problems.push({
        pointer: pointerOf(name),
        rule: 'operator-setting-missing',
        message: `the ${integration.key} operator setting ${name} is not set: set ${operatorEnvName(integration.key, name)} or "${integration.key}": { "${name}": ... } in REGSYNC_OPERATOR_SETTINGS_FILE`,
      });
    } else if (error.rule === 'additionalProperties') {
      continue; // only declared settings are read, so this cannot happen
    } else {
      problems.push({
        pointer: name ? pointerOf(name) : '/integration/operatorSettings',
        rule: `operator-setting-invalid`,
        message: `the ${integration.key} operator setting ${name || '(root)'} does not match its schema (${error.rule}: ${error.message})`,
      });
    }
  }
  return problems.length === 0 ? { ready: true, values } : { ready: false, problems, missing };
}

function pointerOf(name: string): string {
  return `/integration/operatorSettings/properties/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function convert(raw: string, type: unknown): unknown {
  if (type === 'integer' || type === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) && raw.trim() !== '' ? n : undefined;
  }
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : undefined;
  return raw;
}
