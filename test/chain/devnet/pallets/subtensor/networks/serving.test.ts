import type { RpcError } from '../../../../../../src/chain/devnet/rpc/rpc-error';
import { startTestChain, type TestChain } from '../../../support/test-chain';
import { advanceTo, eventNames, free, openAdminWindow } from './support';

/** `serve_axon`: who may serve, address rules, the per-subnet rate limit, and no fee. */
describe('subtensor serve_axon', () => {
  let chain: TestChain;
  const IP_192_168_1_1 = 3_232_235_777n;
  const LOCALHOST = 2_130_706_433n;
  const hotkey = () => chain.keyring.addFromUri('//Server');
  const serve = (netuid: number, ip: bigint, port: number, ipType: number, signer = hotkey()) =>
    chain.submit(signer, chain.call('subtensorModule', 'serveAxon', netuid, 7, ip, port, ipType, 1, 2, 3));
  /** What the pool refused the serve with: subtensor's transaction extension validates serve_axon before it enters the pool. */
  const refusal = async (p: Promise<unknown>) => {
    const e = (await p.then(() => null, (x: unknown) => x)) as RpcError | null;
    return e && { code: e.code, data: e.data };
  };
  const custom = (n: number) => ({ code: 1010, data: `Custom error: ${n}` });

  beforeAll(async () => {
    chain = await startTestChain();
    const { bob } = chain.keys;
    expect((await chain.submit(bob, chain.call('subtensorModule', 'registerNetwork', chain.keyring.addFromUri('//Owner').address))).ok).toBe(true);
    expect((await chain.submit(bob, chain.call('subtensorModule', 'burnedRegister', 1, hotkey().address))).ok).toBe(true);
  });
  afterAll(() => chain.close());

  it('needs a hotkey registered on some subnet', async () => {
    const head = chain.node.headNumber;
    // HotKeyNotRegisteredInNetwork is subtensor's Custom(10); refused in the pool, so no block.
    expect(await refusal(serve(1, IP_192_168_1_1, 8091, 4, chain.keyring.addFromUri('//Stranger')))).toEqual(custom(10));
    expect(chain.node.headNumber).toBe(head);
  });

  it('rejects bad ip types, localhost, out-of-range addresses and port 0', async () => {
    // InvalidIpType has no code of its own: BadRequest (255).
    expect(await refusal(serve(1, IP_192_168_1_1, 8091, 5))).toEqual(custom(255));
    expect(await refusal(serve(1, LOCALHOST, 8091, 4))).toEqual(custom(11));
    expect(await refusal(serve(1, 0xffff_ffffn, 8091, 4))).toEqual(custom(11));
    expect(await refusal(serve(1, 1n, 8091, 6))).toEqual(custom(11));
    expect(await refusal(serve(1, (1n << 128n) - 1n, 8091, 6))).toEqual(custom(11));
    expect(await refusal(serve(1, IP_192_168_1_1, 0, 4))).toEqual(custom(13));
    expect(chain.read('SubtensorModule', 'Axons', [1, hotkey().address])).toBeNull();
  });

  it('stores the axon with its block, free of charge', async () => {
    const r = await serve(1, IP_192_168_1_1, 8091, 4);
    expect(r.ok).toBe(true);
    expect(eventNames(r)).toEqual(['subtensorModule.AxonServed', 'system.ExtrinsicSuccess']);
    expect(r.events[0]!.data).toEqual([1, hotkey().address]);
    expect(free(chain, hotkey().address)).toBe(0n);
    expect(chain.read('SubtensorModule', 'Axons', [1, hotkey().address])).toEqual({
      block: r.blockNumber,
      version: 7,
      ip: 3_232_235_777,
      port: 8091,
      ipType: 4,
      protocol: 1,
      placeholder1: 2,
      placeholder2: 3,
    });
  });

  it('allows one serve per ServingRateLimit blocks on a subnet', async () => {
    const last = (chain.read('SubtensorModule', 'Axons', [1, hotkey().address]) as { block: number }).block;
    expect(chain.read('SubtensorModule', 'ServingRateLimit', [1])).toBe(50);
    advanceTo(chain, last + 49);
    // It would go into block last + 49: ServingRateLimitExceeded, Custom(12), in the pool.
    expect(await refusal(serve(1, 0n, 9000, 4))).toEqual(custom(12));
    chain.node.produceBlock();
    // The zero address is allowed (subtensor allows it for testing).
    const onTime = await serve(1, 0n, 9000, 4);
    expect(onTime.blockNumber).toBe(last + 50);
    expect(onTime.ok).toBe(true);
    expect((chain.read('SubtensorModule', 'Axons', [1, hotkey().address]) as { ip: number; port: number }).port).toBe(9000);
  });

  it('serves again at once when the owner lifts the rate limit', async () => {
    await openAdminWindow(chain);
    const set = await chain.submit(chain.keys.bob, chain.call('adminUtils', 'sudoSetServingRateLimit', 1, 0));
    expect(set.ok).toBe(true);
    expect(set.events.find((e) => e.section === 'subtensorModule')!.data).toEqual([1, 0]);
    expect((await serve(1, IP_192_168_1_1, 9001, 4)).ok).toBe(true);
    expect((await serve(1, IP_192_168_1_1, 9002, 4)).ok).toBe(true);
    expect((chain.read('SubtensorModule', 'Axons', [1, hotkey().address]) as { port: number }).port).toBe(9002);
  });
});
