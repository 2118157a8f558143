// #/integrations/:key and #/templates/:key : what a definition is, its models and entity types.
import { getDefinition } from '../api.js';
import { Breadcrumbs, ErrorBox, Loading, PageTitle, Tags, Time, categoryLabel, entityTypeHref, list, shortRevision, useAsync } from '../components.js';
import { html } from '../html.js';
import { RelationshipsTable } from './relationships.js';

function Facts({ def }) {
  const i = def.integration;
  const rows = [
    ['Key', html`<code>${def.key}</code>`],
    ['Kind', def.kind === 'integration' ? 'Integration (read-only, changes through Git)' : 'Template (editable copies)'],
    i ? ['Category', categoryLabel(i.category)] : null,
    i ? ['Provider', i.provider] : null,
    i ? ['Sync direction', i.syncDirection] : null,
    i ? ['Authentication', i.authKind] : null,
    def.businessType ? ['Business type', def.businessType] : null,
    ['Version', def.version],
    ['Maintainers', list(def.maintainers)],
    i?.docsUrl ? ['Vendor documentation', html`<a href=${i.docsUrl} rel="noopener noreferrer" target="_blank">${i.docsUrl}</a>`] : null,
    ['Source', html`<a href=${`#/?source=${encodeURIComponent(def.origin)}`} title="Every definition served from this registry source">${def.origin}</a>`],
    ['Manifest', html`<code>${def.path}</code>`],
    ['Revision', html`<code title=${def.revision}>${shortRevision(def.revision)}</code>`],
    ['Updated', html`<${Time} iso=${def.updatedAt} />`],
  ].filter(Boolean);
  return html`<dl class="facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

function Models({ def }) {
  const models = def.integration?.models ?? [];
  if (!models.length) return null;
  const mapped = new Set((def.mappings ?? []).map((m) => m.model));
  return html`<section aria-labelledby="models-heading">
    <h2 id="models-heading">Models</h2>
    <p class="muted">The vendor payloads this integration reads, and the entity type each one is mapped to.</p>
    <div class="table-wrap">
      <table class="stack">
        <thead><tr><th scope="col">Model</th><th scope="col">Entity type</th><th scope="col">Description</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          ${models.map(
            (m) => html`<tr>
              <td data-label="Model"><strong>${m.displayName ?? m.key}</strong> <code>${m.key}</code></td>
              <td data-label="Entity type"><a href=${entityTypeHref(def.kind, def.key, m.entityType)}>${m.entityType}</a></td>
              <td data-label="Description">${m.description ?? '—'}</td>
              <td data-label="Try it">${mapped.has(m.key) ? html`<a href=${`#/playground?integration=${encodeURIComponent(def.key)}&model=${encodeURIComponent(m.key)}`}>Try the mapping</a>` : html`<span class="muted">no mapping</span>`}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

function EntityTypes({ def }) {
  return html`<section aria-labelledby="entity-types-heading">
    <h2 id="entity-types-heading">Entity types</h2>
    <ul class="entity-list">
      ${def.entityTypes.map(
        (et) => html`<li>
          <a href=${entityTypeHref(def.kind, def.key, et.key)}><strong>${et.displayName}</strong></a>${' '}<code>${et.key}</code> <span class="muted">· ${et.attributes.length} attributes${et.readonly ? ' · read-only' : ''}</span>
          ${et.semantic?.definition || et.description ? html`<p>${et.semantic?.definition ?? et.description}</p>` : null}
        </li>`,
      )}
    </ul>
  </section>`;
}

function ExampleQuestions({ def }) {
  if (!def.exampleQuestions?.length) return null;
  return html`<section aria-labelledby="questions-heading">
    <h2 id="questions-heading">Questions this model answers</h2>
    <ul>
      ${def.exampleQuestions.map(
        (q) => html`<li>${q.question} <span class="muted">(${q.entityTypes.map((t, i) => html`${i ? ', ' : ''}<a href=${entityTypeHref(def.kind, def.key, t)}>${t}</a>`)})</span></li>`,
      )}
    </ul>
  </section>`;
}

export function DefinitionPage({ kind, defKey }) {
  const def = useAsync(() => getDefinition(kind, defKey), [kind, defKey]);
  const crumbs = [{ href: '#/', label: 'Catalog' }, { label: def.data?.name ?? defKey }];
  if (def.loading) return html`<${Breadcrumbs} items=${crumbs} /><${Loading} what=${`${kind} ${defKey}`} />`;
  if (def.error) {
    return html`<${Breadcrumbs} items=${crumbs} />
      <${PageTitle} title=${defKey}>${kind === 'integration' ? 'Integration' : 'Template'} ${defKey}</${PageTitle}>
      <${ErrorBox} error=${def.error} onRetry=${def.reload} />`;
  }
  const d = def.data;
  return html`
    <${Breadcrumbs} items=${crumbs} />
    <${PageTitle} title=${d.name}>${d.name}</${PageTitle}>
    <p class="lead">${d.description}</p>
    ${d.semantic?.definition ? html`<p><strong>Meaning:</strong> ${d.semantic.definition}</p>` : null}
    ${d.semantic?.synonyms?.length ? html`<p><strong>Also called:</strong> ${list(d.semantic.synonyms)}</p>` : null}
    <${Tags} tags=${d.tags} />
    <div class="two-col">
      <div>
        <${EntityTypes} def=${d} />
        <${Models} def=${d} />
        <${ExampleQuestions} def=${d} />
      </div>
      <aside aria-labelledby="facts-heading">
        <h2 id="facts-heading">Details</h2>
        <${Facts} def=${d} />
      </aside>
    </div>
    ${d.relationships?.length
      ? html`<section aria-labelledby="relationships-heading">
          <h2 id="relationships-heading">Relationships</h2>
          <${RelationshipsTable} def=${d} relationships=${d.relationships} />
        </section>`
      : null}
  `;
}
