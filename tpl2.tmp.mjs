import { PGlite } from '@electric-sql/pglite';
import { cp, rm } from 'node:fs/promises';
const T = () => performance.now();
for (let i = 0; i < 3; i++) {
  await rm(`/tmp/tpl/c${i}`, { recursive: true, force: true });
  let t = T();
  await cp('/tmp/tpl/a/pglite', `/tmp/tpl/c${i}`, { recursive: true });
  const c = T() - t; t = T();
  const q = await PGlite.create(`/tmp/tpl/c${i}`);
  const o = T() - t; t = T();
  const r = await q.query('select count(*) from mikro_orm_migrations');
  console.log('cp', c.toFixed(0), 'create', o.toFixed(0), 'query', (T() - t).toFixed(0), r.rows);
  await q.close();
  t = T();
  const q2 = await PGlite.create(`/tmp/tpl/a/pglite`);
  console.log('plain reopen', (T() - t).toFixed(0)); await q2.close();
}
