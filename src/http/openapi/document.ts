/**
 * The hand-written OpenAPI 3.1 document served at `/openapi.json`. Every route of createApp
 * is here with the schema of every response, problem bodies included; the integration
 * tests validate real responses against it with ajv (draft 2020-12). The paths are tables
 * by area (catalogPaths.ts, syncPaths.ts, operationsPaths.ts, userDataPaths.ts, feedPaths.ts) built from
 * the parts in pathParts.ts; the order in which they are spread is the order of the
 * committed snapshot.
 */
import { catalogPaths } from './catalogPaths.js';
import { connectionImportPaths, connectionImportSchemas } from './connectionImportPaths.js';
import { documentInfo, documentTags, securitySchemes } from './documentMeta.js';
import { operationsPaths } from './operationsPaths.js';
import { componentSchemas } from './schemas.js';
import { syncPaths } from './syncPaths.js';
import { userDataPaths } from './userDataPaths.js';
import { userDataSchemas } from './userDataSchemas.js';
import { deliverySchemas, feedPaths, feedSchemas } from './feedPaths.js';

export { API_VERSION } from './documentMeta.js';

/** Builds the document (a fresh object each call). */
export function openApiDocument(options: { maxMapRecords?: number } = {}) {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: documentInfo(),
    servers: [{ url: '/' }],
    tags: documentTags(),
    paths: {
      ...userDataPaths(),
      ...connectionImportPaths(),
      ...operationsPaths(),
      ...catalogPaths(),
      ...syncPaths(),
      ...feedPaths(),
    },
    components: {
      schemas: {
        ...componentSchemas(options.maxMapRecords),
        ...userDataSchemas,
        ...connectionImportSchemas,
        ...feedSchemas,
        ...deliverySchemas,
      },
      securitySchemes: securitySchemes(),
    },
  };
}

/**
 * The document this instance serves and checks requests against: built with its settings
 * (the map request's record limit), so that what `/openapi.json` says is what is enforced.
 * With the default settings it equals the committed snapshot.
 */
export function servedDocument(settings: { maxMapRecords?: number | undefined }) {
  return openApiDocument(
    settings.maxMapRecords !== undefined ? { maxMapRecords: settings.maxMapRecords } : {},
  );
}
