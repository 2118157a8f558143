import { Buffer } from 'node:buffer';
import { manifestChecksum } from './checksum.js';
import { hasErrors } from './Finding.js';
import type { Finding } from './Finding.js';
import { parseJsonDocument } from './parseJsonDocument.js';
import type { LocateTarget } from './parseJsonDocument.js';
import { severityOf } from './ruleCatalog.js';
import { ALL_RULES } from './rules/allRules.js';
import type { PluginInfo } from './rules/RuleContext.js';
import { validateAgainstSchema } from './schemaValidation.js';
import { upgradeDocument } from './upgrade/upgradeDocument.js';
import { SUPPORTED_MANIFEST_VERSIONS } from './types.js';
import type { Manifest } from './types.js';

export type { PluginInfo } from './rules/RuleContext.js';

/** Largest manifest accepted, in bytes (1 MiB). Checked before parsing. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** One manifest to validate. */
export interface ValidateManifestInput {
  /** Name used in findings (registry-relative path where possible). */
  file: string;
  text: string;
  /** Byte length of the file, when the caller knows it; computed from `text` otherwise. */
  bytes?: number;
  /** The folder the file lives in (`integrations/<name>/` or `templates/<name>/`), when known. */
  folder?: { kindFolder: 'integrations' | 'templates'; name: string };
}

/** Options of `validateManifest`. */
export interface ValidateManifestOptions {
  /** Registered plugins by name; when given, unknown plugin names are warned about. */
  plugins?: ReadonlyMap<string, PluginInfo>;
}

/**
 * A valid manifest (upgraded to the current format) with its checksum and warnings, or every
 * finding of an invalid one.
 */
export type ValidateManifestResult =
  | {
      success: true;
      /** The manifest in the current format (older versions are upgraded in memory). */
      manifest: Manifest;
      /** Digest of the upgraded manifest's canonical JSON: `regsync upgrade` changes nothing. */
      checksum: string;
      findings: Finding[];
      /** The version the file was written in, when it was upgraded. */
      upgradedFrom?: string;
    }
  | { success: false; findings: Finding[] };

/**
 * Validates one manifest: size, JSON syntax and duplicate keys, manifestVersion, the JSON
 * Schema of its kind, then every semantic rule (run even when the schema fails, on whatever
 * is well formed). Pure and never throws: every problem is a finding, sorted by position.
 * On success `findings` holds only warnings and `checksum` is the canonical-JSON digest.
 */
export function validateManifest(
  input: ValidateManifestInput,
  options: ValidateManifestOptions = {},
): ValidateManifestResult {
  const { file, text } = input;
  const bytes = input.bytes ?? Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_MANIFEST_BYTES) {
    return fail([
      at(
        file,
        1,
        1,
        '',
        'file-too-large',
        `The file is ${bytes} bytes; manifests may be at most ${MAX_MANIFEST_BYTES} bytes (1 MiB). Split it or remove unused content.`,
      ),
    ]);
  }
  const parsed = parseJsonDocument(text, file);
  if (!parsed.ok) return fail(parsed.findings);
  const findings = [...parsed.findings];
  const emit = (rule: string, pointer: string, message: string, target: LocateTarget = 'value') => {
    const { line, column } = parsed.locate(pointer, target);
    findings.push(at(file, line, column, pointer, rule, message));
  };

  const doc = parsed.value;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    emit('schema/type', '', 'A manifest must be a JSON object ({ ... }) at the top level.');
    return fail(findings);
  }
  const root = doc as Record<string, unknown>;

  const version = root.manifestVersion;
  if (
    Object.hasOwn(root, 'manifestVersion') &&
    !(SUPPORTED_MANIFEST_VERSIONS as readonly unknown[]).includes(version)
  ) {
    emit(
      'manifest-version-unsupported',
      '/manifestVersion',
      `manifestVersion ${JSON.stringify(version)} is not supported by this build (supported: ${SUPPORTED_MANIFEST_VERSIONS.join(', ')}); use a supported version or upgrade regsync.`,
    );
    return fail(findings);
  }

  validateSchema(root, emit);
  // One DocumentWalks for this document: the rules that need the entity index or the field
  // list compute it once between them.
  const ruleContext = { doc: root, folder: input.folder, plugins: options.plugins, walks: {} };
  for (const rule of ALL_RULES) {
    for (const issue of rule(ruleContext)) emit(issue.rule, issue.pointer, issue.message, issue.at);
  }
  const sorted = sortFindings(findings);
  if (hasErrors(sorted)) return { success: false, findings: sorted };
  const upgraded = upgradeDocument(root);
  return {
    success: true,
    manifest: upgraded.doc as unknown as Manifest,
    checksum: manifestChecksum(upgraded.doc),
    findings: sorted,
    ...(upgraded.upgradedFrom ? { upgradedFrom: upgraded.upgradedFrom } : {}),
  };
}

function validateSchema(
  root: Record<string, unknown>,
  emit: (rule: string, pointer: string, message: string, target?: LocateTarget) => void,
): void {
  const kind = root.kind;
  if (kind === 'integration' || kind === 'template') {
    for (const issue of validateAgainstSchema(root, kind))
      emit(issue.rule, issue.pointer, issue.message, issue.at);
  } else if (!Object.hasOwn(root, 'kind')) {
    emit(
      'schema/required',
      '/kind',
      'Missing required property "kind" in the manifest; add "kind": "integration" or "kind": "template".',
    );
  } else {
    emit(
      'schema/enum',
      '/kind',
      `"kind" is ${JSON.stringify(kind)}, which is not allowed; use one of: "integration", "template".`,
    );
  }
}

function at(
  file: string,
  line: number,
  column: number,
  pointer: string,
  rule: string,
  message: string,
): Finding {
  return { file, line, column, pointer, rule, message, severity: severityOf(rule) };
}

function fail(findings: Finding[]): ValidateManifestResult {
  return { success: false, findings: sortFindings(findings) };
}

/** Sorts findings by file, line, column, then rule (stable for equal positions). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
