// #/playground : map a pasted payload with an integration's mapping and show the attributes and findings.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getCatalog, getDefinition, getJson, postJson } from '../api.js';
import { ErrorBox, Loading, PageTitle, entityTypeHref, useAsync } from '../components.js';
import { html } from '../html.js';

let samples;
/** Sample payloads (the first record of each bundled fixture), fetched once. */
function loadSamples() {
  samples ??= getJson(new URL('../samples.json', import.meta.url).pathname).catch(() => ({}));
  return samples;
}

/** Parses the textarea: one record (an object) or an array of records. Throws ApiError in plain words. */
export function parsePayload(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(`The payload is not valid JSON: ${error.message}. Paste one record (an object) or an array of records.`, { code: 'CLIENT_JSON' });
  }
  const records = Array.isArray(value) ? value : [value];
  if (!records.length) throw new ApiError('The payload is an empty array: add at least one record.', { code: 'CLIENT_EMPTY' });
  const bad = records.findIndex((r) => r === null || typeof r !== 'object' || Array.isArray(r));
  if (bad >= 0) throw new ApiError(`Record ${bad + 1} is not a JSON object: each record must be an object like {"id": "1"}.`, { code: 'CLIENT_NOT_OBJECT' });
  return records;
}

function show(value) {
  return value === undefined ? '' : JSON.stringify(value);
}

/** Mapped attributes in the entity type's attribute order (the mapping's order is arbitrary). */
function ordered(attributes, order) {
  const rank = (k) => (order.indexOf(k) + 1 || order.length + 1);
  return Object.entries(attributes).sort(([a], [b]) => rank(a) - rank(b));
}

function RecordResult({ result, total, order }) {
  return html`<article class=${`record ${result.ok ? 'record-ok' : 'record-failed'}`}>
    <h3>Record ${result.index + 1}${total > 1 ? ` of ${total}` : ''}: ${result.ok ? 'mapped' : 'failed'}</h3>
    <h4>Mapped attributes</h4>
    ${Object.keys(result.attributes).length
      ? html`<div class="table-wrap">
          <table class="mapped">
            <thead><tr><th scope="col">Attribute</th><th scope="col">Value</th></tr></thead>
            <tbody>
              ${ordered(result.attributes, order).map(([k, v]) => html`<tr><th scope="row"><code>${k}</code></th><td><code class="value">${show(v)}</code></td></tr>`)}
            </tbody>
          </table>
        </div>`
      : html`<p class="muted">No attribute was produced.</p>`}
    <h4>Findings</h4>
    ${result.findings.length
      ? html`<div class="table-wrap">
          <table class="stack findings">
            <thead><tr><th scope="col">Attribute</th><th scope="col">Source</th><th scope="col">Rule</th><th scope="col">Message</th><th scope="col">Severity</th></tr></thead>
            <tbody>
              ${result.findings.map(
                (f) => html`<tr>
                  <td data-label="Attribute"><code>${f.attribute ?? '—'}</code></td>
                  <td data-label="Source"><code>${f.source ?? '—'}</code></td>
                  <td data-label="Rule"><code class="rule">${f.rule}</code></td>
                  <td data-label="Message">${f.message}</td>
                  <td data-label="Severity"><span class=${`badge severity-${f.severity}`}>${f.severity}</span></td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`
      : html`<p class="ok-note">No findings.</p>`}
  </article>`;
}

function Results({ answer, order }) {
  const c = answer.counts;
  return html`
    <h2 id="results-heading">Result</h2>
    <p class="summary"><strong>${c.records} ${c.records === 1 ? 'record' : 'records'}: ${c.ok} mapped, ${c.failed} failed</strong>, ${c.errors} ${c.errors === 1 ? 'error' : 'errors'}, ${c.warnings} ${c.warnings === 1 ? 'warning' : 'warnings'} (${answer.mode} mode, entity type <code>${answer.entityType}</code>).</p>
    ${answer.compileWarnings?.length ? html`<div class="warning-box"><p>The mapping compiled with warnings:</p><ul>${answer.compileWarnings.map((w) => html`<li>${w.message ?? JSON.stringify(w)}</li>`)}</ul></div>` : null}
    ${answer.results.map((r) => html`<${RecordResult} key=${r.index} result=${r} total=${answer.results.length} order=${order} />`)}
  `;
}

function attributeOrder(def, entityType) {
  return def?.entityTypes.find((et) => et.key === entityType)?.attributes.map((a) => a.key) ?? [];
}

export function PlaygroundPage({ query }) {
  const catalog = useAsync(() => getCatalog(), []);
  const [integration, setIntegration] = useState(query.get('integration') ?? 'hubspot');
  const [model, setModel] = useState(query.get('model') ?? '');
  const [payload, setPayload] = useState('');
  const [strict, setStrict] = useState(false);
  const [outcome, setOutcome] = useState({ answer: undefined, error: undefined, busy: false });
  const def = useAsync(() => (integration ? getDefinition('integration', integration) : Promise.resolve(undefined)), [integration]);
  const results = useRef(null);

  const models = (def.data?.integration?.models ?? []).filter((m) => (def.data.mappings ?? []).some((x) => x.model === m.key));
  // Keep the model valid for the chosen integration; fill the sample of the chosen model.
  useEffect(() => {
    if (def.data && !models.some((m) => m.key === model)) setModel(models[0]?.key ?? '');
  }, [def.data]);
  useEffect(() => {
    if (!integration || !model) return;
    // A result belongs to the model it was mapped with.
    setOutcome({ answer: undefined, error: undefined, busy: false });
    let live = true;
    loadSamples().then((all) => {
      const sample = all[`${integration}/${model}`];
      if (live) setPayload(sample ? JSON.stringify(sample, null, 2) : '{\n  \n}');
    });
    return () => {
      live = false;
    };
  }, [integration, model]);

  const onSubmit = async (event) => {
    event.preventDefault();
    setOutcome({ answer: undefined, error: undefined, busy: true });
    try {
      const records = parsePayload(payload);
      const path = `/api/v1/integrations/${encodeURIComponent(integration)}/models/${encodeURIComponent(model)}/map`;
      const answer = await postJson(path, { records, mode: strict ? 'strict' : 'lenient' });
      setOutcome({ answer, error: undefined, busy: false });
    } catch (error) {
      setOutcome({ answer: undefined, error, busy: false });
    }
  };
  const resetSample = async () => {
    const sample = (await loadSamples())[`${integration}/${model}`];
    setPayload(sample ? JSON.stringify(sample, null, 2) : '{\n  \n}');
  };
  const integrations = catalog.data?.integrations ?? [];
  const chosenModel = models.find((m) => m.key === model);

  return html`
    <${PageTitle} title="Mapping playground">Mapping playground</${PageTitle}>
    <p class="lead">Paste a vendor payload, pick the integration and model, and see the attributes the mapping produces. Nothing is stored.</p>
    <${ErrorBox} error=${catalog.error} onRetry=${catalog.reload} />
    ${catalog.loading ? html`<${Loading} what="the integrations" />` : null}
    <form class="playground" onSubmit=${onSubmit}>
      <div class="grid">
        <label>
          Integration
          <select name="integration" value=${integration} onChange=${(e) => setIntegration(e.currentTarget.value)}>
            ${integrations.map((i) => html`<option value=${i.key} selected=${i.key === integration}>${i.name}</option>`)}
          </select>
        </label>
        <label>
          Model
          <select name="model" value=${model} onChange=${(e) => setModel(e.currentTarget.value)} disabled=${!models.length}>
            ${models.map((m) => html`<option value=${m.key} selected=${m.key === model}>${m.displayName ?? m.key}</option>`)}
          </select>
        </label>
      </div>
      ${def.error ? html`<${ErrorBox} error=${def.error} onRetry=${def.reload} />` : null}
      ${chosenModel
        ? html`<p class="muted"><small>${chosenModel.description ?? ''} Maps to entity type <a href=${entityTypeHref('integration', integration, chosenModel.entityType)}>${chosenModel.entityType}</a>.</small></p>`
        : null}
      <label for="payload">Payload (one record, or an array of records)</label>
      <textarea id="payload" name="payload" rows="14" spellcheck="false" class="code" value=${payload} onInput=${(e) => setPayload(e.currentTarget.value)} aria-describedby="payload-help"></textarea>
      <small id="payload-help">JSON as the vendor's API returns it. Prefilled with a sample record of the model when one ships with Regsync.</small>
      <fieldset>
        <label>
          <input type="checkbox" role="switch" name="strict" checked=${strict} onChange=${(e) => setStrict(e.currentTarget.checked)} aria-describedby="strict-help" />
          Strict mode
        </label>
        <small id="strict-help">Strict: a record with an error finding fails. Lenient (default): the field is dropped and its finding becomes a warning.</small>
      </fieldset>
      <div class="actions">
        <button type="submit" aria-busy=${outcome.busy ? 'true' : undefined} disabled=${!model || outcome.busy}>Map</button>
        <button type="button" class="secondary outline" onClick=${resetSample} disabled=${!model}>Reset to sample</button>
      </div>
    </form>
    <section ref=${results} aria-live="polite" aria-labelledby="results-heading" class="results">
      ${outcome.error ? html`<h2 id="results-heading">Result</h2><${ErrorBox} error=${outcome.error} />` : null}
      ${outcome.answer ? html`<${Results} answer=${outcome.answer} order=${attributeOrder(def.data, outcome.answer.entityType)} />` : null}
    </section>
  `;
}
