/**
 * The operational paths outside `/api/v1`: probes, metrics and the document itself. Public,
 * and never refused for their query (validateQuery checks documented operations only).
 */
import { json, problem, PUBLIC, type PathTable } from './pathParts.js';

/**
 * The one client error a probe can meet: Node's HTTP parser refuses headers past 16 KiB
 * before any route runs, and answerClientError.ts answers it as problem+json
 * (HEADERS_TOO_LARGE). Probes take no parameters, body or credentials, so nothing else is
 * refused.
 */
const headersTooLarge = problem('Request headers past 16 KiB (HEADERS_TOO_LARGE).');

const operation = (operationId: string, summary: string, responses: object) => ({
  get: {
    operationId,
    tags: ['operations'],
    security: PUBLIC,
    summary,
    responses: { ...responses, '431': headersTooLarge },
  },
});

/** `/healthz`, `/readyz`, `/metrics`, `/openapi.json`, in that order. */
export const operationsPaths = (): PathTable => ({
  '/healthz': operation('getHealth', 'Liveness: the process answers', {
    '200': json('Health', 'Up.'),
  }),
  '/readyz': operation('getReadiness', 'Readiness: the database answers and a sync has succeeded', {
    '200': json('Readiness', 'Ready.'),
    '503': json('Readiness', 'Not ready, with reasons.'),
  }),
  '/metrics': operation('getMetrics', 'Prometheus metrics (text exposition format)', {
    '200': {
      description: 'Metrics.',
      content: { 'text/plain': { schema: { type: 'string' } } },
    },
  }),
  '/openapi.json': operation('getOpenApiDocument', 'This document', {
    '200': {
      description: 'OpenAPI 3.1.',
      content: { 'application/json': { schema: { type: 'object' } } },
    },
  }),
});
