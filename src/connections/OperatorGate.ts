import type { OperatorSettingsInput } from '../config/operatorSettings.js';
import { ConnectionError } from './ConnectionError.js';
import type { IntegrationSchemaInfo } from './ports.js';
import { resolveOperatorSettings, type OperatorStatus } from './resolveOperatorSettings.js';

/** One integration's operator readiness, as `/readyz` shows it (names only, never values). */
export interface OperatorReadiness {
  integration: string;
  ready: boolean;
  /** Required settings that are not supplied. */
  missing: string[];
  /** Every problem: pointer into the manifest, rule, message (names the variable to set). */
  problems: Array<{ pointer: string; rule: string; message: string }>;
}

/**
 * The operator settings an instance was started with, resolved per integration version
 * (cached by checksum: the input never changes while the process runs). A connection of an
 * integration whose required settings are missing is refused with OPERATOR_SETTINGS_MISSING
 * (503, naming each setting and its variable); other integrations are unaffected.
 */
export class OperatorGate {
  readonly #input: OperatorSettingsInput | undefined;
  readonly #cache = new Map<string, OperatorStatus>();

  constructor(input: OperatorSettingsInput | undefined) {
    this.#input = input;
  }

  /** The integration's status on this instance. */
  status(integration: IntegrationSchemaInfo): OperatorStatus {
    const key = `${integration.key}@${integration.checksum}`;
    let status = this.#cache.get(key);
    if (!status) {
      status = resolveOperatorSettings(integration, this.#input);
      if (this.#cache.size > 256) this.#cache.clear();
      this.#cache.set(key, status);
    }
    return status;
  }

  /** Throws OPERATOR_SETTINGS_MISSING unless the integration is usable here. */
  require(integration: IntegrationSchemaInfo): void {
    const status = this.status(integration);
    if (status.ready) return;
    throw new ConnectionError(
      'OPERATOR_SETTINGS_MISSING',
      `the ${integration.key} integration is disabled on this instance: its operator has not supplied ${status.problems.length === 1 ? 'a setting' : 'settings'} it needs (${status.problems.map((p) => p.pointer.split('/').pop()).join(', ')})`,
      { errors: status.problems },
    );
  }

  /** The readiness of every integration that declares operator settings. */
  readiness(integrations: readonly IntegrationSchemaInfo[]): OperatorReadiness[] {
    return integrations
      .filter((i) => i.operatorSettings !== undefined)
      .map((integration) => {
        const status = this.status(integration);
        return {
          integration: integration.key,
          ready: status.ready,
          missing: status.ready ? [] : status.missing,
          problems: status.ready ? [] : status.problems,
        };
      });
  }
}
