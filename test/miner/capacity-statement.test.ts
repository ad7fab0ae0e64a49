import { capacityStatementWriter } from '../../src/miner/http/capacity-statement';
import { fixtureCapacity } from './helpers';

/** The cached serialisation is JSON.stringify of the whole statement, byte for byte. */
describe('capacityStatementWriter', () => {
  const capacity = fixtureCapacity();
  for (const netuid of [null, 0, 17]) {
    test(`netuid ${String(netuid)}: the same bytes as JSON.stringify, for each issuedAtMs`, () => {
      const hotkey = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
      const write = capacityStatementWriter({ hotkey, netuid, capacity });
      for (const issuedAtMs of [1, 1_765_000_000_123, Number.MAX_SAFE_INTEGER]) {
        const expected = JSON.stringify({ version: 1, kind: 'pog-capacity-statement', hotkey, netuid, issuedAtMs, capacity });
        expect(write(issuedAtMs).toString('utf8')).toBe(expected);
      }
    });
  }
});
