/**
 * node-postgres, used bare by the feed benchmark: the driver MikroORM already depends on
 * (pinned by @mikro-orm/postgresql), so the benchmark's reference listens exactly as a
 * consumer connected straight to PostgreSQL would, with none of Regsync's code in between.
 * It ships no type declarations; this is the little of its API the benchmark uses.
 */
import { createRequire } from 'node:module';

/** A node-postgres client, as far as LISTEN goes. */
export interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  on(
    event: 'notification',
    listener: (message: { channel: string; payload?: string }) => void,
  ): void;
  end(): Promise<void>;
}

const pg = createRequire(import.meta.url)('pg') as {
  Client: new (options: { connectionString: string }) => PgClient;
};

/** A connected client that LISTENs on `channel` and calls `onNotify` with each payload. */
export async function listenBare(
  connectionString: string,
  channel: string,
  onNotify: (payload: string) => void,
): Promise<PgClient> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  client.on('notification', (m) => {
    if (m.channel === channel) onNotify(m.payload ?? '');
  });
  await client.query(`listen ${channel}`);
  return client;
}
