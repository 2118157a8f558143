// Small pieces shared by the pages: async loading, errors, headings, tags, breadcrumbs.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';

/** Runs `load` when `deps` change; returns `{ data, error, loading, reload }`. */
export function useAsync(load, deps) {
  const [state, setState] = useState({ data: undefined, error: undefined, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}

/** The page's one h1. Takes focus when the route changes so screen readers announce the new page. */
export function PageTitle({ children, title }) {
  const ref = useRef(null);
  useEffect(() => {
    document.title = `${title} · Regsync`;
    if (window.__regsyncRouted) ref.current?.focus({ preventScroll: false });
  }, [title]);
  return html`<h1 tabindex="-1" ref=${ref}>${children}</h1>`;
}

export function Loading({ what }) {
  return html`<p aria-busy="true">Loading ${what}…</p>`;
}

/** An API error in plain words, with the details and the request id for a bug report. */
export function ErrorBox({ error, onRetry }) {
  if (!error) return null;
  return html`<div class="error-box" role="alert">
    <p><strong>Something went wrong.</strong> ${error.message}</p>
    ${error.details?.length ? html`<ul>${error.details.map((d) => html`<li><code>${d}</code></li>`)}</ul>` : null}
    ${error.requestId ? html`<p class="muted"><small>Request id: <code>${error.requestId}</code></small></p>` : null}
    ${onRetry ? html`<button type="button" class="secondary" onClick=${onRetry}>Try again</button>` : null}
  </div>`;
}

export function Tags({ tags, label = 'Tags' }) {
  if (!tags?.length) return null;
  return html`<ul class="tags" aria-label=${label}>${tags.map((t) => html`<li>${t}</li>`)}</ul>`;
}

/** A comma-separated list, or a dash when empty. */
export function list(values) {
  return values?.length ? values.join(', ') : '—';
}

export function Breadcrumbs({ items }) {
  return html`<nav aria-label="Breadcrumb" class="breadcrumbs">
    <ul>
      ${items.map((item, i) =>
        i === items.length - 1 ? html`<li><span aria-current="page">${item.label}</span></li>` : html`<li><a href=${item.href}>${item.label}</a></li>`,
      )}
    </ul>
  </nav>`;
}

export const CATEGORY_LABELS = {
  'data-source': 'Data source',
  'notification-channel': 'Notification channel',
  template: 'Template',
};

export function categoryLabel(category) {
  return CATEGORY_LABELS[category] ?? category ?? '';
}

/** `#/integrations/hubspot`-style links. */
export function definitionHref(kind, key) {
  return `#/${kind === 'integration' ? 'integrations' : 'templates'}/${encodeURIComponent(key)}`;
}

export function entityTypeHref(kind, key, type) {
  return `${definitionHref(kind, key)}/entity-types/${encodeURIComponent(type)}`;
}

/** A revision shortened for reading: 12 hex digits of a sha, or of a sha256: digest. */
export function shortRevision(revision) {
  if (!revision) return '—';
  return revision.startsWith('sha256:') ? `sha256:${revision.slice(7, 19)}` : revision.slice(0, 12);
}

/** A timestamp in the reader's locale, with the ISO form as a tooltip. */
export function Time({ iso }) {
  if (!iso) return html`<span>—</span>`;
  const date = new Date(iso);
  return html`<time datetime=${iso} title=${iso}>${date.toLocaleString()}</time>`;
}

export function duration(ms) {
  if (ms == null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
