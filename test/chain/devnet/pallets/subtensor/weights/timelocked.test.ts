import { blake2AsHex, decodeAddress } from '@polkadot/util-crypto';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { devBeaconPublicKey, devBeaconSignature } from '../../../../../../src/chain/devnet/pallets/drand';
import { timelockedWeightsArea } from '../../../../../../src/chain/devnet/pallets/subtensor/timelocked-weights';
import { encodeWeightsPayload, encryptToRound, openBeacon, SUPPORTED_SCHEME_ID } from '../../../../../../src/chain/timelock';
import { encodeU64, encodeVecU16 } from '../../../../../../src/chain/weights/commit-hash';
import { Bench, addr } from './bench';

/**
 * Commit-reveal v4 on the dev chain: `commit_timelocked_weights` and the per-block reveal by
 * decryption. netuid 1, tempo 10: blocks 0–8 are epoch 0, 9–19 epoch 1, 20–30 epoch 2; with
 * RevealPeriodEpochs 1, a commit of epoch 0 is revealed in blocks 9–19 once its round's pulse is
 * on chain. Each reveal failure is silent as on subtensor: the commit is gone, no weights, no event.
 */
const V1 = addr('V1');
const V2 = addr('V2');
const M1 = addr('M1');
const ROUND = 40;
const beacon = openBeacon({ publicKey: devBeaconPublicKey(), period: 3, genesisTime: 1_700_000_000, schemeId: SUPPORTED_SCHEME_ID, beaconId: 'test', hash: new Uint8Array(32) });

function commitFor(hotkey: string, opts: { round?: number; uids?: number[]; values?: number[] } = {}): Uint8Array {
  const payload = encodeWeightsPayload({ hotkey: decodeAddress(hotkey), uids: opts.uids ?? [1, 2], values: opts.values ?? [10, 30], versionKey: 0n });
  return encryptToRound(beacon, payload, opts.round ?? ROUND);
}

function pulse(b: Bench, round: number): void {
  const signature = devBeaconSignature(round);
  b.storage.set('Drand', 'Pulses', [round], { round, randomness: hex(new Uint8Array(32)), signature: hex(signature) });
}

async function subnet(): Promise<Bench> {
  const b = await Bench.create();
  b.addSubnet(1, { tempo: 10, commitReveal: true });
  b.write('MinAllowedWeights', [1], 1);
  b.write('WeightsSetRateLimit', [1], 0);
  b.addNeuron(1, V1, { permit: true, stake: 1_000_000_000n });
  b.addNeuron(1, V2, { permit: true });
  b.addNeuron(1, M1);
  b.block = 3;
  return b;
}

function runBlock(b: Bench, block: number): void {
  b.block = block;
  timelockedWeightsArea.onInitialize!(b.context());
}

const hex = (b: Uint8Array) => u8aToHex(b);
const revealedEvents = (b: Bench) => b.events.filter((e) => e.event === 'TimelockedWeightsRevealed');

describe('commit_timelocked_weights', () => {
  it('is Pays::No; stores (who, block, commit, round) under (netuid, epoch), emits the blake2 hash and stamps LastUpdate', async () => {
    expect(timelockedWeightsArea.calls?.commit_timelocked_weights?.paysFee).toBe(false);
    const b = await subnet();
    const commit = commitFor(V1);
    expect(b.dispatch(V1, 'commitTimelockedWeights', 1, hex(commit), ROUND, 4)).toEqual({ ok: true });
    const stored = b.read('TimelockedWeightCommits', [1, 0]) as [string, number, string, number][];
    expect(stored).toHaveLength(1);
    expect(stored[0]![0]).toBe(V1);
    expect(stored[0]![1]).toBe(3);
    expect(stored[0]![3]).toBe(ROUND);
    expect(b.read('LastUpdate', [1])).toEqual([3, 0, 0]);
    expect(b.events).toEqual([{ pallet: 'SubtensorModule', event: 'TimelockedWeightsCommitted', fields: [V1, 1, blake2AsHex(commit, 256), ROUND] }]);
  });

  it('refuses the wrong version, commit-reveal off, an unregistered hotkey, and an 11th commit in an epoch', async () => {
    const b = await subnet();
    expect(b.dispatch(V1, 'commitTimelockedWeights', 1, hex(commitFor(V1)), ROUND, 3)).toEqual({ ok: false, error: 'SubtensorModule.IncorrectCommitRevealVersion' });
    expect(b.dispatch(addr('Nobody'), 'commitTimelockedWeights', 1, hex(commitFor(V1)), ROUND, 4)).toEqual({ ok: false, error: 'SubtensorModule.HotKeyNotRegisteredInSubNet' });
    for (let i = 0; i < 10; i++) expect(b.dispatch(V1, 'commitTimelockedWeights', 1, hex(commitFor(V1)), ROUND, 4)).toEqual({ ok: true });
    expect(b.dispatch(V1, 'commitTimelockedWeights', 1, hex(commitFor(V1)), ROUND, 4)).toEqual({ ok: false, error: 'SubtensorModule.TooManyUnrevealedCommits' });
    // the limit is per hotkey
    expect(b.dispatch(V2, 'commitTimelockedWeights', 1, hex(commitFor(V2)), ROUND, 4)).toEqual({ ok: true });
    b.write('CommitRevealWeightsEnabled', [1], false);
    expect(b.dispatch(V1, 'commitTimelockedWeights', 1, hex(commitFor(V1)), ROUND, 4)).toEqual({ ok: false, error: 'SubtensorModule.CommitRevealDisabled' });
  });

  it('CommittingWeightsTooFast inside the rate limit', async () => {
    const b = await subnet();
    b.write('WeightsSetRateLimit', [1], 5);
    b.write('LastUpdate', [1], [1, 0, 0]);
    expect(b.dispatch(V1, 'commitTimelockedWeights', 1, hex(commitFor(V1)), ROUND, 4)).toEqual({ ok: false, error: 'SubtensorModule.CommittingWeightsTooFast' });
  });
});

describe('the reveal by decryption', () => {
  it('decrypts in the reveal epoch with the round pulse and sets the weights: not earlier', async () => {
    const b = await subnet();
    b.dispatch(V1, 'commitTimelockedWeights', 1, hex(commitFor(V1)), ROUND, 4);
    pulse(b, ROUND);
    runBlock(b, 8); // still the commit epoch
    expect(b.read('Weights', [1, 0])).toEqual([]);
    runBlock(b, 9);
    expect(b.read('Weights', [1, 0])).toEqual([[1, 21_845], [2, 65_535]]);
    expect(b.read('TimelockedWeightCommits', [1, 0])).toEqual([]);
    expect(revealedEvents(b).map((e) => e.fields)).toEqual([[1, V1]]);
  });

  it('retries each block of the reveal epoch until the pulse is on chain', async () => {
    const b = await subnet();
    b.dispatch(V1, 'commitTimelockedWeights', 1, hex(commitFor(V1)), ROUND, 4);
    runBlock(b, 9);
    runBlock(b, 12);
    expect(b.read('Weights', [1, 0])).toEqual([]);
    expect(b.read('TimelockedWeightCommits', [1, 0])).toHaveLength(1);
    pulse(b, ROUND);
    runBlock(b, 13);
    expect(b.read('Weights', [1, 0])).toEqual([[1, 21_845], [2, 65_535]]);
  });

  it('drops a commit whose pulse never came once its reveal epoch is over', async () => {
    const b = await subnet();
    b.dispatch(V1, 'commitTimelockedWeights', 1, hex(commitFor(V1)), ROUND, 4);
    runBlock(b, 19);
    expect(b.read('TimelockedWeightCommits', [1, 0])).toHaveLength(1);
    runBlock(b, 20);
    expect(b.read('TimelockedWeightCommits', [1, 0])).toEqual([]);
    pulse(b, ROUND);
    runBlock(b, 21);
    expect(b.read('Weights', [1, 0])).toEqual([]);
    expect(revealedEvents(b)).toEqual([]);
  });

  it('drops silently: a ciphertext for another round, garbage bytes, another hotkey\'s payload; the good commit still lands', async () => {
    const b = await subnet();
    b.dispatch(V2, 'commitTimelockedWeights', 1, hex(commitFor(V2, { round: ROUND + 1 })), ROUND, 4); // encrypted to the wrong round
    b.dispatch(V2, 'commitTimelockedWeights', 1, hex(new Uint8Array(300).fill(9)), ROUND, 4); // not a TLECiphertext
    b.dispatch(V2, 'commitTimelockedWeights', 1, hex(commitFor(V1, { uids: [2], values: [1] })), ROUND, 4); // V1's payload, committed by V2
    b.dispatch(V1, 'commitTimelockedWeights', 1, hex(commitFor(V1)), ROUND, 4);
    pulse(b, ROUND);
    pulse(b, ROUND + 1);
    b.events.length = 0;
    runBlock(b, 9);
    expect(b.read('Weights', [1, 1])).toEqual([]);
    expect(b.read('Weights', [1, 0])).toEqual([[1, 21_845], [2, 65_535]]);
    expect(revealedEvents(b).map((e) => e.fields)).toEqual([[1, V1]]);
    expect(b.read('TimelockedWeightCommits', [1, 0])).toEqual([]);
  });

  it('applies the legacy payload (uids, values, version_key) the chain still decodes', async () => {
    const b = await subnet();
    const legacy = u8aConcat(encodeVecU16([2]), encodeVecU16([5]), encodeU64(0n));
    b.dispatch(V2, 'commitTimelockedWeights', 1, hex(encryptToRound(beacon, legacy, ROUND)), ROUND, 4);
    pulse(b, ROUND);
    runBlock(b, 9);
    expect(b.read('Weights', [1, 1])).toEqual([[2, 65_535]]);
  });

  it('drops weights the chain refuses (a miner without a permit)', async () => {
    const b = await subnet();
    b.dispatch(M1, 'commitTimelockedWeights', 1, hex(commitFor(M1)), ROUND, 4);
    pulse(b, ROUND);
    runBlock(b, 9);
    expect(b.read('Weights', [1, 2])).toEqual([]);
    expect(revealedEvents(b)).toEqual([]);
    expect(b.read('TimelockedWeightCommits', [1, 0])).toEqual([]);
  });
});
