// #/ : integrations and templates as cards, narrowed as you type, by category and (layered registries) by source.
import { useMemo, useState } from 'preact/hooks';
import { getCatalog } from '../api.js';
import { ErrorBox, Loading, PageTitle, Tags, categoryLabel, definitionHref, useAsync } from '../components.js';
import { html } from '../html.js';

const CATEGORIES = [
  { value: '', label: 'All categories' },
  { value: 'data-source', label: 'Data sources' },
  { value: 'notification-channel', label: 'Notification channels' },
  { value: 'template', label: 'Templates' },
];

/** Every word of the query must appear in the item's key, name, description, category, provider or tags. */
export function matches(item, words) {
  const text = [item.key, item.name, item.description, item.category, categoryLabel(item.category), item.provider, ...(item.tags ?? [])].join(' ').toLowerCase();
  return words.every((w) => text.includes(w));
}

/** Source names of the catalog, alphabetical, with how many definitions each serves. */
export function sourcesOf(items) {
  const counts = new Map();
  for (const item of items) counts.set(item.origin, (counts.get(item.origin) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, count]) => ({ name, count }));
}

// The source is shown only when there are several: on a one-source instance it says nothing.
function Card({ item, layered }) {
  return html`<article class="card">
    <header>
      <h3><a href=${definitionHref(item.kind, item.key)}>${item.name}</a></h3>
      <span class=${`badge badge-${item.category}`}>${categoryLabel(item.category)}</span>
      ${layered ? html`<span class="origin">from <strong>${item.origin}</strong></span>` : null}
    </header>
    <p class="card-description">${item.description}</p>
    <footer><${Tags} tags=${item.tags} label=${`Tags of ${item.name}`} /></footer>
  </article>`;
}

function Section({ title, id, items, empty, layered }) {
  return html`<section aria-labelledby=${id}>
    <h2 id=${id}>${title} <small class="muted">(${items.length})</small></h2>
    ${items.length ? html`<div class="cards">${items.map((item) => html`<${Card} key=${item.key} item=${item} layered=${layered} />`)}</div>` : html`<p class="muted">${empty}</p>`}
  </section>`;
}

/** Keeps the search in the address (without a history entry per keystroke) so links and Back keep it. */
function remember(q, category, source) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (category) params.set('category', category);
  if (source) params.set('source', source);
  const search = params.toString();
  history.replaceState(null, '', `#/${search ? `?${search}` : ''}`);
}

export function CatalogPage({ query }) {
  const [q, setQ] = useState(query.get('q') ?? '');
  const [category, setCategory] = useState(query.get('category') ?? '');
  const [source, setSource] = useState(query.get('source') ?? '');
  const catalog = useAsync(() => getCatalog(), []);
  const sources = useMemo(() => (catalog.data ? sourcesOf([...catalog.data.integrations, ...catalog.data.templates]) : []), [catalog.data]);
  const layered = sources.length > 1;

  const shown = useMemo(() => {
    if (!catalog.data) return { integrations: [], templates: [] };
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const keep = (item) => (!category || item.category === category) && (!source || item.origin === source) && matches(item, words);
    return {
      integrations: catalog.data.integrations.map((i) => ({ ...i, kind: 'integration' })).filter(keep),
      templates: catalog.data.templates.map((t) => ({ ...t, kind: 'template', category: 'template' })).filter(keep),
    };
  }, [catalog.data, q, category, source]);

  const onInput = (event) => {
    setQ(event.currentTarget.value);
    remember(event.currentTarget.value, category, source);
  };
  const onCategory = (event) => {
    setCategory(event.currentTarget.value);
    remember(q, event.currentTarget.value, source);
  };
  const onSource = (event) => {
    setSource(event.currentTarget.value);
    remember(q, category, event.currentTarget.value);
  };
  const total = shown.integrations.length + shown.templates.length;
  const showIntegrations = category !== 'template';
  const showTemplates = !category || category === 'template';

  return html`
    <${PageTitle} title="Catalog">Catalog</${PageTitle}>
    <p class="lead">Integrations and data-model templates synced from the Git registry. Open one to see its entity types and attributes, or try a mapping in the <a href="#/playground">playground</a>.</p>
    <form role="search" class="catalog-search" onSubmit=${(e) => e.preventDefault()}>
      <div class="grid">
        <label>
          Search
          <input type="search" name="q" value=${q} onInput=${onInput} placeholder="Name, tag or description (e.g. crm)" autocomplete="off" aria-describedby="result-count" />
        </label>
        <label>
          Category
          <select name="category" value=${category} onChange=${onCategory}>
            ${CATEGORIES.map((c) => html`<option value=${c.value} selected=${c.value === category}>${c.label}</option>`)}
          </select>
        </label>
        ${layered || source
          ? html`<label>
              Source
              <select name="source" value=${source} onChange=${onSource}>
                <option value="" selected=${!source}>All sources</option>
                ${sources.map((s) => html`<option value=${s.name} selected=${s.name === source}>${s.name} (${s.count})</option>`)}
              </select>
            </label>`
          : null}
      </div>
    </form>
    <p id="result-count" class="muted" aria-live="polite" aria-atomic="true">
      ${catalog.data ? `${total} ${total === 1 ? 'result' : 'results'}: ${shown.integrations.length} ${shown.integrations.length === 1 ? 'integration' : 'integrations'}, ${shown.templates.length} ${shown.templates.length === 1 ? 'template' : 'templates'}` : ''}
    </p>
    ${catalog.loading && !catalog.data ? html`<${Loading} what="the catalog" />` : null}
    <${ErrorBox} error=${catalog.error} onRetry=${catalog.reload} />
    ${catalog.data && !catalog.data.integrations.length && !catalog.data.templates.length
      ? html`<p class="warning-box">The catalog is empty: no registry has been synced yet. The <a href="#/sync">sync page</a> shows how the last run went.</p>`
      : null}
    ${catalog.data
      ? html`
          ${showIntegrations ? html`<${Section} title="Integrations" id="integrations-heading" items=${shown.integrations} layered=${layered} empty="No integration matches the search." />` : null}
          ${showTemplates ? html`<${Section} title="Templates" id="templates-heading" items=${shown.templates} layered=${layered} empty="No template matches the search." />` : null}
        `
      : null}
  `;
}
