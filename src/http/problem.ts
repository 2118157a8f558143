/**
 * RFC 9457 problem details: the body of every error response. `type` is a stable URN per
 * code (documented in docs/http-api.md), `instance` the request path, `requestId` the id in
 * the logs, so a user's report leads straight to the log line.
 */
import type { Response } from 'express';
import type { FieldError } from './ApiError.js';

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The body of every error answer: RFC 9457 fields plus our stable `code`, and per-field
 * `errors` for a request that failed validation.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
}

/** `urn:regsync:problem:not-found` for `NOT_FOUND`. */
export function problemType(code: string): string {
  return `urn:regsync:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** Writes a problem response. */
export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status);
  res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  res.setHeader('Cache-Control', 'no-store');
  const body = JSON.stringify(problem);
  // Set here, not left to Node: the access log reports bytes from this header.
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
