/**
 * Reads REGSYNC_SOURCES_FILE: the JSON list of registry sources with per-source settings,
 * checked against schemas/registry-sources.schema.json. Every problem is reported with the
 * file, line and column, the JSON pointer and the rule, so a bad file is fixed in one
 * round. Tokens are never in the file: a source names the environment variable that holds
 * its token (`tokenEnv`), read here from `env`. Pure: the caller passes the text.
 */
import { dirname, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../schemas/registry-sources.schema.json' with { type: 'json' };
import { parseJsonDocument } from '../manifest/parseJsonDocument.js';
import { envString } from './envReaders.js';
import { isUrlLike, type SourceSettings } from './registrySources.js';

interface SourceEntry {
  name: string;
  url?: string;
  folder?: string;
  bundled?: true;
  branch?: string;
  subdir?: string;
  revision?: string;
  tokenEnv?: string;
  gate?: { repo: string; checkName?: string; appId?: number; apiUrl?: string; tokenEnv?: string };
  override?: boolean | string[];
  hide?: string[];
}

let compiled: ReturnType<Ajv2020['compile']> | undefined;

/** The compiled schema (once; no remote `$ref` is ever fetched). */
function validator(): ReturnType<Ajv2020['compile']> {
  compiled ??= new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  return compiled;
}

/**
 * The sources of `text` (the file at `path`), or every problem found, each as
 * `<path>:<line>:<column> <pointer> <rule>: <message>`.
 */
export function readSourcesFile(options: {
  path: string;
  text: string;
  env: NodeJS.ProcessEnv;
  bundledFolder: string;
}): { ok: true; sources: SourceSettings[] } | { ok: false; errors: string[] } {
  const { path, text, env } = options;
  const parsed = parseJsonDocument(text, path);
  if (!parsed.ok)
    return {
      ok: false,
      errors: parsed.findings.map(
        (f) => `${path}:${f.line}:${f.column} ${f.pointer || '/'} ${f.rule}: ${f.message}`,
      ),
    };
  const at = (pointer: string, rule: string, message: string) => {
    const pos = parsed.locate(pointer);
    return `${path}:${pos.line}:${pos.column} ${pointer || '/'} ${rule}: ${message}`;
  };
  const errors = parsed.findings.map((f) => at(f.pointer, f.rule, f.message));
  const validate = validator();
  if (!validate(parsed.value)) {
    for (const e of validate.errors ?? []) {
      // The three-way oneOf of url/folder/bundled says one thing: exactly one of them.
      if (e.keyword === 'not' || e.keyword === 'required') {
        if (/\/oneOf\/\d/.test(e.schemaPath)) continue;
      }
      const message =
        e.keyword === 'oneOf' && /^\/sources\/\d+$/.test(e.instancePath)
          ? 'a source needs exactly one of "url", "folder" or "bundled": true'
          : e.keyword === 'additionalProperties'
            ? `unknown property "${String((e.params as { additionalProperty?: string }).additionalProperty)}"`
            : (e.message ?? 'is not valid');
      errors.push(at(e.instancePath, `schema/${e.keyword}`, message));
    }
    return { ok: false, errors: [...new Set(errors)] };
  }
  const entries = (parsed.value as { sources: SourceEntry[] }).sources;
  const seen = new Set<string>();
  const base = dirname(path);
  const sources = entries.map((entry, i): SourceSettings => {
    const pointer = `/sources/${i}`;
    if (seen.has(entry.name))
      errors.push(
        at(`${pointer}/name`, 'duplicate-name', `the name "${entry.name}" is used twice`),
      );
    seen.add(entry.name);
    const token = entry.tokenEnv === undefined ? undefined : envString(env, entry.tokenEnv);
    if (entry.tokenEnv !== undefined && !token)
      errors.push(
        at(
          `${pointer}/tokenEnv`,
          'token-unset',
          `the variable ${entry.tokenEnv} is unset or empty`,
        ),
      );
    const gateToken = entry.gate?.tokenEnv ? envString(env, entry.gate.tokenEnv) : undefined;
    if (entry.gate?.tokenEnv && !gateToken)
      errors.push(
        at(
          `${pointer}/gate/tokenEnv`,
          'token-unset',
          `the variable ${entry.gate.tokenEnv} is unset or empty`,
        ),
      );
    if (entry.url !== undefined && !isUrlLike(entry.url))
      errors.push(at(`${pointer}/url`, 'url', 'is not a URL; use "folder" for a local folder'));
    if (
      entry.subdir !== undefined &&
      (entry.subdir.startsWith('/') || entry.subdir.split(/[\\/]/).includes('..'))
    )
      errors.push(
        at(
          `${pointer}/subdir`,
          'subdir',
          'must be a relative path inside the source (no "..", no leading "/")',
        ),
      );
    const registry = entry.bundled
      ? options.bundledFolder
      : (entry.url ?? resolve(base, entry.folder ?? '.'));
    return {
      name: entry.name,
      registry,
      isBundled: entry.bundled === true,
      ...(entry.branch ? { branch: entry.branch } : {}),
      ...(entry.subdir ? { subdir: entry.subdir } : {}),
      ...(entry.revision ? { revision: entry.revision } : {}),
      ...(token ? { gitToken: token, tokenEnv: entry.tokenEnv } : {}),
      ...(entry.gate
        ? {
            github: {
              repo: entry.gate.repo,
              checkName: entry.gate.checkName ?? 'validate',
              ...(entry.gate.appId ? { appId: entry.gate.appId } : {}),
              ...(entry.gate.apiUrl ? { apiUrl: entry.gate.apiUrl } : {}),
              ...(gateToken ? { token: gateToken } : {}),
            },
          }
        : {}),
      rights: { override: entry.override ?? false, hide: entry.hide ?? [] },
    };
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, sources };
}
