import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './loadConfig.js';
import { readOperatorSettings } from './operatorSettings.js';

const dir = mkdtempSync(join(tmpdir(), 'regsync-operator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('readOperatorSettings', () => {
  it('reads the file by integration and setting, and every REGSYNC_OPERATOR__ variable', () => {
    const path = file(
      'ok.json',
      '{\n  "$schema": "../schemas/operator-settings.schema.json",\n  "telegram": { "botToken": "123456:abc", "port": 8443 }\n}\n',
    );
    const read = readOperatorSettings({
      REGSYNC_OPERATOR_SETTINGS_FILE: path,
      REGSYNC_OPERATOR__THREEMA__GATEWAY_ID: ' *ABCDEFG ',
      REGSYNC_OPERATOR__THREEMA__EMPTY: '',
      OTHER: 'x',
    });
    expect(read).toEqual({
      ok: true,
      settings: {
        file: { telegram: { botToken: '123456:abc', port: 8443 } },
        filePath: path,
        env: { REGSYNC_OPERATOR__THREEMA__GATEWAY_ID: '*ABCDEFG' },
      },
    });
  });

  it('refuses a file that is not strict JSON, with its line and column', () => {
    const path = file('syntax.json', '{\n  "telegram": { "botToken": "x", }\n}\n');
    const read = readOperatorSettings({ REGSYNC_OPERATOR_SETTINGS_FILE: path });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors[0]).toMatch(
      new RegExp(`^REGSYNC_OPERATOR_SETTINGS_FILE ${path}:2:\\d+ json-syntax`),
    );
  });

  it('refuses a file that breaks the schema, naming line, column, pointer and rule, never the value', () => {
    const path = file(
      'schema.json',
      '{\n  "telegram": {\n    "botToken": ["s3cr3t-value"]\n  },\n  "Bad Key": {}\n}\n',
    );
    const read = readOperatorSettings({ REGSYNC_OPERATOR_SETTINGS_FILE: path });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const joined = read.errors.join('\n');
    expect(joined).toContain(`${path}:3:17 schema/type at /telegram/botToken:`);
    expect(joined).toMatch(/:5:3 schema\/propertyNames at \/Bad Key:/);
    expect(joined).not.toContain('s3cr3t-value');
  });

  it('makes loadConfig fail on a missing file, naming the variable', () => {
    const result = loadConfig({ REGSYNC_OPERATOR_SETTINGS_FILE: join(dir, 'nope.json') }, dir);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        `REGSYNC_OPERATOR_SETTINGS_FILE ${join(dir, 'nope.json')} cannot be read (ENOENT)`,
      ]);
  });

  it('hands the settings to the connections through loadConfig', () => {
    const result = loadConfig({ REGSYNC_OPERATOR__TELEGRAM__BOT_TOKEN: 't' }, dir);
    expect(result.ok && result.config.userData.operator?.env).toEqual({
      REGSYNC_OPERATOR__TELEGRAM__BOT_TOKEN: 't',
    });
  });
});
