// #/sync : what is served, when the next run is, the last runs, and every manifest's state.
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api.js';
import { ErrorBox, Loading, PageTitle, Time, duration, shortRevision, useAsync } from '../components.js';
import { html } from '../html.js';

const COUNT_KEYS = ['added', 'updated', 'unchanged', 'removed', 'invalid'];

function StatusBadge({ status }) {
  return html`<span class=${`badge status-${status}`}>${status}</span>`;
}

/** `integrations/acme/manifest.json:3:5` */
function location(f) {
  return `${f.file ?? ''}${f.line != null ? `:${f.line}` : ''}${f.column != null ? `:${f.column}` : ''}`;
}

export function FindingsTable({ findings, caption }) {
  return html`<div class="table-wrap">
    <table class="stack findings">
      <caption class="visually-hidden">${caption}</caption>
      <thead><tr><th scope="col">Location</th><th scope="col">Pointer</th><th scope="col">Rule</th><th scope="col">Message</th><th scope="col">Severity</th></tr></thead>
      <tbody>
        ${findings.map(
          (f) => html`<tr>
            <td data-label="Location"><code>${location(f)}</code></td>
            <td data-label="Pointer"><code>${f.pointer || '(document)'}</code></td>
            <td data-label="Rule"><code class="rule">${f.rule}</code></td>
            <td data-label="Message">${f.message}</td>
            <td data-label="Severity"><span class=${`badge severity-${f.severity}`}>${f.severity}</span></td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function Status({ status }) {
  const last = status.lastRun;
  return html`<dl class="facts">
    <dt>Revision served</dt><dd><code title=${status.revision ?? ''}>${shortRevision(status.revision)}</code></dd>
    <dt>Source</dt><dd><code>${status.source?.description ?? '—'}</code>${status.source?.pinnedRevision ? html` (pinned to <code>${status.source.pinnedRevision}</code>)` : null}</dd>
    ${status.source?.gate ? html`<dt>Validation gate</dt><dd>${status.source.gate}</dd>` : null}
    <dt>Running now</dt><dd>${status.running ? 'yes' : 'no'}</dd>
    <dt>Next scheduled run</dt><dd>${status.nextRunAt ? html`<${Time} iso=${status.nextRunAt} />` : 'not scheduled in this process'}</dd>
    <dt>Last run</dt><dd>${last ? html`<${StatusBadge} status=${last.status} /> ${last.reason} · <${Time} iso=${last.startedAt} />${last.message ? html`<br /><small>${last.message}</small>` : null}` : 'none yet'}</dd>
  </dl>`;
}

function Runs({ runs }) {
  if (!runs.length) return html`<p class="muted">No recorded run yet.</p>`;
  return html`<div class="table-wrap">
    <table class="stack runs">
      <thead><tr><th scope="col">Started</th><th scope="col">Trigger</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Counts</th><th scope="col">Duration</th></tr></thead>
      <tbody>
        ${runs.map(
          (r) => html`<tr>
            <td data-label="Started"><${Time} iso=${r.startedAt} /></td>
            <td data-label="Trigger">${r.trigger}</td>
            <td data-label="Status"><${StatusBadge} status=${r.status} /></td>
            <td data-label="Reason">${r.reason}${r.message ? html`<br /><small class="muted">${r.message}</small>` : null}
              ${r.invalid?.length
                ? html`<details>
                    <summary>${r.invalid.length} invalid ${r.invalid.length === 1 ? 'manifest' : 'manifests'}</summary>
                    ${r.invalid.map((m) => html`<p><code>${m.path}</code></p><${FindingsTable} findings=${m.findings} caption=${`Findings of ${m.path}`} />`)}
                  </details>`
                : null}
            </td>
            <td data-label="Counts"><span class="counts">${COUNT_KEYS.filter((k) => r.counts?.[k]).map((k) => `${r.counts[k]} ${k}`).join(', ') || 'no changes'}</span></td>
            <td data-label="Duration">${duration(r.durationMs)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

// The table shows the first page of paths; invalid and never-ingested ones are fetched on
// their own, so a registry of thousands of manifests still lists every one of those.
function Manifests({ manifests, invalid, waiting }) {
  const c = manifests.counts;
  // A path search asks the server (GET /api/v1/manifests?q=), so it finds paths past the first page.
  const [q, setQ] = useState('');
  const search = useAsync(
    () => (q.trim() ? getJson(`/api/v1/manifests?limit=200&q=${encodeURIComponent(q.trim())}`) : Promise.resolve(manifests)),
    [q, manifests],
  );
  const shown = search.data ?? manifests;
  const total = c.active + c.invalid + c.removed + c['never-ingested'];
  return html`
    <section aria-labelledby="invalid-heading">
      <h2 id="invalid-heading">Invalid manifests <small class="muted">(${invalid.length})</small></h2>
      ${invalid.length
        ? html`<p>These manifests failed validation at the newest revision; the last good version of each stays served.</p>
            ${invalid.map(
              (m) => html`<article class="invalid-manifest">
                <h3><code>${m.path}</code></h3>
                <${FindingsTable} findings=${m.findings} caption=${`Findings of ${m.path}`} />
              </article>`,
            )}`
        : html`<p class="ok-note">Every manifest is valid.</p>`}
    </section>
    ${waiting.length > 0 &&
    html`<section aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">Not synced yet <small class="muted">(${waiting.length})</small></h2>
      <p>These manifests are in a revision this instance has seen but not synced, and no version of them is served yet.</p>
      <ul class="waiting">
        ${waiting.map((m) => html`<li><code>${m.path}</code>: ${m.detail}</li>`)}
      </ul>
    </section>`}
    <section aria-labelledby="manifests-heading">
      <h2 id="manifests-heading">Manifests</h2>
      <p class="muted">${c.active} active, ${c.invalid} invalid, ${c.removed} removed, ${c['never-ingested']} never ingested.${shown.nextCursor ? ` The first ${shown.items.length} ${q.trim() ? 'matching ' : ''}paths of ${total} are shown; GET /api/v1/manifests pages through all of them.` : ''}</p>
      <form role="search" class="manifest-search" onSubmit=${(e) => e.preventDefault()}>
        <label>
          Filter paths
          <input type="search" name="path" value=${q} onInput=${(e) => setQ(e.currentTarget.value)} placeholder="Part of a path (e.g. hubspot)" autocomplete="off" aria-describedby="manifest-count" />
        </label>
      </form>
      <p id="manifest-count" class="muted" aria-live="polite">${q.trim() && search.data ? `${shown.items.length}${shown.nextCursor ? '+' : ''} ${shown.items.length === 1 ? 'path matches' : 'paths match'}` : ''}</p>
      <${ErrorBox} error=${search.error} onRetry=${search.reload} />
      <div class="table-wrap">
        <table class="stack manifests">
          <thead><tr><th scope="col">Path</th><th scope="col">State</th><th scope="col">Checksum</th><th scope="col">Updated</th></tr></thead>
          <tbody>
            ${shown.items.map(
              (m) => html`<tr>
                <td data-label="Path">${m.state !== 'removed' && m.key && m.checksum ? html`<a href=${`#/${m.kind === 'template' ? 'templates' : 'integrations'}/${encodeURIComponent(m.key)}`}><code>${m.path}</code></a>` : html`<code>${m.path}</code>`}</td>
                <td data-label="State"><span class=${`badge state-${m.state}`}>${m.state}</span></td>
                <td data-label="Checksum"><code title=${m.checksum ?? ''}>${shortRevision(m.checksum)}</code></td>
                <td data-label="Updated"><${Time} iso=${m.updatedAt} /></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
  `;
}

export function SyncPage() {
  const data = useAsync(async () => {
    const [status, runs, manifests, invalid, waiting] = await Promise.all([
      getJson('/api/v1/sync'),
      getJson('/api/v1/sync/runs?limit=20'),
      getJson('/api/v1/manifests?limit=200'),
      getJson('/api/v1/manifests?state=invalid&limit=1000'),
      getJson('/api/v1/manifests?state=never-ingested&limit=1000'),
    ]);
    return { status, runs: runs.items, manifests, invalid: invalid.items, waiting: waiting.items };
  }, []);
  // While a run is going, look again every few seconds until it has finished.
  const running = data.data?.status.running;
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(data.reload, 3000);
    return () => clearTimeout(timer);
  }, [running, data.data]);
  return html`
    <${PageTitle} title="Sync">Sync</${PageTitle}>
    <p class="lead">How the registry is synced into the catalog. Runs start on a schedule, from the GitHub webhook, or by an administrator (<code>POST /api/v1/sync</code>).</p>
    <p><button type="button" class="secondary outline small" onClick=${data.reload} aria-busy=${data.loading ? 'true' : undefined}>Refresh</button></p>
    <${ErrorBox} error=${data.error} onRetry=${data.reload} />
    ${data.loading && !data.data ? html`<${Loading} what="the sync status" />` : null}
    ${data.data
      ? html`
          <section aria-labelledby="status-heading">
            <h2 id="status-heading">Status</h2>
            <${Status} status=${data.data.status} />
          </section>
          <${Manifests} manifests=${data.data.manifests} invalid=${data.data.invalid} waiting=${data.data.waiting} />
          <section aria-labelledby="runs-heading">
            <h2 id="runs-heading">Recent runs</h2>
            <${Runs} runs=${data.data.runs} />
          </section>
        `
      : null}
  `;
}
