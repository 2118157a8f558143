/**
 * The outbound webhook settings: REGSYNC_NOTIFY_URLS (comma list), the per-receiver file
 * REGSYNC_NOTIFY_FILE (JSON, schemas/notify-receivers.schema.json, checked at startup with
 * every problem named by file, line, column and JSON pointer), the secrets they name, and
 * the delivery knobs. Called by loadConfig only.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { NotifySettings, Receiver, ReceiverFilter } from '../notify/ports.js';
import { envReader } from './envReaders.js';
import { bundledPath } from './packagePaths.js';

/** The receivers read from REGSYNC_NOTIFY_URLS and REGSYNC_NOTIFY_FILE, or every error found in them (file:line:column, pointer, rule), never a secret. */
export type NotifySettingsResult =
  { ok: true; settings: NotifySettings } | { ok: false; errors: string[] };

interface FileReceiver {
  url: string;
  secretEnv?: string;
  filter?: ReceiverFilter;
  timeoutMs?: number;
}

let validateFile: ReturnType<Ajv2020['compile']> | undefined;
function schemaCheck() {
  validateFile ??= new Ajv2020({ allErrors: true, strict: false }).compile(
    JSON.parse(readFileSync(bundledPath('schemas', 'notify-receivers.schema.json'), 'utf8')),
  );
  return validateFile;
}

/** `line:column` (1-based) of an offset in `text`. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

/** The JSON pointer's segments (`/receivers/0/url` -> `['receivers', 0, 'url']`). */
function segments(pointer: string): Array<string | number> {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Parses and checks the receivers file. Errors read
 * `<file>:<line>:<column> <pointer> <rule>: <message>`.
 */
export function readReceiversFile(
  file: string,
  text: string,
): { receivers?: FileReceiver[]; errors: string[] } {
  const parseErrors: ParseError[] = [];
  const tree = parseTree(text, parseErrors, { allowTrailingComma: false, disallowComments: true });
  if (parseErrors.length > 0 || !tree)
    return {
      errors: parseErrors.map(
        (e) =>
          `${file}:${position(text, e.offset)} / json-syntax: the file is not valid JSON (error ${e.error})`,
      ),
    };
  const data = JSON.parse(text) as unknown;
  const check = schemaCheck();
  if (check(data))
    return { receivers: (data as { receivers: FileReceiver[] }).receivers, errors: [] };
  const errors = (check.errors ?? []).map((e) => {
    const pointer = e.instancePath || '';
    const node: Node | undefined = pointer ? findNodeAtLocation(tree, segments(pointer)) : tree;
    const where = position(text, node?.offset ?? 0);
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
        : '';
    return `${file}:${where} ${pointer || '/'} ${e.keyword}: ${e.message ?? 'invalid'}${extra}`;
  });
  return { errors };
}

/** A Standard Webhooks secret: `whsec_` and the base64 of at least 16 bytes. */
export function isWebhookSecret(secret: string): boolean {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  return m !== null && Buffer.from(m[1] ?? '', 'base64').length >= 16;
}

/**
 * Reads the settings from `env` (and the file it names, through `read`). Collects every
 * problem, each naming the variable or the file position.
 */
export function readNotifySettings(
  env: NodeJS.ProcessEnv,
  read: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): NotifySettingsResult {
  const errors: string[] = [];
  const { str, int } = envReader(env, errors);
  const timeoutMs = int('REGSYNC_NOTIFY_TIMEOUT_MS', { fallback: 10_000, min: 100, max: 120_000 });
  const maxAttempts = int('REGSYNC_NOTIFY_MAX_ATTEMPTS', { fallback: 8, min: 1, max: 100 });
  const backoffMs = int('REGSYNC_NOTIFY_BACKOFF_MS', { fallback: 1000, min: 1, max: 3_600_000 });
  const allowRaw = str('REGSYNC_NOTIFY_ALLOW_PRIVATE') ?? 'false';
  if (allowRaw !== 'true' && allowRaw !== 'false')
    errors.push(`REGSYNC_NOTIFY_ALLOW_PRIVATE must be true or false, got "${allowRaw}"`);

  const byUrl = new Map<string, FileReceiver>();
  const file = str('REGSYNC_NOTIFY_FILE');
  if (file !== undefined) {
    let text: string | undefined;
    try {
      text = read(file);
    } catch (error) {
      errors.push(`REGSYNC_NOTIFY_FILE: cannot read ${file}: ${(error as Error).message}`);
    }
    if (text !== undefined) {
      const parsed = readReceiversFile(file, text);
      errors.push(...parsed.errors);
      for (const [i, r] of (parsed.receivers ?? []).entries()) {
        if (byUrl.has(r.url)) errors.push(`${file}: /receivers/${i}/url names ${r.url} twice`);
        byUrl.set(r.url, r);
      }
    }
  }
  for (const url of (str('REGSYNC_NOTIFY_URLS') ?? '').split(',').map((u) => u.trim())) {
    if (!url) continue;
    if (!/^https?:\/\/\S+$/.test(url) || !URL.canParse(url)) {
      errors.push(`REGSYNC_NOTIFY_URLS: "${url}" is not an http or https URL`);
      continue;
    }
    if (!byUrl.has(url)) byUrl.set(url, { url });
  }

  const receivers: Receiver[] = [];
  for (const r of byUrl.values()) {
    const secretEnv = r.secretEnv ?? 'REGSYNC_NOTIFY_SECRET';
    const secret = str(secretEnv);
    if (secret === undefined) {
      errors.push(`receiver ${r.url}: ${secretEnv} is not set (its whsec_ signing secret)`);
      continue;
    }
    if (!isWebhookSecret(secret)) {
      errors.push(
        `receiver ${r.url}: ${secretEnv} must be whsec_ and the base64 of at least 16 random bytes (echo whsec_$(openssl rand -base64 32))`,
      );
      continue;
    }
    receivers.push({
      url: r.url,
      secret,
      timeoutMs: r.timeoutMs ?? timeoutMs,
      ...(r.filter ? { filter: r.filter } : {}),
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: { receivers, allowPrivate: allowRaw === 'true', maxAttempts, backoffMs },
  };
}
