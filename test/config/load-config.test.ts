import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchConfigSchema, ConfigError, loadConfig } from '../../src/config';

const dir = mkdtempSync(join(tmpdir(), 'pog-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadConfig', () => {
  it('applies defaults, then the file, then env, then flags', () => {
    const path = file('a.json', JSON.stringify({ device: 'cuda', repeat: 5, threads: 3 }));
    const config = loadConfig(benchConfigSchema, { file: path, env: { threads: 4 }, flags: { repeat: 7, threads: undefined } });
    expect(config).toEqual({ device: 'cuda', deviceId: 0, repeat: 7, threads: 4, json: false, logLevel: 'warn' });
  });

  it('names the key that is wrong', () => {
    expect(() => loadConfig(benchConfigSchema, { flags: { device: 'tpu' } })).toThrow(ConfigError);
    expect(() => loadConfig(benchConfigSchema, { flags: { repeat: 0 } })).toThrow(/repeat/);
    expect(() => loadConfig(benchConfigSchema, { flags: { colour: 'blue' } })).toThrow(/colour|Unrecognized/);
  });

  it('reports unreadable and malformed files with their path', () => {
    expect(() => loadConfig(benchConfigSchema, { file: join(dir, 'missing.json') })).toThrow(/cannot read config file .*missing\.json/);
    expect(() => loadConfig(benchConfigSchema, { file: file('bad.json', '{"device": ') })).toThrow(/bad\.json is not valid JSON/);
    expect(() => loadConfig(benchConfigSchema, { file: file('list.json', '[1]') })).toThrow(/top level must be an object/);
  });

  it.each(['default.json', 'bench.gpu.example.json'])('the shipped config/%s is valid', (name) => {
    expect(() => loadConfig(benchConfigSchema, { file: join(__dirname, '../../config', name) })).not.toThrow();
  });
});
