import { epochBlocks, epochIndex, formatIp, parseIp, raoToTao, revealWindow, taoToRao, blocksUntilNextEpoch, InvalidChainInputError } from '../../../src/chain/client';
import { blocksUntilNextEpoch as devnetBlocksUntilNextEpoch, epochIndex as devnetEpochIndex } from '../../../src/chain/devnet/pallets/subtensor/epoch-schedule';

describe('parseIp / formatIp', () => {
  it.each([
    ['0.0.0.0', 0n, 4],
    ['127.0.0.1', 0x7f000001n, 4],
    ['203.0.113.7', 3405803783n, 4],
    ['255.255.255.255', 0xffffffffn, 4],
    ['::', 0n, 6],
    ['::1', 1n, 6],
    ['2001:db8::7', 0x20010db8000000000000000000000007n, 6],
    ['[2001:db8::7]', 0x20010db8000000000000000000000007n, 6],
    ['2001:DB8:0:0:1:0:0:1', 0x20010db8000000000001000000000001n, 6],
    ['::ffff:192.0.2.1', 0xffffc0000201n, 6],
    ['fe80::1:2', 0xfe800000000000000000000000010002n, 6],
  ])('%s → u128 %s, ip_type %d', (text, ip, ipType) => {
    expect(parseIp(text)).toEqual({ ip, ipType });
  });

  it('formats IPv4 dotted and IPv6 compressed (RFC 5952), round-tripping', () => {
    for (const text of ['0.0.0.0', '203.0.113.7', '2001:db8::7', '::1', '::', '2001:db8::1:0:0:1', 'fe80::1:2', '1:2:3:4:5:6:7:8', '2001:db8:0:1:1:1:1:1']) {
      const { ip, ipType } = parseIp(text);
      expect(formatIp(ip, ipType)).toBe(text);
    }
    expect(formatIp(0x20010db8000000000001000000000001n, 6)).toBe('2001:db8::1:0:0:1'); // the first longest zero run
    expect(formatIp(0n, 0)).toBe('0.0.0.0'); // never served
  });

  it('refuses host names and malformed addresses', () => {
    for (const bad of ['localhost', '1.2.3', '256.1.1.1', '1.2.3.4:80', ':::', '']) expect(() => parseIp(bad)).toThrow(InvalidChainInputError);
  });
});

describe('taoToRao / raoToTao', () => {
  it('converts exactly, without floating point', () => {
    expect(taoToRao('1')).toBe(1_000_000_000n);
    expect(taoToRao('0.000000001')).toBe(1n);
    expect(taoToRao('1.5')).toBe(1_500_000_000n);
    expect(taoToRao('21000000.123456789')).toBe(21_000_000_123_456_789n);
    expect(taoToRao(2.25)).toBe(2_250_000_000n);
    expect(taoToRao('3.')).toBe(3_000_000_000n);
    expect(taoToRao('1.100000000')).toBe(1_100_000_000n);
    expect(raoToTao(1_500_000_000n)).toBe('1.5');
    expect(raoToTao(1n)).toBe('0.000000001');
    expect(raoToTao(0n)).toBe('0');
    expect(raoToTao(996_506_448n)).toBe('0.996506448');
  });

  it('refuses negative, non-numeric and over-precise amounts', () => {
    for (const bad of ['-1', 'abc', '1e9', '0.0000000001', '', '.']) expect(() => taoToRao(bad)).toThrow(InvalidChainInputError);
    expect(() => taoToRao(Number.NaN)).toThrow(InvalidChainInputError);
  });
});

describe('epochs and reveal windows', () => {
  it('matches subtensor\'s epoch index and epoch block rule', () => {
    for (const netuid of [0, 1, 3]) {
      for (const tempo of [1, 10, 360]) {
        for (let block = 0; block < 800; block += 7) {
          expect(epochIndex(netuid, tempo, block)).toBe(devnetEpochIndex(netuid, tempo, block));
          expect(blocksUntilNextEpoch(netuid, tempo, block)).toBe(devnetBlocksUntilNextEpoch(netuid, tempo, block));
          // The epoch runs on the last block of an epoch index: the next block has the next index.
          const runs = blocksUntilNextEpoch(netuid, tempo, block) === 0;
          expect(runs).toBe(epochIndex(netuid, tempo, block + 1) === epochIndex(netuid, tempo, block) + 1);
        }
      }
    }
    expect(blocksUntilNextEpoch(1, 0, 5)).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives every block of an epoch the same index, and none outside it', () => {
    const { firstBlock, lastBlock } = epochBlocks(1, 10, 5);
    expect([firstBlock, lastBlock]).toEqual([53, 63]);
    expect(epochIndex(1, 10, firstBlock - 1)).toBe(4);
    for (let b = firstBlock; b <= lastBlock; b++) expect(epochIndex(1, 10, b)).toBe(5);
    expect(epochIndex(1, 10, lastBlock + 1)).toBe(6);
  });

  it('opens a commit\'s reveal RevealPeriodEpochs epochs after the commit\'s epoch', () => {
    expect(revealWindow(1, 10, 1, 50)).toEqual({ commitEpoch: 4, revealEpoch: 5, firstBlock: 53, lastBlock: 63 });
    expect(revealWindow(1, 10, 3, 50)).toEqual({ commitEpoch: 4, revealEpoch: 7, firstBlock: 75, lastBlock: 85 });
    expect(revealWindow(2, 360, 1, 0)).toEqual({ commitEpoch: 0, revealEpoch: 1, firstBlock: 358, lastBlock: 718 });
  });
});
