/**
 * The real service for the connection and workspace tests: startService (createRuntime on a
 * real database and a real Git registry seeded with the bundled registry, synced), plus an app
 * made by the real createApp with the user-data services wired the way production wires them
 * (createUserDataServices on the runtime's database), on its own loopback port.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../../../src/http/openapi/document.js';
import { userDataSchemas } from '../../../src/http/openapi/userDataSchemas.js';
import type { DatabaseDriverName } from '../../../src/db/openDatabase.js';
import {
  readUserDataSettings,
  type UserDataSettings,
} from '../../../src/config/userDataSettings.js';
import type { UserDataServices } from '../../../src/http/AppDeps.js';
import { readOperatorSettings } from '../../../src/config/operatorSettings.js';
import { createUserDataServices } from '../../../src/main.js';
import { createApp } from '../../../src/http/createApp.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/http/startHttpServer.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { ADMIN_TOKEN, createRegistryRepo, startService, type Service } from '../http/service.js';

export { ADMIN_TOKEN };

/**
 * The registry files of `threema-legacy` (test/fixtures/connections/README.md): the format 1.1
 * Threema manifest whose users' configs held the Gateway credentials. Commit it with
 * `commitAndSync(legacyThreemaFiles())` for tests of generic connection behaviour.
 */
export function legacyThreemaFiles(): Record<string, string> {
  return {
    'integrations/threema-legacy/manifest.json': readFileSync(
      new URL('../../fixtures/connections/threema-legacy/manifest.json', import.meta.url),
      'utf8',
    ),
  };
}
export const PROXY_SECRET = 'proxy-secret-for-tests-0123456789';
/** 32 random-looking bytes, base64 (a repeated byte is refused as a weak key). */
export const SECRET_KEY = createHash('sha256').update('regsync test key 1').digest('base64');
/** Another key, hex. */
export const OTHER_KEY = createHash('sha256').update('regsync test key 2').digest('hex');

/** The user-data settings loadConfig would parse from `env`; throws on a malformed one. */
export function userDataSettings(env: Record<string, string>): UserDataSettings {
  const read = readUserDataSettings(env);
  if (!read.ok) throw new Error(`invalid configuration: ${read.errors.join('; ')}`);
  const operator = readOperatorSettings(env);
  if (!operator.ok) throw new Error(`invalid configuration: ${operator.errors.join('; ')}`);
  return { ...read.settings, operator: operator.settings };
}

export interface UserDataHarness {
  service: Service;
  repo: TestRepo;
  userData: UserDataServices;
  url: string;
  /** A request as the authenticating proxy would forward it for `user` (no user: no identity headers). */
  as(
    user: string | undefined,
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Builds another app on the same runtime with other settings (e.g. no secret key). */
  withEnv(
    env: Record<string, string>,
  ): Promise<{ as: UserDataHarness['as']; close(): Promise<void> }>;
  /** Commits files to the registry, pushes, and runs a sync to completion. */
  commitAndSync(files: Record<string, string | null>): Promise<void>;
  close(): Promise<void>;
}

export async function startUserDataService(
  driver: DatabaseDriverName,
  env: Record<string, string> = {},
  /**
   * `now`: the user-data services' clock (the confirmation tests move it past an expiry).
   * `repo` and `serviceEnv`: the registry and the service's own settings (REGSYNC_SOURCES_FILE
   * for layered registries) instead of a copy of the bundled registry; the caller removes it.
   */
  options: { now?: () => Date; repo?: TestRepo; serviceEnv?: Record<string, string> } = {},
): Promise<UserDataHarness> {
  const repo = options.repo ?? (await createRegistryRepo());
  const service = await startService({
    driver,
    repo,
    ...(options.serviceEnv ? { env: options.serviceEnv } : {}),
  });
  const servers: HttpServerHandle[] = [];
  const build = async (settings: Record<string, string>) => {
    const userData = createUserDataServices({
      db: service.runtime.db,
      settings: userDataSettings(settings),
      ...(options.now ? { now: options.now } : {}),
    });
    const app = createApp({ ...service.http.deps, userData } as Parameters<typeof createApp>[0]);
    const server = await startHttpServer({ port: 0, host: '127.0.0.1', handler: app });
    servers.push(server);
    const as: UserDataHarness['as'] = (user, path, init = {}) =>
      fetch(`${server.url}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(user !== undefined
            ? { 'X-Regsync-User': user, 'X-Regsync-Proxy-Secret': PROXY_SECRET }
            : {}),
          ...init.headers,
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    return { userData, server, as };
  };
  const main = await build({
    REGSYNC_SECRET_KEY: SECRET_KEY,
    REGSYNC_PROXY_SECRET: PROXY_SECRET,
    ...env,
  });
  return {
    service,
    repo,
    userData: main.userData,
    url: main.server.url,
    as: main.as,
    async withEnv(settings) {
      const other = await build(settings);
      return { as: other.as, close: () => other.server.close(2000) };
    },
    async commitAndSync(files) {
      await repo.commit(files);
      await repo.push();
      const run = await service.http.sync.start({ trigger: 'manual' }).done;
      if (run.status !== 'succeeded') throw new Error(`sync ${run.status}: ${JSON.stringify(run)}`);
    },
    async close() {
      for (const server of servers) await server.close(2000);
      await service.close();
      if (!options.repo) await repo.cleanup();
    },
  };
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema({
  $id: 'urn:regsync:openapi',
  components: { schemas: { ...openApiDocument().components.schemas, ...userDataSchemas } },
});

/** Asserts a real response body matches its documented schema (src/http/openapi/userDataSchemas.ts). */
export function expectDocumented(
  schema: keyof typeof userDataSchemas | 'Problem',
  body: unknown,
): void {
  const validate = ajv.getSchema(`urn:regsync:openapi#/components/schemas/${schema}`);
  if (!validate) throw new Error(`no schema ${schema}`);
  if (!validate(body))
    throw new Error(
      `${schema}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 300)}`,
    );
}
