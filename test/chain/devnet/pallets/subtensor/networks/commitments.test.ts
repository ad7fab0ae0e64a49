import { u8aToHex } from '@polkadot/util';
import { startTestChain, type TestChain } from '../../../support/test-chain';
import { advanceTo, eventNames, openAdminWindow, sudoOutcome } from './support';

/** Commitments `set_commitment`: who may commit, the field limit, and the space budget per epoch. */
describe('Commitments set_commitment', () => {
  let chain: TestChain;
  const miner = () => chain.keyring.addFromUri('//Committer');
  const raw128 = (byte: number) => ({ Raw128: u8aToHex(new Uint8Array(128).fill(byte)) });
  const commit = (fields: unknown[], signer = miner(), netuid = 1) =>
    chain.submit(signer, chain.call('commitments', 'setCommitment', netuid, { fields }));
  const read = (item: string) => chain.read('Commitments', item, [1, miner().address]);

  beforeAll(async () => {
    chain = await startTestChain();
    const { bob } = chain.keys;
    expect((await chain.submit(bob, chain.call('subtensorModule', 'registerNetwork', chain.keyring.addFromUri('//CommitOwner').address))).ok).toBe(true);
    expect((await chain.submit(bob, chain.call('subtensorModule', 'burnedRegister', 1, miner().address))).ok).toBe(true);
    // A long tempo keeps the space-limit checks inside one epoch.
    await openAdminWindow(chain);
    expect(sudoOutcome(chain, await chain.sudo(chain.call('adminUtils', 'sudoSetTempo', 1, 1000)))).toBe('Ok');
  });
  afterAll(() => chain.close());

  it('needs a hotkey registered on the subnet', async () => {
    expect((await commit([{ Raw1: '0x01' }], chain.keys.bob)).error).toBe('commitments.AccountNotAllowedCommit');
    expect((await commit([{ Raw1: '0x01' }], miner(), 0)).error).toBe('commitments.AccountNotAllowedCommit');
  });

  it('stores the commitment free of charge, counting at least 100 bytes', async () => {
    const r = await commit([{ Raw4: '0x01020304' }, { Sha256: u8aToHex(new Uint8Array(32).fill(9)) }]);
    expect(r.ok).toBe(true);
    expect(eventNames(r)).toEqual(['commitments.Commitment', 'system.ExtrinsicSuccess']);
    expect(r.events[0]!.data).toEqual([1, miner().address]);
    expect(read('CommitmentOf')).toEqual({
      deposit: 0,
      block: r.blockNumber,
      info: { fields: [{ raw4: '0x01020304' }, { sha256: u8aToHex(new Uint8Array(32).fill(9)) }] },
    });
    expect(read('LastCommitment')).toBe(r.blockNumber);
    // Epoch index = ⌊(block + netuid + 1) / (tempo + 1)⌋ = 0 for these early blocks.
    expect(read('UsedSpaceOf')).toEqual({ lastEpoch: 0, usedSpace: 100 });
  });

  it('refuses more than MaxFields fields', async () => {
    const r = await commit([{ Raw1: '0x01' }, { Raw1: '0x02' }, { Raw1: '0x03' }, { Raw1: '0x04' }]);
    expect(r.error).toBe('commitments.TooManyFieldsInCommitmentInfo');
  });

  it('limits the bytes committed per epoch to MaxSpace and resets them at the next epoch', async () => {
    expect(chain.read('Commitments', 'MaxSpace')).toBe(3100);
    const three = [raw128(1), raw128(2), raw128(3)];
    // 100 used + 7 × 384 = 2788; the 8th would make 3172 > 3100.
    for (let i = 0; i < 7; i++) expect((await commit(three)).ok).toBe(true);
    expect(read('UsedSpaceOf')).toEqual({ lastEpoch: 0, usedSpace: 2788 });
    const over = await commit(three);
    expect(over.error).toBe('commitments.SpaceLimitExceeded');
    expect(read('UsedSpaceOf')).toEqual({ lastEpoch: 0, usedSpace: 2788 });
    // Epoch 1 of netuid 1 (tempo 1000) starts at block 1001 − 2 = 999.
    advanceTo(chain, 999);
    const next = await commit(three);
    expect(next.blockNumber).toBe(999);
    expect(next.ok).toBe(true);
    expect(read('UsedSpaceOf')).toEqual({ lastEpoch: 1, usedSpace: 384 });
    expect((read('CommitmentOf') as { block: number }).block).toBe(999);
  });

  it('counts timelocked and big raw fields by their byte length', async () => {
    const encrypted = u8aToHex(new Uint8Array(250).fill(7));
    const r = await commit([{ TimelockEncrypted: { encrypted, reveal_round: 5 } }, { BigRaw: u8aToHex(new Uint8Array(150).fill(8)) }, { ResetBondsFlag: null }]);
    expect(r.ok).toBe(true);
    expect(read('UsedSpaceOf')).toEqual({ lastEpoch: 1, usedSpace: 384 + 250 + 150 });
    expect((read('CommitmentOf') as { info: { fields: unknown[] } }).info.fields).toEqual([
      { timelockEncrypted: { encrypted, revealRound: 5 } },
      { bigRaw: u8aToHex(new Uint8Array(150).fill(8)) },
      { resetBondsFlag: null },
    ]);
  });
});
