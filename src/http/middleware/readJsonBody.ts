import type { Request, RequestHandler } from 'express';
import { ApiError, validationError } from '../ApiError.js';
import { jsonDepthExceeds } from '../jsonDepth.js';
import { findUnstorableText } from './refuseUnstorableText.js';

/**
 * Bounds and checks of `readJsonBody`: size and depth limits, a hook on the raw bytes, and the
 * refusal of text PostgreSQL cannot store.
 */
export interface JsonBodyOptions {
  limitBytes: number;
  maxDepth: number;
  /** Runs on the raw bytes before any parsing (webhook signatures); throws to refuse. */
  verify?: (req: Request, raw: Buffer) => void;
  /**
   * Refuse strings and keys PostgreSQL cannot store (NUL, lone surrogates) with 400
   * VALIDATION_FAILED at their JSON pointer (default true). Off only where the body is never
   * stored: a map request's records, a GitHub delivery (refusing it would lose the push).
   */
  storableText?: boolean;
  /**
   * Parse the body into `req.body` (default true). Off, the route parses `rawBody(req)`
   * itself, after the same media-type and size checks (the map route, which parses its
   * records a slice at a time: parseMapBody.ts).
   */
  parse?: boolean;
}

/** The raw bytes of a request body, kept for signature checks (webhooks). */
export function rawBody(req: Request): Buffer {
  return (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
}

/**
 * Reads the body as bytes up to the limit (413 past it, checked on Content-Length first and
 * while streaming), requires `application/json` (415), refuses nesting deeper than
 * `maxDepth` with a linear scan before any parsing (400 JSON_TOO_DEEP), then parses
 * (400 MALFORMED_JSON), then refuses text the database cannot store (400 VALIDATION_FAILED,
 * see refuseUnstorableText.ts). The raw bytes stay on the request for signature verification.
 */
export function readJsonBody(options: JsonBodyOptions): RequestHandler {
  return async (req, _res, next) => {
    const type = req.get('content-type');
    if (!type || !isJson(type)) {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        `expected Content-Type application/json, got ${type ? JSON.stringify(type.slice(0, 100)) : 'none'}`,
      );
    }
    const declared = Number(req.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > options.limitBytes) {
      req.resume();
      throw tooLarge(options.limitBytes);
    }
    const bytes = await readLimited(req, options.limitBytes);
    (req as Request & { rawBody?: Buffer }).rawBody = bytes;
    options.verify?.(req, bytes);
    if (options.parse === false) {
      next();
      return;
    }
    req.body = parseJsonText(bytes.toString('utf8'), options.maxDepth);
    if (options.storableText !== false) {
      const unstorable = findUnstorableText(req.body);
      if (unstorable) throw validationError([unstorable]);
    }
    next();
  };
}

/** The refusal of JSON nested deeper than `maxDepth` (400 JSON_TOO_DEEP). */
export function tooDeep(maxDepth: number): ApiError {
  return new ApiError(
    'JSON_TOO_DEEP',
    `JSON nesting deeper than ${maxDepth} levels is refused (REGSYNC_MAX_JSON_DEPTH)`,
  );
}

/**
 * Parses a JSON body's text: 400 JSON_TOO_DEEP past `maxDepth` (a linear scan before any
 * parsing), 400 MALFORMED_JSON when it does not parse.
 */
export function parseJsonText(text: string, maxDepth: number): unknown {
  if (jsonDepthExceeds(text, maxDepth)) throw tooDeep(maxDepth);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(
      'MALFORMED_JSON',
      `the body is not valid JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

function isJson(contentType: string): boolean {
  const media = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(media);
}

function tooLarge(limit: number): ApiError {
  return new ApiError(
    'PAYLOAD_TOO_LARGE',
    `the body is larger than ${limit} bytes (REGSYNC_BODY_LIMIT_BYTES)`,
  );
}

function readLimited(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const onData = (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        // Drain the rest so the connection can answer; the bytes are dropped.
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', (error) => {
      if (!failed) {
        failed = true;
        reject(
          new ApiError('MALFORMED_JSON', 'the request body could not be read', { cause: error }),
        );
      }
    });
  });
}
