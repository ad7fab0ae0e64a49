import { Ledger } from '../../src/economy/ledger';
import { buildSnapshot, EvidenceReader, readValidatorState } from '../../src/dashboard';
import { HOTKEYS, NETUID, result, tempDir, VALIDATOR, writeLedger, writeRound } from './fixtures';

describe('dashboard snapshot', () => {
  it('builds the miners table, throughput history and class mix from the validator files', () => {
    const stateDir = tempDir('state');
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.04), result(2, HOTKEYS[1], 150)]);
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.05), result(2, HOTKEYS[1], 0, { outcome: 'failed', code: 'row-mismatch', reason: 'row 17 differs' })]);
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.06), result(2, HOTKEYS[1], 160), result(3, HOTKEYS[2], 0, { outcome: 'unavailable' })]);

    const read = new EvidenceReader(stateDir, 100).read();
    expect(read.errors).toEqual([]);
    expect(read.documents.map((d) => d.round)).toEqual([1, 2, 3]);
    const s = buildSnapshot({ state: readValidatorState(stateDir), evidence: read.documents });

    expect(s.validator).toEqual({ netuid: NETUID, hotkey: VALIDATOR, round: 3 });
    expect(s.miners.map((m) => [m.uid, m.hotkey, m.tflops, m.class, m.outcome])).toEqual([
      [1, HOTKEYS[0], 0.06, 'RTX-4090', 'passed'],
      [2, HOTKEYS[1], 160, 'H100-SXM', 'passed'],
      [3, HOTKEYS[2], 0, null, 'unavailable'],
    ]);
    expect(s.miners[0]!.score).toBeGreaterThan(0);
    expect(s.miners[0]!.passes).toBe(3);
    expect(s.miners[2]!.reason).toBe('no answer in time');
    expect(s.miners[0]!.incentive).toBeNull();

    expect(s.throughput.rounds).toEqual([1, 2, 3]);
    expect(s.throughput.series.map((x) => [x.uid, x.tflops])).toEqual([
      [1, [0.04, 0.05, 0.06]],
      [2, [150, 0, 160]],
      [3, [0, 0, 0]],
    ]);
    expect(s.throughput.svg).toMatch(/^<svg/);
    const path = /data-series="uid-2" d="([^"]+)"/.exec(s.throughput.svg!)![1]!;
    expect(path.split(' L')).toHaveLength(3);

    expect(s.classMix.counts).toEqual([
      { class: 'H100-SXM', count: 1 },
      { class: 'RTX-4090', count: 1 },
      { class: 'unavailable', count: 1 },
    ]);
    expect(s.classMix.svg).toContain('data-class="H100-SXM"');
    expect(s.books).toBeNull();
  });

  it('builds the books series from the ledger', () => {
    const dir = tempDir('ledger');
    writeLedger(dir);
    const ledger = Ledger.open(dir, { readOnly: true });
    const s = buildSnapshot({ ledger: ledger.state });
    ledger.close();
    expect(s.books!.totals).toMatchObject({ revenueTaoRao: '3800000000', spentRao: '2300000000', alphaBurnedRao: '4600000000', unspentRao: '1500000000' });
    expect(s.books!.series.map((p) => [p.revenueTao, p.spentTao, p.alphaBurned])).toEqual([
      [2, 0, 0],
      [2.3, 0, 0],
      [2.3, 2.3, 4.6],
      [3.8, 2.3, 4.6],
    ]);
    expect(s.books!.svg).toContain('data-series="burned"');
    expect(s.miners).toEqual([]);
  });

  it('adds incentive and emission from a metagraph, and the version follows the data only', () => {
    const stateDir = tempDir('chain');
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.04)]);
    const evidence = new EvidenceReader(stateDir, 100).read().documents;
    const metagraph = { netuid: NETUID, block: 500, uids: [0, 1], incentive: [0, 0.75], emission: [0n, 123456789n] } as never;
    const a = buildSnapshot({ evidence, metagraph, now: new Date(1) });
    const b = buildSnapshot({ evidence, metagraph, now: new Date(2) });
    expect(a.miners[0]).toMatchObject({ uid: 1, incentive: 0.75, emissionRao: '123456789', score: null });
    expect(a.chain).toEqual({ netuid: NETUID, block: 500 });
    expect(a.version).toBe(b.version);
    expect(buildSnapshot({ evidence }).version).not.toBe(a.version);
  });

  it('reports a damaged evidence file and keeps the others', () => {
    const stateDir = tempDir('bad');
    writeRound(stateDir, [result(1, HOTKEYS[0], 0.04)]);
    require('node:fs').writeFileSync(`${stateDir}/evidence/round-00000009.json`, '{"checksum":"00","body":{}}');
    const read = new EvidenceReader(stateDir, 100).read();
    expect(read.documents).toHaveLength(1);
    expect(read.errors[0]).toMatch(/fails its checksum/);
  });
});
