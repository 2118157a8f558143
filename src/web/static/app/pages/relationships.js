// The relationships table, shared by the definition and entity type pages.
import { entityTypeHref } from '../components.js';
import { html } from '../html.js';

export function RelationshipsTable({ def, relationships, current }) {
  const link = (type) => (type === current ? html`<strong>${type}</strong>` : html`<a href=${entityTypeHref(def.kind, def.key, type)}>${type}</a>`);
  return html`<div class="table-wrap">
    <table class="stack">
      <thead><tr><th scope="col">Relationship</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Cardinality</th><th scope="col">Via</th><th scope="col">Meaning</th></tr></thead>
      <tbody>
        ${relationships.map(
          (r) => html`<tr>
            <td data-label="Relationship"><code>${r.key}</code></td>
            <td data-label="From">${link(r.from)}</td>
            <td data-label="To">${link(r.to)}</td>
            <td data-label="Cardinality">${r.cardinality}</td>
            <td data-label="Via">${r.via ? html`<code>${r.via}</code>` : '—'}</td>
            <td data-label="Meaning">${r.semantic?.definition ?? '—'}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
