// #/integrations/:key/entity-types/:type (and templates): the attributes and the relationships touching it.
import { getDefinition } from '../api.js';
import { Breadcrumbs, ErrorBox, Loading, PageTitle, Tags, definitionHref, entityTypeHref, list, useAsync } from '../components.js';
import { html } from '../html.js';
import { RelationshipsTable } from './relationships.js';

/** `format: email`, `pattern: ^[0-9]+$`, `0 ≤ value ≤ 100`, `length ≤ 80`. */
export function describeValidation(v) {
  if (!v) return [];
  const out = [];
  if (v.format) out.push(`format: ${v.format}`);
  if (v.pattern) out.push(`pattern: ${v.pattern}`);
  if (v.minimum != null || v.maximum != null) out.push(`${v.minimum != null ? `${v.minimum} ≤ ` : ''}value${v.maximum != null ? ` ≤ ${v.maximum}` : ''}`);
  if (v.minLength != null || v.maxLength != null) out.push(`${v.minLength != null ? `${v.minLength} ≤ ` : ''}length${v.maxLength != null ? ` ≤ ${v.maxLength}` : ''}`);
  for (const [k, val] of Object.entries(v)) if (!['format', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength'].includes(k)) out.push(`${k}: ${JSON.stringify(val)}`);
  return out;
}

function TypeCell({ def, attr }) {
  const base = attr.dataType === 'reference' && attr.references ? html`reference to <a href=${entityTypeHref(def.kind, def.key, attr.references)}>${attr.references}</a>` : attr.dataType;
  return html`<span>${attr.list ? html`list of ${base}` : base}</span>`;
}

function AttributesTable({ def, entityType }) {
  const pk = entityType.primaryKey ?? (entityType.attributes.some((a) => a.key === 'id') ? 'id' : undefined);
  return html`<div class="table-wrap">
    <table class="stack attributes">
      <caption class="visually-hidden">Attributes of ${entityType.displayName}</caption>
      <thead>
        <tr>
          <th scope="col">Attribute</th><th scope="col">Data type</th><th scope="col">Required</th>
          <th scope="col">Enum values, validation</th><th scope="col">Definition, synonyms</th><th scope="col">Classifications, tags</th>
        </tr>
      </thead>
      <tbody>
        ${entityType.attributes.map(
          (a) => html`<tr id=${`attr-${a.key}`}>
            <th scope="row" data-label="Attribute">
              <span class="attr-name">${a.displayName ?? a.key}</span> <code>${a.key}</code>${a.key === pk ? html` <span class="badge">primary key</span>` : null}
            </th>
            <td data-label="Data type"><${TypeCell} def=${def} attr=${a} /></td>
            <td data-label="Required">${a.required ? html`<strong>required</strong>` : 'optional'}</td>
            <td data-label="Enum values, validation">
              ${a.enumValues?.length ? html`<div class="sub"><span class="sub-label">Enum values:</span> <ul class="chips">${a.enumValues.map((v) => html`<li><code>${v}</code></li>`)}</ul></div>` : null}
              ${describeValidation(a.validation).length ? html`<div class="sub"><span class="sub-label">Validation:</span> <ul class="chips">${describeValidation(a.validation).map((v) => html`<li><code>${v}</code></li>`)}</ul></div>` : null}
              ${a.default !== undefined ? html`<div class="sub"><span class="sub-label">Default:</span> <code>${JSON.stringify(a.default)}</code></div>` : null}
              ${!a.enumValues?.length && !describeValidation(a.validation).length && a.default === undefined ? '—' : null}
            </td>
            <td data-label="Definition, synonyms">
              ${a.semantic?.definition ?? a.description ?? '—'}
              ${a.semantic?.synonyms?.length ? html`<div class="sub"><span class="sub-label">Synonyms:</span> ${list(a.semantic.synonyms)}</div>` : null}
            </td>
            <td data-label="Classifications, tags">
              ${list(a.semantic?.classifications)}
              ${a.semantic?.tags?.length ? html`<div class="sub"><span class="sub-label">Tags:</span> ${list(a.semantic.tags)}</div>` : null}
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function EntityTypePage({ kind, defKey, type }) {
  const def = useAsync(() => getDefinition(kind, defKey), [kind, defKey]);
  const d = def.data;
  const entityType = d?.entityTypes.find((et) => et.key === type);
  const crumbs = [{ href: '#/', label: 'Catalog' }, { href: definitionHref(kind, defKey), label: d?.name ?? defKey }, { label: entityType?.displayName ?? type }];
  if (def.loading) return html`<${Breadcrumbs} items=${crumbs} /><${Loading} what=${`entity type ${type}`} />`;
  if (def.error || !entityType) {
    return html`<${Breadcrumbs} items=${crumbs} />
      <${PageTitle} title=${type}>Entity type ${type}</${PageTitle}>
      ${def.error ? html`<${ErrorBox} error=${def.error} onRetry=${def.reload} />` : html`<div class="error-box" role="alert"><p>${d.name} has no entity type <code>${type}</code>. <a href=${definitionHref(kind, defKey)}>See its entity types</a>.</p></div>`}`;
  }
  const touching = (d.relationships ?? []).filter((r) => r.from === type || r.to === type);
  const models = (d.integration?.models ?? []).filter((m) => m.entityType === type);
  const s = entityType.semantic ?? {};
  return html`
    <${Breadcrumbs} items=${crumbs} />
    <${PageTitle} title=${`${entityType.displayName} (${d.name})`}>${entityType.displayName}</${PageTitle}>
    <p class="lead">${entityType.description ?? ''} <span class="muted">Entity type <code>${entityType.key}</code> of <a href=${definitionHref(kind, defKey)}>${d.name}</a>${entityType.readonly ? ' · read-only' : ' · editable'}.</span></p>
    ${s.definition ? html`<p><strong>Meaning:</strong> ${s.definition}</p>` : null}
    <dl class="facts">
      ${s.classifications?.length ? html`<dt>Classifications</dt><dd>${list(s.classifications)}</dd>` : null}
      ${s.synonyms?.length ? html`<dt>Also called</dt><dd>${list(s.synonyms)}</dd>` : null}
      ${models.length ? html`<dt>Filled by models</dt><dd>${models.map((m, i) => html`${i ? ', ' : ''}<a href=${`#/playground?integration=${encodeURIComponent(defKey)}&model=${encodeURIComponent(m.key)}`}>${m.displayName ?? m.key}</a>`)}</dd>` : null}
    </dl>
    <${Tags} tags=${s.tags} />
    <section aria-labelledby="attributes-heading">
      <h2 id="attributes-heading">Attributes <small class="muted">(${entityType.attributes.length})</small></h2>
      <${AttributesTable} def=${d} entityType=${entityType} />
    </section>
    <section aria-labelledby="rel-heading">
      <h2 id="rel-heading">Relationships</h2>
      ${touching.length ? html`<${RelationshipsTable} def=${d} relationships=${touching} current=${type} />` : html`<p class="muted">No relationship touches this entity type.</p>`}
    </section>
  `;
}
