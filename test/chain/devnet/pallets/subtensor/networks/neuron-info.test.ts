import { startTestChain, type TestChain } from '../../../support/test-chain';
import { runtimeApi } from './support';

/** NeuronInfoRuntimeApi: the neurons of a subnet as subtensor's NeuronInfoLite, decoded by the metadata's type. */
describe('NeuronInfoRuntimeApi', () => {
  let chain: TestChain;
  let serveBlock = 0;
  let registerBlock = 0;
  const key = (seed: string) => chain.keyring.addFromUri(seed);
  const noPrometheus = { block: 0, version: 0, ip: 0, port: 0, ipType: 0 };
  const neuron = (uid: number, hotkey: string, coldkey: string, lastUpdate: number, axonInfo: unknown) => ({
    hotkey,
    coldkey,
    uid,
    netuid: 1,
    active: true,
    axonInfo,
    prometheusInfo: noPrometheus,
    stake: [[coldkey, 0]],
    rank: 0,
    emission: 0,
    incentive: 0,
    consensus: 0,
    trust: 0,
    validatorTrust: 0,
    dividends: 0,
    lastUpdate,
    validatorPermit: false,
    pruningScore: 65535,
  });

  beforeAll(async () => {
    chain = await startTestChain();
    const { bob, charlie } = chain.keys;
    expect((await chain.submit(bob, chain.call('subtensorModule', 'registerNetwork', key('//InfoOwner').address))).ok).toBe(true);
    const reg = await chain.submit(charlie, chain.call('subtensorModule', 'burnedRegister', 1, key('//InfoMiner').address));
    expect(reg.ok).toBe(true);
    registerBlock = reg.blockNumber;
    const served = await chain.submit(key('//InfoMiner'), chain.call('subtensorModule', 'serveAxon', 1, 3, 3_232_235_777n, 8091, 4, 0, 0, 0));
    expect(served.ok).toBe(true);
    serveBlock = served.blockNumber;
  });
  afterAll(() => chain.close());

  it('get_neurons_lite lists every uid with its axon, stake and scores', () => {
    const { bob, charlie } = chain.keys;
    const zeroAxon = { block: 0, version: 0, ip: 0, port: 0, ipType: 0, protocol: 0, placeholder1: 0, placeholder2: 0 };
    const axon = { block: serveBlock, version: 3, ip: 3_232_235_777, port: 8091, ipType: 4, protocol: 0, placeholder1: 0, placeholder2: 0 };
    expect(runtimeApi(chain, 'NeuronInfoRuntimeApi', 'get_neurons_lite', 1).toJSON()).toEqual([
      neuron(0, key('//InfoOwner').address, bob.address, 1, zeroAxon),
      neuron(1, key('//InfoMiner').address, charlie.address, registerBlock, axon),
    ]);
  });

  it('get_neuron_lite answers one uid, None past the end or for a missing subnet', () => {
    const one = runtimeApi(chain, 'NeuronInfoRuntimeApi', 'get_neuron_lite', 1, 1).toJSON() as { hotkey: string; uid: number };
    expect(one.hotkey).toBe(key('//InfoMiner').address);
    expect(one.uid).toBe(1);
    expect(runtimeApi(chain, 'NeuronInfoRuntimeApi', 'get_neuron_lite', 1, 2).toJSON()).toBeNull();
    expect(runtimeApi(chain, 'NeuronInfoRuntimeApi', 'get_neuron_lite', 5, 0).toJSON()).toBeNull();
  });

  it('get_neurons_lite of a missing subnet is empty; root has no neurons', () => {
    expect(runtimeApi(chain, 'NeuronInfoRuntimeApi', 'get_neurons_lite', 5).toJSON()).toEqual([]);
    expect(runtimeApi(chain, 'NeuronInfoRuntimeApi', 'get_neurons_lite', 0).toJSON()).toEqual([]);
  });
});
