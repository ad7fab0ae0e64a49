import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidRevenueError, Ledger, RevenueConflictError, formatDecimal, parseDecimal, usdToRao } from '../../../src/economy';

describe('revenue', () => {
  let dir: string;
  let ledger: Ledger;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pog-ledger-revenue-'));
    ledger = Ledger.open(dir, { now: () => new Date('2026-05-01T12:00:00Z') });
  });
  afterEach(() => {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('converts USD at the recorded rate exactly, rounding down to the rao', () => {
    const { revenue, added } = ledger.addRevenue({ id: 'job-1', usd: '100', usdPerTao: '400', source: 'api' });
    expect(added).toBe(true);
    expect(revenue).toMatchObject({ id: 'job-1', currency: 'USD', amount: '100', usdPerTao: '400', taoRao: 250_000_000n, source: 'api', time: '2026-05-01T12:00:00.000Z' });
    expect(ledger.addRevenue({ id: 'job-2', usd: '1', usdPerTao: '3' }).revenue.taoRao).toBe(333_333_333n);
    expect(ledger.addRevenue({ id: 'job-3', usd: '0.000000001', usdPerTao: '0.5' }).revenue.taoRao).toBe(2n);
    expect(ledger.addRevenue({ id: 'tao-1', tao: '1.5' }).revenue).toMatchObject({ currency: 'TAO', amount: '1.5', usdPerTao: null, taoRao: 1_500_000_000n });
  });

  it('is idempotent on the id and refuses the id with other content', () => {
    ledger.addRevenue({ id: 'job-1', usd: '10.50', usdPerTao: '350', source: 'api' });
    const again = ledger.addRevenue({ id: 'job-1', usd: '10.5', usdPerTao: '350.0', source: 'api' });
    expect(again.added).toBe(false);
    expect(ledger.state.revenues.size).toBe(1);
    expect(() => ledger.addRevenue({ id: 'job-1', usd: '11', usdPerTao: '350', source: 'api' })).toThrow(RevenueConflictError);
    expect(() => ledger.addRevenue({ id: 'job-1', tao: '10.5' })).toThrow(/already recorded with other content/);
  });

  it('gives revenue without an id a fresh one', () => {
    const a = ledger.addRevenue({ tao: '1' }).revenue.id;
    const b = ledger.addRevenue({ tao: '1' }).revenue.id;
    expect(a).toMatch(/^rev-\d+-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });

  it.each([
    [{ usd: '10' }, /needs the USD\/TAO rate/],
    [{ usd: '10', tao: '1', usdPerTao: '1' }, /either in USD .* or in TAO/],
    [{}, /either in USD .* or in TAO/],
    [{ tao: '1', usdPerTao: '300' }, /only used with USD revenue/],
    [{ tao: '-1' }, /non-negative decimal/],
    [{ tao: '0' }, /more than 0/],
    [{ tao: '1e3' }, /non-negative decimal/],
    [{ tao: '0.0000000001' }, /more than 9 decimals/],
    [{ usd: '10', usdPerTao: '0' }, /rate must be more than 0/],
    [{ usd: '0.000000001', usdPerTao: '1000' }, /less than 1 rao/],
    [{ id: 'has space', tao: '1' }, /printable characters without spaces/],
  ])('refuses %j', (input, message) => {
    expect(() => ledger.addRevenue(input)).toThrow(InvalidRevenueError);
    expect(() => ledger.addRevenue(input)).toThrow(message);
    expect(ledger.state.revenues.size).toBe(0);
  });

  it('has exact decimal helpers', () => {
    expect(parseDecimal('x', '012.50')).toBe(12_500_000_000n);
    expect(formatDecimal(12_500_000_000n)).toBe('12.5');
    expect(formatDecimal(-1n)).toBe('-0.000000001');
    expect(usdToRao(parseDecimal('u', '7'), parseDecimal('r', '2'))).toBe(3_500_000_000n);
  });
});
