import type { ApiPromise } from '@polkadot/api';
import {
  assertNoTimelock,
  backoffDelay,
  buildCall,
  findHyperparameter,
  isConnectionError,
  NonceQueue,
  needsTimelock,
  parseEndpoint,
  rpcRejectionOf,
  TimelockRequiredError,
  UnsupportedByNodeError,
  HYPERPARAMETERS,
  parseHyperparameterValue,
  InvalidChainInputError,
} from '../../../src/chain/client';
import { printableEndpoint } from '../../../src/chain/client/errors';

describe('backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    const retry = { attempts: 6, initialDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(retry, a))).toEqual([0, 100, 200, 400, 800, 1000]);
  });
});

describe('endpoints', () => {
  it('accepts ws and wss URLs and hides credentials and query strings when printing', () => {
    expect(parseEndpoint('ws://127.0.0.1:9944')).toBe('ws://127.0.0.1:9944');
    expect(parseEndpoint('wss://entrypoint-finney.opentensor.ai:443')).toBe('wss://entrypoint-finney.opentensor.ai:443');
    expect(printableEndpoint('wss://user:pw@node.example/rpc?apikey=abc')).toBe('wss://***@node.example/rpc?***');
  });
});

describe('rpc errors', () => {
  const rpcError = (code: number, message: string, data?: unknown) => Object.assign(new Error(message), { code, data });

  it('reads the node\'s code and reason from polkadot-js RpcErrors', () => {
    expect(rpcRejectionOf(rpcError(1010, '1010: Invalid Transaction: Transaction is outdated', 'Transaction is outdated'))).toEqual({ code: 1010, reason: 'Invalid Transaction: Transaction is outdated' });
    // polkadot-js rewrites "(…)" in the data; the raw data is kept.
    expect(rpcRejectionOf(rpcError(1010, '1010: Invalid Transaction: Inability to pay some fees , e.g. account balance too low', 'Inability to pay some fees (e.g. account balance too low)'))!.reason).toBe(
      'Invalid Transaction: Inability to pay some fees (e.g. account balance too low)',
    );
    expect(rpcRejectionOf(rpcError(1013, '1013: Transaction Already Imported'))).toEqual({ code: 1013, reason: 'Transaction Already Imported' });
    expect(rpcRejectionOf(new Error('WebSocket is not connected'))).toBeNull();
  });

  it('tells connection failures from rejections', () => {
    expect(isConnectionError(new Error('WebSocket is not connected\nFailed WS Request: {}'))).toBe(true);
    expect(isConnectionError(new Error('disconnected from ws://127.0.0.1:9944: 1006:: Abnormal Closure'))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('1010: Invalid Transaction'), { code: 1010 }))).toBe(false);
  });
});

describe('NonceQueue', () => {
  it('hands out consecutive nonces per signer, one call at a time, from the node\'s first', async () => {
    const fetched: string[] = [];
    const queue = new NonceQueue(async (address) => {
      fetched.push(address);
      return address === 'a' ? 7 : 0;
    });
    const order: string[] = [];
    const use = (address: string, ms: number) =>
      queue.withNonce(address, async (nonce) => {
        order.push(`${address}${nonce}:start`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`${address}${nonce}:end`);
        return nonce;
      });
    const nonces = await Promise.all([use('a', 30), use('a', 1), use('b', 5), use('a', 1)]);
    expect(nonces).toEqual([7, 8, 0, 9]);
    expect(fetched).toEqual(['a', 'b']);
    // a's calls never overlap
    const a = order.filter((o) => o.startsWith('a'));
    expect(a).toEqual(['a7:start', 'a7:end', 'a8:start', 'a8:end', 'a9:start', 'a9:end']);
    expect(queue.peek('a')).toBe(10);
  });

  it('asks the node again after a failure, since the nonce was not used', async () => {
    let next = 3;
    const queue = new NonceQueue(async () => next);
    await queue.withNonce('a', async (n) => n);
    await expect(queue.withNonce('a', async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    next = 4;
    expect(await queue.withNonce('a', async (n) => n)).toBe(4);
  });
});

/** Just enough of an ApiPromise for the metadata checks. */
function fakeApi(calls: Record<string, Record<string, { meta: { args: { name: string; type: string }[] } }>>): ApiPromise {
  const tx: Record<string, Record<string, unknown>> = {};
  for (const [section, methods] of Object.entries(calls)) {
    tx[section] = {};
    for (const [method, def] of Object.entries(methods)) {
      const fn = (...args: unknown[]) => ({ section, method, args });
      tx[section]![method] = Object.assign(fn, { meta: { args: def.meta.args.map((a) => ({ name: { toString: () => a.name }, type: { toString: () => a.type } })) } });
    }
  }
  return { tx } as unknown as ApiPromise;
}

const arg = (name: string, type = 'u16') => ({ name, type });

describe('commit-reveal mode', () => {
  const v2 = { commitWeights: { meta: { args: [] } }, revealWeights: { meta: { args: [] } } };
  const timelocked = { commitTimelockedWeights: { meta: { args: [] } } };

  it('needs timelock encryption when the node has only timelocked commits, or CommitRevealWeightsVersion >= 4', () => {
    expect(needsTimelock(fakeApi({ subtensorModule: v2 }), null)).toBe(false);
    expect(needsTimelock(fakeApi({ subtensorModule: { ...v2, ...timelocked } }), 3)).toBe(false);
    expect(needsTimelock(fakeApi({ subtensorModule: timelocked }), null)).toBe(true);
    expect(needsTimelock(fakeApi({ subtensorModule: { ...v2, ...timelocked } }), 4)).toBe(true);
  });

  it('says so in one line', () => {
    let error: unknown;
    try {
      assertNoTimelock(fakeApi({ subtensorModule: timelocked }), 5, null);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TimelockRequiredError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^subnet 5 has commit-reveal on and this node only takes timelock-encrypted \(drand\) weight commits \(it has commit_timelocked_weights and no v2 commit_weights\)/);
    expect(message).toContain('--set commit_reveal_weights_enabled=false');
  });
});

describe('buildCall', () => {
  it('fills arguments by name from the node\'s metadata, whatever their order, and neutral values for new ones', () => {
    const api = fakeApi({
      subtensorModule: {
        registerNetwork: { meta: { args: [arg('hotkey', 'AccountId32'), arg('mechid', 'u8')] } },
        addStake: { meta: { args: [arg('netuid'), arg('hotkey', 'AccountId32'), arg('amount_staked', 'u64')] } },
        addStakeBurn: { meta: { args: [arg('hotkey', 'AccountId32'), arg('netuid'), arg('amount', 'u64'), arg('limit', 'Option<u64>')] } },
      },
    });
    expect(buildCall(api, 'subtensorModule', 'register_network', { hotkey: 'H' })).toMatchObject({ args: ['H', 0] });
    expect(buildCall(api, 'subtensorModule', 'add_stake', { hotkey: 'H', netuid: 2, amountStaked: 5n })).toMatchObject({ args: [2, 'H', 5n] });
    expect(buildCall(api, 'subtensorModule', 'addStakeBurn', { hotkey: 'H', netuid: 2, amount: 5n })).toMatchObject({ args: ['H', 2, 5n, null] });
  });

  it('names what it cannot fill, and calls the node does not have', () => {
    const api = fakeApi({ subtensorModule: { setWeights: { meta: { args: [arg('netuid'), arg('dests', 'Vec<u16>'), arg('mystery', 'u32')] } } } });
    expect(() => buildCall(api, 'subtensorModule', 'set_weights', { netuid: 1, dests: [] })).toThrow(/takes mystery: u32, which pog does not fill in/);
    expect(() => buildCall(api, 'subtensorModule', 'commit_weights', {})).toThrow(UnsupportedByNodeError);
  });
});

describe('hyperparameters', () => {
  it('finds a setter by btcli name, alias or call name', () => {
    expect(findHyperparameter('weights_rate_limit')!.call).toBe('sudo_set_weights_set_rate_limit');
    expect(findHyperparameter('weights_set_rate_limit')!.name).toBe('weights_rate_limit');
    expect(findHyperparameter('sudo_set_tempo')!.name).toBe('tempo');
    expect(findHyperparameter('Commit-Reveal-Period')!.call).toBe('sudo_set_commit_reveal_weights_interval');
    expect(findHyperparameter('nope')).toBeUndefined();
    expect(new Set(HYPERPARAMETERS.map((h) => h.name)).size).toBe(HYPERPARAMETERS.length);
  });

  it('parses values by the setter\'s argument type', () => {
    expect(parseHyperparameterValue('x', 'bool', 'on')).toBe(true);
    expect(parseHyperparameterValue('x', 'bool', false)).toBe(false);
    expect(parseHyperparameterValue('x', 'u16', '65535')).toBe(65535n);
    expect(() => parseHyperparameterValue('x', 'u16', '65536')).toThrow(/too large/);
    expect(() => parseHyperparameterValue('x', 'u64', '-1')).toThrow(InvalidChainInputError);
    expect(() => parseHyperparameterValue('x', 'bool', 'maybe')).toThrow(/true or false/);
  });
});
