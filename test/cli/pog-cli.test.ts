import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The built CLI, exactly as `npx pog` runs it (`npm test` builds first).
const CLI = join(__dirname, '../../dist/src/cli/main.js');

function pog(...args: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, POG_DEBUG: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pog', () => {
  it('lists its commands', () => {
    const { code, stdout } = pog('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: pog/);
    expect(stdout).toMatch(/bench/);
  });

  it('documents every bench flag', () => {
    const { code, stdout } = pog('bench', '--help');
    expect(code).toBe(0);
    for (const flag of ['--device', '--device-id', '--preset', '--datapath', '--threads', '--repeat', '--json', '--config']) expect(stdout).toContain(flag);
    expect(stdout).toContain('npm run setup:cuda');
  });

  it('runs the benchmark and prints one JSON object', () => {
    const { code, stdout, stderr } = pog('bench', '--preset', 'ci', '--repeat', '1', '--threads', '1', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ device: 'cpu', class: 'CPU', verification: { passed: true } });
    for (const key of ['gflops', 'referenceGflops', 'efficiency', 'verifyMs']) {
      expect(typeof report[key]).toBe('number');
      expect(report[key]).toBeGreaterThan(0);
    }
    expect(report.efficiency).toBeCloseTo(report.gflops / report.referenceGflops, 10);
    expect(stderr).toContain('pog bench: reference GEMM');
  });

  it('prints a table by default', () => {
    const { code, stdout } = pog('bench', '--preset', 'ci', '--repeat', '1', '--threads', '1');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^throughput\s+[\d.]+ GFLOP\/s/m);
    expect(stdout).toMatch(/^efficiency\s+[\d.]+% of the reference/m);
    expect(stdout).toMatch(/^verification\s+passed/m);
  });

  it('says in one line how to get the CUDA execution provider', () => {
    const { code, stderr, stdout } = pog('bench', '--device', 'cuda', '--preset', 'ci');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/pog: error: the CUDA execution provider is not installed: run `npm run setup:cuda`/);
    expect(stderr.trim().split('\n').filter((l) => l.startsWith('pog: error'))).toHaveLength(1);
  });

  it('rejects bad flags with one line, a reason and exit code 2', () => {
    const bad = pog('bench', '--device', 'tpu');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/argument 'tpu' is invalid/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const notNumber = pog('bench', '--repeat', 'many');
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toContain('--repeat takes a whole number');
    const unknown = pog('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
  });

  it('reports an invalid config file with exit code 2', () => {
    const { code, stderr } = pog('bench', '--config', join(__dirname, 'no-such-config.json'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/pog: error: cannot read config file/);
  });
});
