/**
 * The fuzzer's request generator: for an operation of the served OpenAPI document, a raw
 * request with hostile path parameters, a query of documented, unknown and repeated
 * parameters, one of the caller profiles (anonymous, admin, wrong admin token, the
 * authenticating proxy for the attacker, a forged proxy), extra headers, a content type and
 * a body: JSON shaped by the operation's schema with hostile values, any JSON, or raw bytes.
 */
import fc from 'fast-check';
import type { Operation, Schema } from './openApiOperations.js';
import type { RawRequest } from './rawRequest.js';
import {
  headerValue,
  hostileJson,
  PERCENT_GARBAGE,
  PROTOTYPE_KEYS,
  RAW_BODIES,
  rawSegment,
} from './hostileValues.js';

/** What the fuzzer knows of the service, so some requests get past the first checks. */
export interface FuzzContext {
  operations: Operation[];
  /** Resolves a body schema's `$ref`s. */
  resolve(schema: Schema | undefined): Schema | undefined;
  /** Real values for path parameters: keys, model names, ids (the victim's among them). */
  known: string[];
  /** Valid-looking values for body properties by name (`integrationType`, `template`, ...). */
  bodyValues: Record<string, unknown[]>;
  adminToken: string;
  proxySecret: string;
  /** The user the fuzzer acts as through the proxy; never the victim. */
  attackers: string[];
  victim: string;
}

export interface FuzzRequest extends RawRequest {
  /** The operation it aims at, `GET /api/v1/...{id}`, for the failure table. */
  operation: string;
  caller: string;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json\u00ff',
];

const EXTRA_HEADERS = [
  'X-Request-Id',
  'Accept',
  'Accept-Encoding',
  'If-None-Match',
  'If-Modified-Since',
  'X-GitHub-Event',
  'X-GitHub-Delivery',
  'X-Hub-Signature-256',
  'Range',
  'Origin',
  'X-Forwarded-For',
  'Cookie',
];

interface Caller {
  name: string;
  headers: Array<[string, string]>;
}

const as = (name: string, headers: Array<[string, string]>): Caller => ({ name, headers });

function caller(ctx: FuzzContext): fc.Arbitrary<Caller> {
  const proxy = (user: string, secret = ctx.proxySecret): Array<[string, string]> => [
    ['X-Regsync-User', user],
    ['X-Regsync-Proxy-Secret', secret],
  ];
  const attacker = ctx.attackers[0] ?? 'mallory';
  const admin: [string, string] = ['Authorization', `Bearer ${ctx.adminToken}`];
  return fc.oneof(
    fc.constant(as('anonymous', [])),
    fc.constant(as('admin', [admin])),
    fc
      .constantFrom(
        `Bearer ${ctx.adminToken}x`,
        'Bearer',
        'Basic YTpi',
        `bearer  ${ctx.adminToken}`,
        'Bearer \u00ff',
      )
      .map((value) => as('bad-admin', [['Authorization', value]])),
    fc.constantFrom(...ctx.attackers).map((user) => as('attacker', proxy(user))),
    fc.constant(as('attacker+admin', [...proxy(attacker), admin])),
    // The victim's name with a wrong or missing proxy secret: a forged identity.
    fc
      .constantFrom('', 'wrong-secret-0123456789', ctx.proxySecret.toUpperCase())
      .map((secret) => as('forged', proxy(ctx.victim, secret))),
    // Two identity headers: whatever wins must not be the victim.
    fc.constant(as('attacker-twice', [...proxy(attacker), ['X-Regsync-User', ctx.victim]])),
  );
}

function query(op: Operation, ctx: FuzzContext): fc.Arbitrary<string> {
  const documented = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const names = fc.oneof(
    { weight: 4, arbitrary: documented.length ? fc.constantFrom(...documented) : fc.constant('q') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, 'unknown', 'a[b]', '', 'limit', 'cursor', 'q'),
    },
    { weight: 1, arbitrary: fc.constantFrom(...PERCENT_GARBAGE) },
  );
  const values = fc.oneof(
    rawSegment(ctx.known),
    fc.constantFrom(
      '',
      '-1',
      '0',
      '1',
      '1000000',
      '1e309',
      '99999999999999999999',
      'true',
      'false',
      'NaN',
    ),
  );
  const pair = fc
    .tuple(names, values, fc.boolean())
    .map(([n, v, bare]) => (bare && v === '' ? n : `${n}=${v}`));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    {
      weight: 5,
      arbitrary: fc
        .array(pair, { minLength: 1, maxLength: 5 })
        // Repeat a parameter now and then: `?limit=1&limit=2`.
        .chain((pairs) =>
          fc.boolean().map((dup) => (dup && pairs[0] ? [...pairs, pairs[0]] : pairs)),
        )
        .map((pairs) => `?${pairs.join('&')}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('?', '?&&', '?=', '?==&=', '?%', `?${'x=1&'.repeat(2000)}`),
    },
  );
}

/** A JSON object shaped by `schema`: its properties with valid-looking or hostile values. */
function shapedBody(schema: Schema | undefined, ctx: FuzzContext): fc.Arbitrary<unknown> {
  const resolved = ctx.resolve(schema);
  const props = Object.keys(resolved?.properties ?? {});
  if (props.length === 0) return hostileJson();
  const value = (name: string): fc.Arbitrary<unknown> => {
    const good = ctx.bodyValues[name];
    return good?.length
      ? fc.oneof(
          { weight: 2, arbitrary: fc.constantFrom(...good) },
          { weight: 1, arbitrary: hostileJson() },
        )
      : hostileJson();
  };
  return fc
    .tuple(
      fc.subarray(props),
      fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, 'extra'), hostileJson(1), { maxKeys: 2 }),
    )
    .chain(([chosen, extra]) =>
      fc.tuple(...chosen.map((name) => value(name))).map((values) => {
        // JSON text, not an object literal: `__proto__` must arrive as a key.
        const entries = chosen.map((name, i) => [name, values[i]] as const);
        return { __json: [...entries, ...Object.entries(extra)] };
      }),
    );
}

function serialize(value: unknown): Buffer {
  if (value && typeof value === 'object' && '__json' in value) {
    const entries = (value as { __json: Array<readonly [string, unknown]> }).__json;
    return Buffer.from(
      `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`,
      'utf8',
    );
  }
  return Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
}

function body(op: Operation, ctx: FuzzContext): fc.Arbitrary<Buffer | undefined> {
  const takes = op.body !== undefined;
  return fc.oneof(
    { weight: takes ? 1 : 6, arbitrary: fc.constant(undefined) },
    { weight: takes ? 6 : 0, arbitrary: shapedBody(op.body, ctx).map(serialize) },
    { weight: 2, arbitrary: hostileJson().map(serialize) },
    { weight: 1, arbitrary: RAW_BODIES },
  );
}

/** One hostile request for one of `ctx.operations`. */
export function hostileRequest(ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.integer({ min: 0, max: ctx.operations.length - 1 }).chain((index) => {
    const op = ctx.operations[index] as Operation;
    const slots = [...op.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    return fc
      .record({
        segments: fc.tuple(...slots.map(() => rawSegment(ctx.known))),
        query: query(op, ctx),
        caller: caller(ctx),
        contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 4 }),
        extra: fc.array(fc.tuple(fc.constantFrom(...EXTRA_HEADERS), headerValue(ctx.known)), {
          maxLength: 3,
        }),
        body: body(op, ctx),
        // Now and then another method on the same path (405s, HEAD, OPTIONS).
        method: fc.oneof(
          { weight: 9, arbitrary: fc.constant(op.method) },
          {
            weight: 1,
            arbitrary: fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'),
          },
        ),
      })
      .map(({ segments, query: q, caller: who, contentType, extra, body: bytes, method }) => {
        let i = 0;
        const path = op.template.replace(/\{[^}]+\}/g, () => segments[i++] ?? '');
        const headers: Array<[string, string]> = [...who.headers, ...extra];
        if (contentType !== null && (bytes !== undefined || contentType.length % 2 === 0))
          headers.push(['Content-Type', contentType]);
        return {
          operation: `${op.method} ${op.template}`,
          caller: who.name,
          method,
          target: `${path}${q}`,
          headers,
          ...(bytes !== undefined && method !== 'GET' && method !== 'HEAD' ? { body: bytes } : {}),
        };
      });
  });
}
