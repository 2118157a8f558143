// #/ : integrations and templates as cards, narrowed as you type and by category.
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

function Card({ item }) {
  return html`<article class="card">
    <header>
      <h3><a href=${definitionHref(item.kind, item.key)}>${item.name}</a></h3>
      <span class=${`badge badge-${item.category}`}>${categoryLabel(item.category)}</span>
    </header>
    <p class="card-description">${item.description}</p>
    <footer><${Tags} tags=${item.tags} label=${`Tags of ${item.name}`} /></footer>
  </article>`;
}

function Section({ title, id, items, empty }) {
  return html`<section aria-labelledby=${id}>
    <h2 id=${id}>${title} <small class="muted">(${items.length})</small></h2>
    ${items.length ? html`<div class="cards">${items.map((item) => html`<${Card} key=${item.key} item=${item} />`)}</div>` : html`<p class="muted">${empty}</p>`}
  </section>`;
}

/** Keeps the search in the address (without a history entry per keystroke) so links and Back keep it. */
function remember(q, category) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (category) params.set('category', category);
  const search = params.toString();
  history.replaceState(null, '', `#/${search ? `?${search}` : ''}`);
}

export function CatalogPage({ query }) {
  const [q, setQ] = useState(query.get('q') ?? '');
  const [category, setCategory] = useState(query.get('category') ?? '');
  const catalog = useAsync(() => getCatalog(), []);

  const shown = useMemo(() => {
    if (!catalog.data) return { integrations: [], templates: [] };
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const keep = (item) => (!category || item.category === category) && matches(item, words);
    return {
      integrations: catalog.data.integrations.map((i) => ({ ...i, kind: 'integration' })).filter(keep),
      templates: catalog.data.templates.map((t) => ({ ...t, kind: 'template', category: 'template' })).filter(keep),
    };
  }, [catalog.data, q, category]);

  const onInput = (event) => {
    setQ(event.currentTarget.value);
    remember(event.currentTarget.value, category);
  };
  const onCategory = (event) => {
    setCategory(event.currentTarget.value);
    remember(q, event.currentTarget.value);
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
          ${showIntegrations ? html`<${Section} title="Integrations" id="integrations-heading" items=${shown.integrations} empty="No integration matches the search." />` : null}
          ${showTemplates ? html`<${Section} title="Templates" id="templates-heading" items=${shown.templates} empty="No template matches the search." />` : null}
        `
      : null}
  `;
}
