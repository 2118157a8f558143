/**
 * The registry of manifest format upgrades: one step from each version to the next. The
 * format is a public API, so a community manifest written for an older version keeps
 * loading: the loader upgrades it in memory (and the sync run says so), and
 * `regsync upgrade` rewrites the file. A step is data-in, data-out and describes itself as
 * a list of JSON edits so that the file rewrite can keep the author's key order and style.
 */

/** A JSON path as a list of keys and indexes, as jsonc-parser's `modify` takes it. */
export type JsonPath = Array<string | number>;

/**
 * One edit of a document. `set` writes `value` at `path`; when the property is new and
 * `before` names a sibling, it is inserted at that sibling's position. `remove` deletes.
 */
export type JsonEdit =
  { op: 'set'; path: JsonPath; value: unknown; before?: string } | { op: 'remove'; path: JsonPath };

/**
 * One step of the format: the version it upgrades from and to, its summary, and the edits it
 * makes (pure).
 */
export interface UpgradeStep {
  from: string;
  to: string;
  /** What changed in the format and why, as shown by `regsync upgrade`. */
  summary: string;
  /** The edits that turn a valid document of `from` into one of `to`. Pure. */
  edits(doc: Readonly<Record<string, unknown>>): JsonEdit[];
}

/**
 * 1.0 -> 1.1: `integration.authKind` (one value) becomes `integration.authKinds` (a list).
 * Real vendors offer several ways in (HubSpot: OAuth or a private-app token; Slack: an
 * incoming webhook or a bot token), and the connection layer must know every one of them.
 */
const authKindsStep: UpgradeStep = {
  from: '1.0',
  to: '1.1',
  summary:
    'integration.authKind (one value) becomes integration.authKinds (a list of the ways to connect)',
  edits(doc) {
    const edits: JsonEdit[] = [{ op: 'set', path: ['manifestVersion'], value: '1.1' }];
    const integration = doc.integration;
    if (
      doc.kind === 'integration' &&
      integration &&
      typeof integration === 'object' &&
      !Array.isArray(integration)
    ) {
      const meta = integration as Record<string, unknown>;
      if (Object.hasOwn(meta, 'authKind')) {
        edits.push({
          op: 'set',
          path: ['integration', 'authKinds'],
          value: [meta.authKind],
          before: 'authKind',
        });
        edits.push({ op: 'remove', path: ['integration', 'authKind'] });
      }
    }
    return edits;
  },
};

/**
 * 1.1 -> 1.2: `integration.operatorSettings` (what the operator provides once per instance)
 * and `integration.verification` (a connection confirmed by a code) become available, and
 * `connectionConfig` means what one user's connection holds. A 1.1 manifest has neither, so
 * the step only writes the version: which of its config fields are really the operator's is
 * a decision for its author (moving one is a breaking change the diff reports), not a guess
 * the upgrade could make.
 */
const operatorSettingsStep: UpgradeStep = {
  from: '1.1',
  to: '1.2',
  summary:
    'integration.operatorSettings and integration.verification become available (connectionConfig holds only what one user provides)',
  edits() {
    return [{ op: 'set', path: ['manifestVersion'], value: '1.2' }];
  },
};

/** Every step, oldest first. The last step's `to` is the current version. */
export const UPGRADE_STEPS: readonly UpgradeStep[] = [authKindsStep, operatorSettingsStep];

/** The version `regsync upgrade` writes and the loader upgrades to. */
export const CURRENT_MANIFEST_VERSION = UPGRADE_STEPS.at(-1)?.to ?? '1.0';

/** The steps that take `version` to the current one, or undefined for an unknown version. */
export function stepsFrom(version: string): UpgradeStep[] | undefined {
  const steps: UpgradeStep[] = [];
  let at = version;
  while (at !== CURRENT_MANIFEST_VERSION) {
    const step = UPGRADE_STEPS.find((s) => s.from === at);
    if (!step) return undefined;
    steps.push(step);
    at = step.to;
  }
  return steps;
}
