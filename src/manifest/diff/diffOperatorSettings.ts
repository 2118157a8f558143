import type { ConnectionConfigSchema, IntegrationManifest } from '../types.js';
import { same, unionKeys } from './ChangeSink.js';
import type { ChangeSink } from './ChangeSink.js';

const OPERATOR = 'integration/operatorSettings/properties';

/**
 * The operator settings (format 1.2) and the verification flow. A field that leaves the
 * connection config and appears among the operator settings, or the reverse, is one breaking
 * change (`config-field-moved-to-operator-settings`, `operator-setting-moved-to-connection-config`)
 * instead of a removal plus an addition: saved connections that hold it stop validating (or
 * lack it) and deployments must supply it once (or stop supplying it), so both sides act.
 * A new required operator setting disables the integration until the operator sets it
 * (breaking); so does a new verification flow, which leaves new connections pending.
 * Returns the config field names it reported as moved, for the connection config diff to skip.
 */
export function diffOperatorSettings(
  sink: ChangeSink,
  x: IntegrationManifest,
  y: IntegrationManifest,
): Set<string> {
  const moved = new Set<string>();
  const configA = props(x.integration.connectionConfig);
  const configB = props(y.integration.connectionConfig);
  const opA = props(x.integration.operatorSettings);
  const opB = props(y.integration.operatorSettings);
  const requiredB = new Set(y.integration.operatorSettings?.required ?? []);
  for (const name of unionKeys(opA, opB)) {
    const before = opA.get(name);
    const after = opB.get(name);
    const path = `${OPERATOR}/${name}`;
    if (!before && after && configA.has(name) && !configB.has(name)) {
      moved.add(name);
      sink.add(
        'config-field-moved-to-operator-settings',
        path,
        `Config field "${name}" moved to the operator settings: saved connections that hold it no longer validate until \`regsync connections migrate-operator-fields\` moves it out, and every deployment must supply it once (REGSYNC_OPERATOR__… or the operator settings file).`,
        { before: configA.get(name), after },
      );
    } else if (before && !after && configB.has(name) && !configA.has(name)) {
      moved.add(name);
      sink.add(
        'operator-setting-moved-to-connection-config',
        path,
        `Operator setting "${name}" moved into the users' connection config: every saved connection lacks it, and the value the operator configured is no longer read.`,
        { before, after: configB.get(name) },
      );
    } else if (!before && after) {
      if (requiredB.has(name))
        sink.add(
          'operator-setting-required-added',
          path,
          `New required operator setting "${name}": the integration's connections are disabled on every deployment until its operator supplies it.`,
          { after },
        );
      else
        sink.add('operator-setting-added', path, `New optional operator setting "${name}".`, {
          after,
        });
    } else if (before && !after) {
      sink.add(
        'operator-setting-removed',
        path,
        `Operator setting "${name}" was removed; a configured value is ignored.`,
        { before },
      );
    } else if (before && after && !same(before, after)) {
      sink.add('operator-setting-changed', path, `Operator setting "${name}" changed.`, {
        before,
        after,
      });
    }
  }
  const va = x.integration.verification;
  const vb = y.integration.verification;
  if (!va && vb) {
    sink.add(
      'verification-added',
      'integration/verification',
      'Connections now start pending and must be confirmed with a code; clients that expect an active connection on create must run the confirmation.',
      { after: vb },
    );
  } else if (!same(va, vb)) {
    sink.add(
      'verification-changed',
      'integration/verification',
      vb ? 'The verification flow changed.' : 'Connections no longer need confirmation.',
      { before: va, after: vb },
    );
  }
  return moved;
}

function props(schema: ConnectionConfigSchema | undefined): Map<string, Record<string, unknown>> {
  return new Map(Object.entries(schema?.properties ?? {}));
}
