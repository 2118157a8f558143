/**
 * The worker of the map-load benchmark's pool variant (bench/http/mapPoolServer.ts): does in
 * a piscina worker thread everything the map route does on the event loop, from the raw bytes
 * on: the depth pre-scan, JSON.parse, the envelope check, the compiled mapping per record and
 * the serialization of the answer (the same bytes as the route). The mapping is compiled once
 * per worker, from the manifest parts the server passes as workerData.
 */
import { workerData } from 'node:worker_threads';
import { jsonDepthExceeds } from '../../src/http/jsonDepth.js';
import { applyMapping } from '../../src/mapping/applyMapping.js';
import { compileMapping } from '../../src/mapping/compileMapping.js';
import { defaultPluginRegistry } from '../../src/mapping/plugins/index.js';
import type { EntityType, ModelMapping } from '../../src/manifest/types.js';
import type { MappingMode } from '../../src/mapping/types.js';

interface PoolData {
  integration: string;
  mapping: ModelMapping;
  entityType: EntityType;
  revision: string;
  checksum: string;
  maxRecords: number;
  maxDepth: number;
}

const data = workerData as PoolData;
const compiled = compileMapping(data.mapping, data.entityType, {
  plugins: defaultPluginRegistry(),
});

/** The answer: a status and its JSON text. */
export interface PoolAnswer {
  status: number;
  text: string;
}

const refuse = (detail: string): PoolAnswer => ({
  status: 400,
  text: JSON.stringify({ status: 400, detail }),
});

export default function mapInWorker(bytes: Uint8Array): PoolAnswer {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (jsonDepthExceeds(text, data.maxDepth)) return refuse('JSON nesting too deep');
  let body: { records?: unknown; mode?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return refuse('the body is not valid JSON');
  }
  const records = body.records;
  if (!Array.isArray(records) || records.length < 1 || records.length > data.maxRecords)
    return refuse('records must be an array of 1 to maxRecords objects');
  const mode: MappingMode = body.mode === 'strict' ? 'strict' : 'lenient';
  let ok = 0;
  let warnings = 0;
  let errors = 0;
  const parts: string[] = [];
  for (let index = 0; index < records.length; index++) {
    const result = applyMapping(compiled, records[index], { mode });
    if (result.ok) ok++;
    for (const f of result.findings) {
      if (f.severity === 'error') errors++;
      else warnings++;
    }
    parts.push(
      `${index === 0 ? '' : ','}{"index":${index},"ok":${result.ok},"attributes":${JSON.stringify(result.attributes)},"findings":${JSON.stringify(result.findings)}}`,
    );
  }
  const head = JSON.stringify({
    integration: data.integration,
    model: data.mapping.model,
    entityType: data.entityType.key,
    mode,
    revision: data.revision,
    checksum: data.checksum,
    compileWarnings: compiled.warnings,
  });
  const counts = JSON.stringify({
    records: records.length,
    ok,
    failed: records.length - ok,
    warnings,
    errors,
  });
  return {
    status: 200,
    text: `${head.slice(0, -1)},"results":[${parts.join('')}],"counts":${counts}}`,
  };
}
