import { describe, expect, it } from 'vitest';
import { parseImportLine } from './parseImportLine.js';

const base = { userId: 'u-1', integrationType: 'telegram', config: { chat_id: '1' } };
const problems = (value: unknown) => {
  const result = parseImportLine(typeof value === 'string' ? value : JSON.stringify(value));
  return result.ok ? [] : result.errors.map((e) => [e.pointer, e.rule]);
};

describe('parseImportLine', () => {
  it('reads a full line; null optional fields are absent (what an SQL export writes)', () => {
    const result = parseImportLine(
      JSON.stringify({
        ...base,
        connectedAt: '2025-10-01T09:00:00+02:00',
        disconnectedAt: '2025-10-02T09:00:00Z',
        lastUsedAt: null,
        isActive: false,
        importKey: 'td-001:telegram:u-1',
      }),
    );
    expect(result).toEqual({
      ok: true,
      line: {
        ...base,
        connectedAt: new Date('2025-10-01T07:00:00Z'),
        disconnectedAt: new Date('2025-10-02T09:00:00Z'),
        isActive: false,
        importKey: 'td-001:telegram:u-1',
      },
    });
  });

  it('names each problem by pointer and rule, never by value', () => {
    expect(problems('{"userId": ')).toEqual([['', 'json']]);
    expect(problems([base])).toEqual([['', 'type']]);
    expect(problems({ integrationType: 'Tele gram', config: [], extra: 1 })).toEqual([
      ['/extra', 'additionalProperties'],
      ['/userId', 'required'],
      ['/integrationType', 'pattern'],
      ['/config', 'type'],
    ]);
    expect(problems({ ...base, connectedAt: '2025-10-01', isActive: 'yes' })).toEqual([
      ['/connectedAt', 'format'],
      ['/isActive', 'type'],
    ]);
    expect(problems({ ...base, userId: ' ', importKey: 'k'.repeat(201) })).toEqual([
      ['/userId', 'minLength'],
      ['/importKey', 'maxLength'],
    ]);
    const secret = 'S3cret-value';
    const refused = parseImportLine(JSON.stringify({ ...base, importKey: [secret] }));
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).not.toContain(secret);
  });

  it('keeps isActive and disconnectedAt consistent, and refuses text PostgreSQL cannot store', () => {
    expect(problems({ ...base, isActive: true, disconnectedAt: '2025-10-02T09:00:00Z' })).toEqual([
      ['/isActive', 'disconnected-is-inactive'],
    ]);
    expect(problems({ ...base, isActive: false })).toEqual([['/disconnectedAt', 'required']]);
    expect(
      problems({
        ...base,
        connectedAt: '2025-10-02T09:00:00Z',
        disconnectedAt: '2025-10-01T09:00:00Z',
      }),
    ).toEqual([['/disconnectedAt', 'after-connected-at']]);
    expect(problems({ ...base, config: { chat_id: 'a\u0000b' } })).toEqual([
      ['/config/chat_id', 'storable-text'],
    ]);
  });
});
