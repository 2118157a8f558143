import { describe, expect, it } from 'vitest';
import { diffRegistries, formatDiff } from '../../../src/manifest/diff/index.js';
import type { Manifest } from '../../../src/manifest/types.js';
import { loadPair } from './fixtureDiff.js';

/** Two manifests: acme with a renamed entity type (breaking), beta with only additions. */
function registries(): { base: Map<string, Manifest>; head: Map<string, Manifest> } {
  const renamed = loadPair('entity-type-renamed');
  const added = loadPair('compatible-additions');
  const beta = (m: Manifest | undefined) => ({ ...(m as Manifest), key: 'beta' }) as Manifest;
  return {
    base: new Map([
      ['integrations/acme/manifest.json', renamed.base as Manifest],
      ['integrations/beta/manifest.json', beta(added.base)],
    ]),
    head: new Map([
      ['integrations/beta/manifest.json', beta(added.head)],
      ['integrations/acme/manifest.json', renamed.head as Manifest],
    ]),
  };
}

const EXPECTED = `
<!-- regsync-diff -->
### Regsync registry diff

**1 breaking**, 9 compatible change(s) in 2 manifest(s) between origin/main and HEAD.

#### ⚠️ Breaking changes (1)

These break existing consumers; merge them only on purpose (see \`--allow-breaking\`).

| Manifest | Change | Path | Why |
|---|---|---|---|
| \`integration acme\` | entity type renamed | \`entityTypes/topic\` | Entity type "tag" is now "topic" (100% the same content): records, queries and mappings that name "tag" lose it. |

#### Changes by manifest

**integration acme**: 1 breaking, 1 compatible

|  | Change | Path | Details |
|---|---|---|---|
| ⚠️ | entity type renamed | \`entityTypes/topic\` | Entity type "tag" is now "topic" (100% the same content): records, queries and mappings that name "tag" lose it. |
| ✅ | metadata changed | \`entityTypes/topic/displayName\` | displayName changed; descriptive only, no consumer depends on it. |

**integration beta**: 0 breaking, 8 compatible

|  | Change | Path | Details |
|---|---|---|---|
| ✅ | model added | \`integration/models/deal\` | New model "deal" (becomes "deal"). |
| ✅ | optional config field added | \`integration/connectionConfig/properties/timeout\` | New optional config field "timeout". |
| ✅ | field mapping added | \`mappings/contact/fields/phone\` | Attribute "phone" is now mapped. |
| ✅ | model mapping added | \`mappings/deal\` | Model "deal" now maps to "deal" (1 field(s)). |
| ✅ | optional attribute added | \`entityTypes/contact/attributes/phone\` | New optional attribute "phone" (string). |
| ✅ | enum value added | \`entityTypes/contact/attributes/status/enumValues\` | Enum value(s) "lead" added. |
| ✅ | entity type added | \`entityTypes/deal\` | New entity type "deal" with 1 attribute(s). |
| ✅ | relationship added | \`relationships/companyDeals\` | New relationship "companyDeals" (company → deal, one-to-many). |
`.slice(1);

describe('the markdown report of a registry diff', () => {
  it('is exactly the PR comment: marker, summary, breaking section, per-manifest tables', () => {
    const { base, head } = registries();
    const report = {
      base: 'origin/main',
      head: 'HEAD',
      changes: diffRegistries(base, head),
      undiffable: [],
    };
    expect(formatDiff(report, 'markdown')).toBe(EXPECTED);
  });
});
