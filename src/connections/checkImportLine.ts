import type { FieldError } from '../errors/FieldError.js';
import type { OperatorGate } from './OperatorGate.js';
import type { ImportLine } from './parseImportLine.js';
import type { IntegrationSchemaInfo } from './ports.js';
import type { SecretBox } from './SecretBox.js';
import { getPath, pathPointer, secretPaths } from './secretPaths.js';
import { validateConnectionConfig } from './validateConnectionConfig.js';

/**
 * The problems of one parsed import line against its integration (undefined: not in the
 * catalog); empty when it can be written: the integration exists and its operator settings are
 * supplied, the config matches the integration's schema, and a key can encrypt its secrets.
 */
export function checkImportLine(options: {
  line: ImportLine;
  integration: IntegrationSchemaInfo | undefined;
  operator: OperatorGate;
  box: SecretBox;
}): FieldError[] {
  const { line, integration, operator, box } = options;
  if (!integration) return [unknownIntegration(line)];
  const status = operator.status(integration);
  if (!status.ready)
    return [
      {
        pointer: '/integrationType',
        rule: 'operator-settings-missing',
        message: `the ${integration.key} integration is disabled on this instance: its operator has not supplied ${status.missing.join(', ')}`,
      },
    ];
  const errors = validateConnectionConfig({
    cacheKey: `${integration.key}@${integration.checksum}`,
    schema: integration.connectionConfig,
    config: line.config,
  });
  if (errors.length > 0 || box.canEncrypt) return errors;
  return secretPaths(integration.connectionConfig)
    .filter((path) => getPath(line.config, path) !== undefined)
    .map((path) => ({
      pointer: `/config${pathPointer(path)}`,
      rule: 'secret-key-missing',
      message: 'this secret cannot be stored: REGSYNC_SECRET_KEY is not set',
    }));
}

function unknownIntegration(line: ImportLine): FieldError {
  return {
    pointer: '/integrationType',
    rule: 'integration-exists',
    message: `no integration ${JSON.stringify(line.integrationType)} in the catalog`,
  };
}

/** A line that passed every check, ready to be compared and written. */
export interface ImportCandidate {
  lineNo: number;
  line: ImportLine;
  integration: IntegrationSchemaInfo;
  /** Hash of (user, type, plain config): the identity of a line without an importKey (only those). */
  fingerprint?: string;
}
