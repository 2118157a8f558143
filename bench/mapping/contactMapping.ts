/**
 * The benchmark's workload: a HubSpot-contact-like payload generator and a 21-field
 * mapping that uses dot paths, JSONPath, a selection by condition, coercions, a value map,
 * a default, a condition, a concat and a plugin, plus the vendor-data constructs: a single
 * envelope, a record-level `when`, ordered source alternatives and `idOf`; with the same
 * work written by hand and in JSONata.
 */
import type { EntityType, ModelMapping } from '../../src/manifest/types.js';

export const contactEntity: EntityType = {
  key: 'contact',
  displayName: 'Contact',
  attributes: [
    { key: 'id', dataType: 'string', required: true },
    { key: 'email', dataType: 'string', validation: { format: 'email' } },
    { key: 'emailDomain', dataType: 'string' },
    { key: 'firstName', dataType: 'string' },
    { key: 'lastName', dataType: 'string' },
    { key: 'fullName', dataType: 'string' },
    { key: 'phone', dataType: 'string' },
    { key: 'createdAt', dataType: 'datetime' },
    { key: 'updatedAt', dataType: 'datetime' },
    { key: 'age', dataType: 'integer', validation: { minimum: 0 } },
    { key: 'score', dataType: 'number' },
    { key: 'optedOut', dataType: 'boolean' },
    {
      key: 'lifecycleStage',
      dataType: 'enum',
      enumValues: ['subscriber', 'lead', 'opportunity', 'customer', 'other'],
    },
    { key: 'leadStatus', dataType: 'string' },
    { key: 'companyId', dataType: 'string' },
    { key: 'ownerId', dataType: 'string' },
    { key: 'isCustomer', dataType: 'boolean' },
    { key: 'country', dataType: 'string' },
    { key: 'revenue', dataType: 'number' },
    { key: 'archived', dataType: 'boolean' },
    { key: 'source', dataType: 'string' },
  ],
};

export const contactMapping: ModelMapping = {
  model: 'contact',
  entityType: 'contact',
  envelope: { single: 'contact' },
  when: { path: 'id', op: 'exists' },
  fields: {
    id: { source: 'id', transforms: [{ coerce: 'string' }] },
    email: { source: '$.properties.email', transforms: [{ string: 'trim' }, { string: 'lower' }] },
    emailDomain: { source: 'properties.email', transforms: [{ plugin: 'email-domain' }] },
    firstName: { source: 'properties.firstname' },
    lastName: { source: 'properties.lastname' },
    fullName: { concat: { sources: ['properties.firstname', 'properties.lastname'] } },
    phone: { source: 'properties.phone' },
    createdAt: {
      source: ['createdAt', 'properties.createdate'],
      transforms: [{ coerce: 'datetime' }],
    },
    updatedAt: {
      source: 'properties.lastmodifieddate',
      transforms: [{ coerce: 'datetime', from: 'epoch-millis' }],
    },
    age: { source: 'properties.age', transforms: [{ coerce: 'integer' }] },
    score: { source: 'properties.hubspotscore', transforms: [{ coerce: 'number' }] },
    optedOut: { source: 'properties.hs_email_optout', transforms: [{ coerce: 'boolean' }] },
    lifecycleStage: {
      source: 'properties.lifecyclestage',
      transforms: [
        {
          valueMap: {
            subscriber: 'subscriber',
            lead: 'lead',
            opportunity: 'opportunity',
            customer: 'customer',
          },
          fallback: 'other',
        },
      ],
    },
    leadStatus: {
      source: 'properties.hs_lead_status',
      default: 'UNKNOWN',
      transforms: [{ string: 'lower' }],
    },
    companyId: {
      source: '$.associations.companies.results[*]',
      transforms: [
        {
          select: {
            where: { path: 'type', op: 'equals', value: 'contact_to_company' },
            pick: 'id',
          },
        },
      ],
    },
    ownerId: { source: 'properties.hubspot_owner_id', transforms: [{ idOf: 'id' }] },
    isCustomer: {
      source: 'properties.lifecyclestage',
      transforms: [
        {
          if: { op: 'equals', value: 'customer' },
          then: [{ const: true }],
          else: [{ const: false }],
        },
      ],
    },
    country: { source: 'properties.country', transforms: [{ string: 'upper' }] },
    revenue: {
      source: 'properties.total_revenue',
      transforms: [{ coerce: 'decimal', minorUnits: 2 }],
    },
    archived: { source: 'archived' },
    source: { const: 'hubspot' },
  },
};

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Jana', 'Sam', 'Phuong', 'Ada', 'Lin', 'Omar', 'Eva', 'Kofi'];
const LAST = ['Richter', 'Okafor', 'Nguyen', 'Lovelace', 'Chen', 'Haddad', 'Berg', 'Mensah'];
const STAGES = ['subscriber', 'lead', 'opportunity', 'customer', 'salesqualifiedlead'];
const STATUS = ['OPEN_DEAL', 'CONNECTED', 'NEW', null];
const COUNTRIES = ['de', 'us', 'fr', 'gh', 'vn'];

/** `count` HubSpot-like contacts (about 1 KB each), always the same for a seed. */
export function makeContacts(count: number, seed = 42): unknown[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const created = 1_600_000_000_000 + Math.floor(r() * 100_000_000_000);
    const companies = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => ({
      id: String(9_000_000 + Math.floor(r() * 1_000_000)),
      type: k === 0 && r() < 0.3 ? 'contact_to_company_unlabeled' : 'contact_to_company',
    }));
    out.push({
      id: String(50_000 + i),
      properties: {
        company: 'Acme GmbH',
        createdate: new Date(created).toISOString(),
        email: ` ${first}.${last}${i}@Example-${i % 97}.COM`,
        firstname: first,
        lastname: last,
        hs_lead_status: pick(STATUS),
        hs_object_id: String(50_000 + i),
        hubspot_owner_id: '84213377',
        jobtitle: 'Head of Operations',
        lastmodifieddate: String(created + Math.floor(r() * 1_000_000_000)),
        lifecyclestage: pick(STAGES),
        phone: '+49 30 12345678',
        age: String(18 + Math.floor(r() * 60)),
        hubspotscore: String(Math.floor(r() * 1000) / 10),
        hs_email_optout: r() < 0.2 ? 'true' : 'false',
        country: pick(COUNTRIES),
        total_revenue: String(Math.floor(r() * 10_000_000)),
        notes_last_contacted: new Date(created).toISOString(),
        num_notes: String(Math.floor(r() * 20)),
      },
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(created).toISOString(),
      archived: r() < 0.05,
      associations: { companies: { results: companies } },
    });
  }
  return out;
}

/** The same mapping in JSONata (inputs are always well formed, so no error handling). */
export const contactJsonata = `(
  $r := $type(contact) = "object" ? contact : $;
  $exists($r.id) ? $r.{
  "id": $string(id),
  "email": $lowercase($trim(properties.email)),
  "emailDomain": $lowercase($substringAfter($trim(properties.email), "@")),
  "firstName": properties.firstname,
  "lastName": properties.lastname,
  "fullName": $join([properties.firstname, properties.lastname], " "),
  "phone": properties.phone,
  "createdAt": $fromMillis($toMillis(createdAt ? createdAt : properties.createdate)),
  "updatedAt": $fromMillis($number(properties.lastmodifieddate)),
  "age": $number(properties.age),
  "score": $number(properties.hubspotscore),
  "optedOut": $lowercase(properties.hs_email_optout) in ["true", "yes", "1"],
  "lifecycleStage": ($s := $lookup({"subscriber": "subscriber", "lead": "lead", "opportunity": "opportunity", "customer": "customer"}, properties.lifecyclestage); $exists($s) ? $s : "other"),
  "leadStatus": $lowercase(properties.hs_lead_status ? properties.hs_lead_status : "UNKNOWN"),
  "companyId": associations.companies.results[type = "contact_to_company"][0].id,
  "ownerId": $type(properties.hubspot_owner_id) = "object" ? properties.hubspot_owner_id.id : properties.hubspot_owner_id,
  "isCustomer": properties.lifecyclestage = "customer",
  "country": $uppercase(properties.country),
  "revenue": $round($number(properties.total_revenue) / 100, 2),
  "archived": archived,
  "source": "hubspot"
  }
)`;
