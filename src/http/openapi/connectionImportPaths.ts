/**
 * OpenAPI 3.1 path and schema of the admin import of legacy connections
 * (src/http/routes/connectionImportRouter.ts; docs/connections.md, "Importing legacy
 * connections").
 */
import { problem, type PathTable } from './pathParts.js';
import { count, ref, str } from './schemaParts.js';

/** The report of an import, as ConnectionImporter returns it. */
export const connectionImportSchemas = {
  ConnectionImportReport: {
    type: 'object',
    additionalProperties: false,
    required: ['dryRun', 'imported', 'unchanged', 'failed', 'errors', 'errorsOmitted'],
    properties: {
      dryRun: { type: 'boolean', description: 'True: nothing was written.' },
      imported: { ...count, description: 'Lines written (with dryRun: that would be).' },
      unchanged: {
        ...count,
        description:
          'Lines already stored: their importKey, or without one the same user, integration and config.',
      },
      failed: { ...count, description: 'Lines of which nothing was stored.' },
      errors: {
        type: 'array',
        description: 'Every problem of every failed line, in line order (at most 1,000).',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['line', 'pointer', 'rule', 'message'],
          properties: {
            line: { type: 'integer', minimum: 1, description: 'Line number in the body, from 1.' },
            pointer: { ...str, description: 'JSON pointer into the line ("" for the line).' },
            rule: str,
            message: str,
          },
        },
      },
      errorsOmitted: { ...count, description: 'Problems past the first 1,000, not listed.' },
    },
  },
};

/** `POST /api/v1/connections/import`. */
export function connectionImportPaths(): PathTable {
  return {
    '/api/v1/connections/import': {
      post: {
        operationId: 'importConnections',
        tags: ['connections'],
        summary: 'Admin: import connections from NDJSON (legacy columns, TD-001)',
        description:
          'One connection a line: userId, integrationType, config, and optionally connectedAt, disconnectedAt, lastUsedAt, isActive, importKey. Each line is validated against its integration’s connection schema and stored whole or not at all; a re-run of the same body changes nothing.',
        security: [{ adminToken: [] }],
        parameters: [
          {
            name: 'dryRun',
            in: 'query',
            required: false,
            description: 'Validate and count, write nothing.',
            schema: { enum: ['true', 'false'] },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/x-ndjson': {
              schema: { type: 'string', description: 'One JSON object a line.' },
            },
          },
        },
        responses: {
          '200': {
            description: 'The report (also when lines failed: see failed and errors).',
            content: { 'application/json': { schema: ref('ConnectionImportReport') } },
          },
          '400': problem('An invalid or undocumented query parameter (INVALID_QUERY).'),
          '401': problem('Missing or wrong admin token.'),
          '413': problem('A line longer than REGSYNC_BODY_LIMIT_BYTES (PAYLOAD_TOO_LARGE).'),
          '415': problem('Not application/x-ndjson (UNSUPPORTED_MEDIA_TYPE).'),
          default: problem('Unexpected error (500) or database unavailable (503).'),
        },
      },
    },
  };
}
