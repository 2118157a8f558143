/**
 * What a closure-compiled mapping cannot avoid, measured beside what hand-written code pays:
 * `node --import tsx bench/mapping/accessFloor.ts [records] [rounds]`.
 *
 * A mapping whose keys come from an untrusted manifest reads and writes properties by
 * computed key (`value[key]`, `out[key] = v`), and checks that what it read is an own
 * property; hand-written code uses named access (`p.email`, `out.email = ...`), which V8
 * compiles to one inline-cached load or store per site. This measures, on the benchmark's
 * own contacts, (a) the 17 `properties.*` reads the contact mapping makes, computed-key with
 * the own-property check vs named, and (b) building the 21-key output object by computed
 * keys vs named stores, and (c) the hand-written mapper; then prints the best ratio a
 * closure engine could reach if everything else it does were free. (d) The engine itself,
 * with its generated code (whose reads and stores are named: one site per key) and with
 * the closures alone (`codegen: false`), shows what generating code bought.
 */
import os from 'node:os';
import { applyMapping } from '../../src/mapping/applyMapping.js';
import { compileMapping } from '../../src/mapping/compileMapping.js';
import { defaultPluginRegistry } from '../../src/mapping/plugins/index.js';
import { contactEntity, contactMapping, makeContacts } from './contactMapping.js';
import { mapContactByHand } from './handWritten.js';

const count = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 25);
const records = makeContacts(count) as Array<{ properties: Record<string, unknown> }>;
const hasOwn = Object.prototype.hasOwnProperty;

const READ_KEYS = [
  'email',
  'firstname',
  'lastname',
  'phone',
  'lastmodifieddate',
  'age',
  'hubspotscore',
  'hs_email_optout',
  'lifecyclestage',
  'hs_lead_status',
  'hubspot_owner_id',
  'country',
  'total_revenue',
  // Read twice by the mapping (email and emailDomain, ..., lifecycleStage and isCustomer);
  // `properties.createdate` is not read: `createdAt` comes first in its source list.
  'email',
  'firstname',
  'lastname',
  'lifecyclestage',
];
const OUT_KEYS = [
  'id',
  'email',
  'emailDomain',
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'createdAt',
  'updatedAt',
  'age',
  'score',
  'optedOut',
  'lifecycleStage',
  'leadStatus',
  'companyId',
  'ownerId',
  'isCustomer',
  'country',
  'revenue',
  'archived',
  'source',
];

/** The engine's output prototype: empty, frozen, no Object.prototype (src/mapping/newAttributes.ts). */
class Out {}
Object.setPrototypeOf(Out.prototype, null);
Object.freeze(Out.prototype);

// One closure per key, as the engine compiles one reader per field.
const readers = READ_KEYS.map((key) => (v: Record<string, unknown>) => {
  const w = v[key];
  return w !== undefined && hasOwn.call(v, key) ? w : undefined;
});

const plugins = defaultPluginRegistry();
const generated = compileMapping(contactMapping, contactEntity, { plugins });
const closures = compileMapping(contactMapping, contactEntity, { plugins, codegen: false });

let sink = 0;
const contenders: Record<string, () => void> = {
  'reads, computed key + own check': () => {
    for (let i = 0; i < records.length; i++) {
      const p = (records[i] as { properties: Record<string, unknown> }).properties;
      for (let j = 0; j < readers.length; j++)
        if ((readers[j] as (v: Record<string, unknown>) => unknown)(p) !== undefined) sink++;
    }
  },
  'reads, named': () => {
    for (let i = 0; i < records.length; i++) {
      const p = (records[i] as { properties: Record<string, unknown> }).properties;
      let n = 0;
      if (p.email !== undefined) n++;
      if (p.firstname !== undefined) n++;
      if (p.lastname !== undefined) n++;
      if (p.phone !== undefined) n++;
      if (p.lastmodifieddate !== undefined) n++;
      if (p.age !== undefined) n++;
      if (p.hubspotscore !== undefined) n++;
      if (p.hs_email_optout !== undefined) n++;
      if (p.lifecyclestage !== undefined) n++;
      if (p.hs_lead_status !== undefined) n++;
      if (p.hubspot_owner_id !== undefined) n++;
      if (p.country !== undefined) n++;
      if (p.total_revenue !== undefined) n++;
      if (p.email !== undefined) n++;
      if (p.firstname !== undefined) n++;
      if (p.lastname !== undefined) n++;
      if (p.lifecyclestage !== undefined) n++;
      sink += n;
    }
  },
  'output, computed keys': () => {
    for (let i = 0; i < records.length; i++) {
      const o = new Out() as Record<string, unknown>;
      for (let j = 0; j < OUT_KEYS.length; j++) o[OUT_KEYS[j] as string] = j;
      sink += o.source as number;
    }
  },
  'output, named': () => {
    for (let i = 0; i < records.length; i++) {
      const o = new Out() as Record<string, unknown>;
      o.id = 0;
      o.email = 1;
      o.emailDomain = 2;
      o.firstName = 3;
      o.lastName = 4;
      o.fullName = 5;
      o.phone = 6;
      o.createdAt = 7;
      o.updatedAt = 8;
      o.age = 9;
      o.score = 10;
      o.optedOut = 11;
      o.lifecycleStage = 12;
      o.leadStatus = 13;
      o.companyId = 14;
      o.ownerId = 15;
      o.isCustomer = 16;
      o.country = 17;
      o.revenue = 18;
      o.archived = 19;
      o.source = 20;
      sink += o.source as number;
    }
  },
  'hand-written mapper': () => {
    for (let i = 0; i < records.length; i++)
      sink += mapContactByHand(records[i] as Parameters<typeof mapContactByHand>[0]) ? 1 : 0;
  },
  'engine, generated code': () => {
    for (let i = 0; i < records.length; i++) sink += applyMapping(generated, records[i]).ok ? 1 : 0;
  },
  'engine, closures only': () => {
    for (let i = 0; i < records.length; i++) sink += applyMapping(closures, records[i]).ok ? 1 : 0;
  },
};

const cpu: Record<string, number[]> = {};
for (const [name, run] of Object.entries(contenders)) {
  run();
  run();
  cpu[name] = [];
}
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of Object.entries(contenders)) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    cpu[name]?.push(used.user + used.system);
  }
}
// The fastest round: on a shared machine the least disturbed one (CPU time, microseconds).
const ns = (name: string) => (Math.min(...(cpu[name] ?? [0])) * 1000) / count;
for (const name of Object.keys(contenders))
  console.log(`${name.padEnd(32)} ${ns(name).toFixed(0).padStart(6)} ns per record`);
const extra =
  ns('reads, computed key + own check') -
  ns('reads, named') +
  ns('output, computed keys') -
  ns('output, named');
const hand = ns('hand-written mapper');
console.log(
  `\ncomputed-key access costs ${extra.toFixed(0)} ns a record more than named access; with everything else free, ` +
    `a closure engine would reach at best ${(hand / (hand + extra)).toFixed(2)}x the hand-written mapper (${hand.toFixed(0)} ns a record)`,
);
console.log(
  `the engine reaches ${(hand / ns('engine, generated code')).toFixed(2)}x with its generated code and ${(hand / ns('engine, closures only')).toFixed(2)}x with the closures alone`,
);
console.log(
  `${count.toLocaleString('en-US')} records, fastest of ${rounds} interleaved rounds (CPU time); Node ${process.version}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; sink ${sink > 0 ? 'ok' : 0}`,
);
