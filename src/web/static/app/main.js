// Entry point: the layout (skip link, header navigation, main) and the hash router.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { CatalogPage } from './pages/catalog.js';
import { DefinitionPage } from './pages/definition.js';
import { EntityTypePage } from './pages/entityType.js';
import { PlaygroundPage } from './pages/playground.js';
import { SyncPage } from './pages/sync.js';

/** `#/integrations/hubspot?x=1` -> `{ parts: ['integrations', 'hubspot'], query: URLSearchParams }`. */
export function parseHash(hash) {
  const raw = hash.startsWith('#/') ? hash.slice(2) : '';
  const [path, search = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { parts, query: new URLSearchParams(search) };
}

function route({ parts, query }) {
  const [first, key, sub, type] = parts;
  if (!first) return { nav: 'catalog', view: html`<${CatalogPage} query=${query} />` };
  if (first === 'sync' && !key) return { nav: 'sync', view: html`<${SyncPage} />` };
  if (first === 'playground' && !key) return { nav: 'playground', view: html`<${PlaygroundPage} query=${query} />` };
  if ((first === 'integrations' || first === 'templates') && key) {
    const kind = first === 'integrations' ? 'integration' : 'template';
    if (!sub) return { nav: 'catalog', view: html`<${DefinitionPage} kind=${kind} defKey=${key} />` };
    if (sub === 'entity-types' && type) return { nav: 'catalog', view: html`<${EntityTypePage} kind=${kind} defKey=${key} type=${type} />` };
  }
  return { nav: '', view: html`<${NotFound} />` };
}

function NotFound() {
  useEffect(() => {
    document.title = 'Page not found · Regsync';
  }, []);
  return html`<h1 tabindex="-1">Page not found</h1>
    <p>There is no page at this address. <a href="#/">Back to the catalog</a>.</p>`;
}

const NAV = [
  { id: 'catalog', href: '#/', label: 'Catalog' },
  { id: 'sync', href: '#/sync', label: 'Sync' },
  { id: 'playground', href: '#/playground', label: 'Playground' },
];

function App() {
  // Hashes that are not routes (`#main` from the skip link) leave the page as it is.
  const [hash, setHash] = useState(location.hash.startsWith('#/') ? location.hash : '#/');
  useEffect(() => {
    const onChange = () => {
      if (!location.hash.startsWith('#/') && location.hash !== '') return;
      // From the first navigation on, each page's h1 takes focus (not on the first load).
      window.__regsyncRouted = true;
      setHash(location.hash || '#/');
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const { nav, view } = route(parseHash(hash));
  const skip = (event) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  };
  return html`
    <a class="skip-link" href="#main" onClick=${skip}>Skip to content</a>
    <header class="container site-header">
      <nav aria-label="Main">
        <ul>
          <li><a href="#/" class="brand"><strong>Regsync</strong></a></li>
        </ul>
        <ul>
          ${NAV.map((item) => html`<li><a href=${item.href} aria-current=${nav === item.id ? 'page' : undefined}>${item.label}</a></li>`)}
        </ul>
      </nav>
    </header>
    <main class="container" id="main" tabindex="-1">${view}</main>
    <footer class="container muted">
      <small>Regsync: integration definitions from Git. JSON API at <a href="/openapi.json">/openapi.json</a>.</small>
    </footer>
  `;
}

const root = document.getElementById('root');
root.textContent = '';
render(html`<${App} />`, root);
