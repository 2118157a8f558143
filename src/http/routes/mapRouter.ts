import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { ApiError } from '../ApiError.js';
import type { IntegrationManifest } from '../../manifest/types.js';
import { findModelMapping } from '../../mapping/findModelMapping.js';
import type { MappingMode } from '../../mapping/types.js';
import { limitInFlight } from '../middleware/limitInFlight.js';
import { rawBody, readJsonBody } from '../middleware/readJsonBody.js';
import { parseMapBody } from '../parseMapBody.js';
import { markMount } from '../middleware/requestContext.js';
import { compileBodyValidator } from '../openapi/validateBody.js';
import { DEFAULT_MAX_MAP_RECORDS } from '../openapi/pageLimits.js';
import { mapRequestSchema } from '../openapi/schemas.js';
import type { DefinitionDetail } from '../ports.js';
import { checkKey, notFound } from './definitionsRouter.js';

/** Records mapped between two turns of the event loop (about 1 ms of work for Gmail messages). */
const MAP_SLICE = 50;
/** Records parsed between two turns of the event loop (about 0.5 ms of JSON.parse for Gmail messages). */
const PARSE_SLICE = 50;

/**
 * Sends JSON text as `res.json` would (same bytes and Content-Type), in one write: Node
 * puts the headers and a string body into a single packet, where express's Buffer path
 * costs a second write (writev) per answer.
 */
function sendJsonText(res: Response, text: string): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface MapBody {
  records: unknown[];
  mode?: MappingMode;
  connectionId?: string;
}

/**
 * `POST /integrations/:key/models/:model/map`: maps a batch of raw vendor records with the
 * integration's mapping for that model. The definition is read once per catalog revision and
 * the compiled mapping is cached by the manifest's checksum; both are dropped when the catalog
 * changes. Findings are data in the answer (200), never errors: a record that fails in strict
 * mode is `ok: false` with its findings. `checkQuery` is the API's query check (validateQuery),
 * run first since this router is mounted ahead of the API router.
 */
export function mapRouter(deps: AppDeps, checkQuery: RequestHandler): Router {
  const router = Router();
  const maxRecords = deps.settings.maxMapRecords ?? DEFAULT_MAX_MAP_RECORDS;
  const validate = compileBodyValidator<MapBody>(mapRequestSchema(maxRecords));
  const definitions = new Map<string, Promise<DefinitionDetail | undefined>>();
  deps.state.onInvalidate(() => definitions.clear());

  // The answer's members before the results are the same for every call of one definition,
  // model and mode: serialized once (dropped with the definitions when the catalog changes).
  const heads = new Map<string, { detail: DefinitionDetail; compiled: object; text: string }>();
  deps.state.onInvalidate(() => heads.clear());
  const answerHead = (at: {
    key: string;
    model: string;
    mode: MappingMode;
    detail: DefinitionDetail;
    entityType: string;
    compiled: { warnings: unknown };
  }): string => {
    const slot = `${at.key}\n${at.model}\n${at.mode}`;
    const known = heads.get(slot);
    if (known && known.detail === at.detail && known.compiled === at.compiled) return known.text;
    const text = JSON.stringify({
      integration: at.key,
      model: at.model,
      entityType: at.entityType,
      mode: at.mode,
      revision: at.detail.revision,
      checksum: at.detail.checksum,
      compileWarnings: at.compiled.warnings,
    });
    heads.set(slot, { detail: at.detail, compiled: at.compiled, text });
    return text;
  };

  const definition = (key: string): Promise<DefinitionDetail | undefined> => {
    let found = definitions.get(key);
    if (!found) {
      found = deps.catalog.getDefinition('integration', key);
      definitions.set(key, found);
      found.catch(() => definitions.delete(key));
    }
    return found;
  };

  // Mapping is CPU work on the event loop: bounded so a burst of large batches cannot starve
  // /healthz and catalog reads (docs/performance.md, "Map load"). Admission comes before the
  // body is read, so a refused or waiting request costs no parsing.
  const admit = limitInFlight({
    concurrency: deps.settings.mapConcurrency ?? 2,
    queue: deps.settings.mapQueue ?? 64,
    retryAfterSeconds: 1,
    name: 'map',
    onRefused: () => deps.metrics.mapRefused(),
  });
  deps.metrics.trackMapAdmission(admit);

  router.post(
    '/:key/models/:model/map',
    markMount,
    checkQuery, // before admission, as for every API route: a refused query costs no slot
    admit,
    readJsonBody({
      limitBytes: deps.settings.bodyLimitBytes,
      maxDepth: deps.settings.maxJsonDepth,
      storableText: false, // never stored (see readJsonBody)
      parse: false, // parsed a slice of records at a time below (parseMapBody.ts)
    }),
    async (req: Request, res) => {
      const key = String(req.params.key);
      const model = String(req.params.model);
      // Parsing comes first, as when the body parser ran ahead of the route; the key check
      // then comes before the schema's findings, as it did.
      const body = {
        value: await parseMapBody(rawBody(req).toString('utf8'), {
          maxDepth: deps.settings.maxJsonDepth,
          validate,
          sliceSize: PARSE_SLICE,
          yieldToEventLoop,
        }).catch((error: unknown) => {
          if (error instanceof ApiError && error.code === 'VALIDATION_FAILED')
            checkKey('integration', key);
          throw error;
        }),
      };
      checkKey('integration', key);
      const detail = await definition(key);
      if (!detail) throw notFound('integration', key);
      const manifest = detail.document as IntegrationManifest;
      if (!manifest.integration.models.some((m) => m.key === model)) {
        throw new ApiError(
          'NOT_FOUND',
          `integration ${JSON.stringify(key)} has no model ${JSON.stringify(model.slice(0, 64))}`,
        );
      }
      const found = findModelMapping(manifest, model);
      if (!found.ok) throw new ApiError('NOT_FOUND', found.message);
      const { mapping, entityType } = found;
      const compiled = deps.mapping.compiled({ checksum: detail.checksum, mapping, entityType });
      const mode: MappingMode = body.value.mode ?? 'lenient';
      const { connectionId } = body.value;
      // Records mapped through a connection count as its use (the connection's last_used_at).
      if (connectionId !== undefined) {
        const touched = await deps.userData?.connections.touchConnection(connectionId, {
          integrationType: key,
        });
        if (!touched)
          throw new ApiError(
            'NOT_FOUND',
            `connection ${connectionId} is not an active connection of integration ${JSON.stringify(key)}`,
          );
      }
      let ok = 0;
      let warnings = 0;
      let errors = 0;
      const records = body.value.records;
      // The results are serialized record by record as they are mapped (the same bytes as
      // JSON.stringify of the whole answer), so the serialization is spread over the slices
      // below instead of one long stringify at the end, and no result objects are kept.
      const parts: string[] = [];
      for (let index = 0; index < records.length; index++) {
        // Hand the event loop back between slices, so probes and catalog reads answer
        // between the slices of a large batch instead of after all of it.
        if (index > 0 && index % MAP_SLICE === 0) await yieldToEventLoop();
        const result = compiled.apply(records[index], mode);
        if (result.ok) ok++;
        const findings = result.findings;
        for (let i = 0; i < findings.length; i++) {
          if (findings[i]?.severity === 'error') errors++;
          else warnings++;
        }
        parts.push(
          `${index === 0 ? '' : ','}{"index":${index},"ok":${result.ok},"attributes":${JSON.stringify(result.attributes)},"findings":${findings.length === 0 ? '[]' : JSON.stringify(findings)}}`,
        );
      }
      const failed = records.length - ok;
      deps.metrics.recordsMapped(key, model, ok, failed);
      const head = answerHead({ key, model, mode, detail, entityType: entityType.key, compiled });
      const counts = JSON.stringify({ records: records.length, ok, failed, warnings, errors });
      sendJsonText(res, `${head.slice(0, -1)},"results":[${parts.join('')}],"counts":${counts}}`);
    },
  );
  return router;
}
