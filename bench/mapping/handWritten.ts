/**
 * The contact mapping written by hand, as a careful developer would for one vendor: the
 * practical speed limit for the engine. It does the same work, checks included (email
 * format, integer age, enum stage, valid dates), and returns a plain object.
 */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/u;
const STAGES = new Map([
  ['subscriber', 'subscriber'],
  ['lead', 'lead'],
  ['opportunity', 'opportunity'],
  ['customer', 'customer'],
]);
const TRUE = new Set(['true', 'yes', '1']);

interface RawContact {
  contact?: unknown;
  createdAt?: unknown;
  id?: unknown;
  archived?: unknown;
  properties?: Record<string, unknown>;
  associations?: { companies?: { results?: Array<{ id?: unknown; type?: unknown }> } };
}

/** Maps one payload; undefined for a record that is not a contact (no id): skipped. */
export function mapContactByHand(payload: RawContact): Record<string, unknown> | undefined {
  const inner = payload.contact;
  const raw =
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? (inner as RawContact)
      : payload;
  if (raw.id === undefined || raw.id === null) return undefined;
  const p = raw.properties ?? {};
  const out: Record<string, unknown> = { id: String(raw.id) };
  if (typeof p.email === 'string') {
    const email = p.email.trim().toLowerCase();
    if (EMAIL.test(email)) out.email = email;
    const at = email.lastIndexOf('@');
    if (at > 0) out.emailDomain = email.slice(at + 1);
  }
  if (typeof p.firstname === 'string') out.firstName = p.firstname;
  if (typeof p.lastname === 'string') out.lastName = p.lastname;
  out.fullName = [p.firstname, p.lastname]
    .filter((s) => typeof s === 'string' && s !== '')
    .join(' ');
  if (typeof p.phone === 'string') out.phone = p.phone;
  const created = Date.parse(String(raw.createdAt ?? p.createdate));
  if (!Number.isNaN(created)) out.createdAt = new Date(created).toISOString();
  const updated = Number(p.lastmodifieddate);
  if (Number.isFinite(updated)) out.updatedAt = new Date(updated).toISOString();
  const age = Number(p.age);
  if (Number.isInteger(age) && age >= 0) out.age = age;
  const score = Number(p.hubspotscore);
  if (Number.isFinite(score)) out.score = score;
  if (typeof p.hs_email_optout === 'string')
    out.optedOut = TRUE.has(p.hs_email_optout.toLowerCase());
  out.lifecycleStage = STAGES.get(String(p.lifecyclestage)) ?? 'other';
  out.leadStatus = (
    typeof p.hs_lead_status === 'string' ? p.hs_lead_status : 'UNKNOWN'
  ).toLowerCase();
  const company = raw.associations?.companies?.results?.find(
    (r) => r.type === 'contact_to_company',
  );
  if (company && company.id !== undefined) out.companyId = company.id;
  const owner = p.hubspot_owner_id;
  if (typeof owner === 'string' || typeof owner === 'number') out.ownerId = owner;
  else if (typeof owner === 'object' && owner !== null)
    out.ownerId = (owner as { id?: unknown }).id;
  out.isCustomer = p.lifecyclestage === 'customer';
  if (typeof p.country === 'string') out.country = p.country.toUpperCase();
  const revenue = Number(p.total_revenue);
  if (Number.isFinite(revenue)) out.revenue = revenue / 100;
  if (typeof raw.archived === 'boolean') out.archived = raw.archived;
  out.source = 'hubspot';
  return out;
}
