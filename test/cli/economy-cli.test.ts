import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The built CLI, exactly as `npx pog` runs it (`npm test` builds first).
const CLI = join(__dirname, '../../dist/src/cli/main.js');

function pog(...args: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, POG_DEBUG: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const errorLines = (stderr: string) => stderr.trim().split('\n').filter((l) => l.startsWith('pog: error'));

describe('pog economy simulate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pog-economy-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is listed and documents every flag', () => {
    expect(pog('--help').stdout).toMatch(/economy/);
    const { code, stdout } = pog('economy', 'simulate', '--help');
    expect(code).toBe(0);
    for (const flag of ['--days', '--seed', '--json', '--chart', '--config']) expect(stdout).toContain(flag);
    expect(stdout).toContain('docs/economy-simulator.md');
  });

  it('prints a summary table of the reference scenario by default', () => {
    const { code, stdout, stderr } = pog('economy', 'simulate');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^scenario\s+180 days, phase 1 = 30 days, seed 1$/m);
    expect(stdout).toMatch(/^supply\s+1\.33 M tokens → [\d.]+ [kM]? ?tokens$/m);
    expect(stdout).toMatch(/^token price\s+\$0\.000750 → \$[\d.]+ \(min \$[\d.]+ on day \d+, max \$[\d.]+ on day \d+\)$/m);
    expect(stdout).toMatch(/^token reserve\s+2\.00 M tokens → /m);
    expect(stdout).toMatch(/^dollar reserve\s+\$0 → \$/m);
    expect(stdout).toMatch(/^bought back\s+[\d.]+ [kM]? ?tokens taken out of circulation/m);
  });

  it('--json prints one object with the config and every daily series, reproducible from --seed', () => {
    const a = pog('economy', 'simulate', '--json', '--days', '45', '--seed', '9');
    expect(a.code).toBe(0);
    const run = JSON.parse(a.stdout);
    expect(run.config).toMatchObject({ days: 45, seed: 9, phaseOneDays: 30 });
    for (const key of ['supply', 'tokenPrice', 'tokenReserve', 'dollarReserve', 'demand', 'income', 'usdBuybackCapital', 'tokensPaid', 'tokensBoughtBack', 'phaseTwoEmission', 'validatorTokensPaid']) {
      expect(run.series[key]).toHaveLength(45);
    }
    expect(run.series.jobsByConsumer['GPU Training']).toHaveLength(45);
    expect(run.summary.supply.start).toBeCloseTo(run.series.supply[0], 9);
    expect(run.final.supply).toBeCloseTo(run.series.supply[44] + run.series.tokensPaid[44] - run.series.tokensBoughtBack[44], 6);
    expect(pog('economy', 'simulate', '--json', '--days', '45', '--seed', '9').stdout).toBe(a.stdout);
    expect(pog('economy', 'simulate', '--json', '--days', '45', '--seed', '10').stdout).not.toBe(a.stdout);
  });

  it('--chart writes the SVG and says where on stderr', () => {
    const file = join(dir, 'economy.svg');
    const { code, stdout, stderr } = pog('economy', 'simulate', '--days', '60', '--chart', file);
    expect(code).toBe(0);
    expect(stderr).toBe(`pog economy: chart written to ${file}\n`);
    expect(stdout).toMatch(/^scenario\s+60 days/m);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    expect(svg.match(/<path /g)).toHaveLength(4);
  });

  it('--config sets model parameters; flags win over the file', () => {
    const file = join(dir, 'model.json');
    writeFileSync(file, JSON.stringify({ buybackModulation: 1, days: 40, seed: 3 }));
    const { code, stdout } = pog('economy', 'simulate', '--config', file, '--days', '35', '--json');
    expect(code).toBe(0);
    const run = JSON.parse(stdout);
    expect(run.config).toMatchObject({ buybackModulation: 1, days: 35, seed: 3 });
    expect(run.series.usdCapital.every((v: number) => v === 0)).toBe(true);
  });

  it('rejects bad input with one clear line and a non-zero exit', () => {
    const zero = pog('economy', 'simulate', '--days', '0');
    expect(zero.code).toBe(2);
    expect(zero.stdout).toBe('');
    expect(errorLines(zero.stderr)).toEqual([expect.stringMatching(/^pog: error: invalid configuration: days: /)]);

    const seed = pog('economy', 'simulate', '--seed', String(2 ** 32));
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(/pog: error: invalid configuration: seed: /);

    const notNumber = pog('economy', 'simulate', '--days', 'many');
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toContain('--days takes a whole number');

    const unwritable = pog('economy', 'simulate', '--chart', join(dir, 'no-such-dir', 'chart.svg'));
    expect(unwritable.code).toBe(1);
    expect(unwritable.stdout).toBe('');
    expect(errorLines(unwritable.stderr)).toEqual([expect.stringMatching(/^pog: error: cannot write chart .*no-such-dir.*chart\.svg: ENOENT/)]);

    const badKey = join(dir, 'bad.json');
    writeFileSync(badKey, JSON.stringify({ buybackModulation: 2 }));
    const bad = pog('economy', 'simulate', '--config', badKey);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/pog: error: invalid configuration: buybackModulation: /);

    const missing = pog('economy', 'simulate', '--config', join(dir, 'missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/pog: error: cannot read config file/);
  });
});
