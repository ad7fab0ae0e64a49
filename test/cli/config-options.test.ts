import { Command } from 'commander';
import { z } from 'zod';
import { environmentOf, fromCli, loadConfig } from '../../src/config';
import { ConfigOptions } from '../../src/cli/flags/config-options';

/** A config schema with one key of each kind, as a service would declare it. */
const schema = z
  .object({
    netuid: fromCli(z.number().int().min(0).describe('the subnet'), { env: 'T_NETUID' }),
    window: fromCli(z.number().min(0.1).default(6).describe('seconds of the window'), { value: '<seconds>' }),
    preset: fromCli(z.enum(['ci', 'gpu']).default('gpu').describe('parameters')),
    allow: fromCli(z.array(z.string()).default([]).describe('hotkeys served'), { env: 'T_ALLOW', value: '<hotkey>' }),
    setWeights: fromCli(z.boolean().default(true), { flag: 'no-weights', help: 'do not set weights' }),
    metricsPort: fromCli(z.number().int().nullable().default(9101).describe('metrics port'), { flag: 'metrics.port' }),
    fileOnly: z.number().default(3).describe('set in the file only'),
  })
  .strict();

function parse(args: string[]): { values: Record<string, unknown>; command: Command } {
  const options = new ConfigOptions(schema);
  const command = options.addTo(new Command('svc').exitOverride().configureOutput({ writeErr: () => undefined }));
  command.parse(args, { from: 'user' });
  return { values: options.values(command.opts()), command };
}

describe('config options generated from a zod schema', () => {
  it('maps each flag back to its key, by type, and leaves flags not given undefined', () => {
    const { values } = parse(['--netuid', '3', '--window', '0.5', '--allow', 'a,b', '--allow', 'c', '--no-weights', '--metrics.port', 'off']);
    expect(values).toEqual({ netuid: 3, window: 0.5, preset: undefined, allow: ['a', 'b', 'c'], setWeights: false, metricsPort: null });
    expect(parse([]).values).toEqual({ netuid: undefined, window: undefined, preset: undefined, allow: undefined, setWeights: undefined, metricsPort: undefined });
  });

  it('refuses a bad value naming the flag, before the schema sees it', () => {
    expect(() => parse(['--netuid', '1.5'])).toThrow('--netuid takes a whole number, got "1.5"');
    expect(() => parse(['--window', 'soon'])).toThrow('--window takes a number, got "soon"');
    expect(() => parse(['--preset', 'demo'])).toThrow(/Allowed choices are ci, gpu/);
  });

  it('writes help from the description, environment variable and default; a key without fromCli has no flag', () => {
    const help = parse([]).command.helpInformation();
    expect(help).toMatch(/--netuid <n>\s+the subnet \(env T_NETUID\)/);
    expect(help).toMatch(/--window <seconds>\s+seconds of the window \(default: 6\)/);
    expect(help).toMatch(/--allow <hotkey>\s+hotkeys served \(env T_ALLOW; repeat, or comma-separate\)/);
    expect(help).toMatch(/--no-weights\s+do not set weights\n/);
    expect(help).toMatch(/--metrics\.port <n>\s+metrics port \("off" for none; default: 9101\)/);
    expect(help).not.toMatch(/file-only|fileOnly/);
  });

  it('reads the environment by the same declarations, and the schema validates every layer together', () => {
    const env = environmentOf(schema, { T_NETUID: '7', T_ALLOW: 'x, y', UNRELATED: '1' });
    expect(env).toEqual({ netuid: 7, allow: ['x', 'y'] });
    expect(environmentOf(schema, { T_NETUID: '' })).toEqual({});
    const config = loadConfig(schema, { env, flags: parse(['--window', '2']).values });
    expect(config).toEqual({ netuid: 7, window: 2, preset: 'gpu', allow: ['x', 'y'], setWeights: true, metricsPort: 9101, fileOnly: 3 });
    expect(() => loadConfig(schema, { env: environmentOf(schema, { T_NETUID: 'seven' }) })).toThrow(/netuid/);
  });
});
