import { burnedRegister, loadMetagraph, registerSubnet } from '../../src/chain';
import { AXON_PROTOCOL, describeServe, ensureAxonServed } from '../../src/miner';
import { dev, startChain, type Chain } from '../chain/client/helpers';
import { memoryLogger } from './helpers';

/**
 * What the miner reports about its axon is what the chain holds: a serve_axon refused by the
 * ServingRateLimit (in the pool, subtensor's Custom 12) leaves the old endpoint on chain, and
 * the start summary says so instead of printing the new one as "on chain".
 */
describe('the miner\'s axon announcement', () => {
  let chain: Chain;
  let netuid: number;
  const minerHot = dev.key('//ServeOutcomeMinerHot');
  const { logger } = memoryLogger();
  const uidOf = async () => (await loadMetagraph(chain.client, netuid)).hotkeys.indexOf(minerHot.address);
  const axonOnChain = async () => (await loadMetagraph(chain.client, netuid)).axons[await uidOf()]!;

  beforeAll(async () => {
    chain = await startChain();
    ({ netuid } = await registerSubnet(chain.client, { signer: dev.alice(), hotkey: dev.key('//ServeOutcomeOwnerHot').address }));
    await burnedRegister(chain.client, { signer: dev.bob(), netuid, hotkey: minerHot.address });
  });
  afterAll(() => chain.close());

  it('serves, finds the same endpoint unchanged, and reports a rate-limited change as not on chain', async () => {
    const base = { signer: minerHot, netuid, ip: '10.1.2.3', version: 100, logger };
    const first = await ensureAxonServed(chain.client, { ...base, port: 8091, current: await axonOnChain() });
    expect(first.outcome).toBe('served');
    expect(describeServe({ ip: '10.1.2.3', port: 8091, serve: first })).toBe(`axon on chain 10.1.2.3:8091 (served in block #${first.blockNumber})`);
    expect(await axonOnChain()).toMatchObject({ ip: '10.1.2.3', port: 8091, protocol: AXON_PROTOCOL });

    const same = await ensureAxonServed(chain.client, { ...base, port: 8091, current: await axonOnChain() });
    expect(same.outcome).toBe('unchanged');

    // A restart on another port within ServingRateLimit (50 blocks): refused, the old axon stays.
    const moved = await ensureAxonServed(chain.client, { ...base, port: 9191, current: await axonOnChain() });
    expect(moved).toEqual({ outcome: 'rate-limited', onChain: { ip: '10.1.2.3', port: 8091 } });
    expect(await axonOnChain()).toMatchObject({ ip: '10.1.2.3', port: 8091 });
    const line = describeServe({ ip: '10.1.2.3', port: 9191, serve: moved });
    expect(line).toBe('axon 10.1.2.3:9191 NOT on chain: serve_axon was rate-limited (ServingRateLimit); validators see 10.1.2.3:8091 until a later serve');
    expect(line).not.toMatch(/^axon on chain/);
  });
});
