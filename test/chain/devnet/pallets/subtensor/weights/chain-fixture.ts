import type { KeyringPair } from '@polkadot/keyring/types';
import { shouldRunEpoch } from '../../../../../../src/chain/devnet/pallets/subtensor/epoch-schedule';
import type { TestChain, TxResult } from '../../../support/test-chain';

/**
 * End-to-end set-up through the real extrinsics: a subnet owned by //Alice, two validators
 * (hotkeys //V1, //V2 of //Bob and //Charlie, with stake) and three miners (//M1–//M3 of
 * //Dave, //Eve, //Ferdie), emission started.
 */
export const TAO = 1_000_000_000n;

export function ok(r: TxResult): TxResult {
  if (!r.ok) throw new Error(`extrinsic failed: ${r.error}`);
  return r;
}

/** Runs a call as root through sudo and fails the test unless the inner call succeeded. */
export async function sudoOk(chain: TestChain, call: unknown): Promise<void> {
  const r = ok(await chain.sudo(call));
  const sudid = r.events.find((e) => e.section === 'sudo' && e.method === 'Sudid');
  const result = sudid?.data[0] as { ok?: null } | undefined;
  if (!result || !('ok' in result)) throw new Error(`sudo call failed: ${JSON.stringify(sudid?.data)}`);
}

/** Builds empty blocks until the head is `block`. */
export function produceTo(chain: TestChain, block: number): void {
  while (chain.node.headNumber < block) chain.node.produceBlock();
}

/** The first block after `after` on which the subnet's epoch runs. */
export function nextEpochBlock(netuid: number, tempo: number, after: number): number {
  let b = after + 1;
  while (!shouldRunEpoch(netuid, tempo, b)) b++;
  return b;
}

export interface Neurons {
  readonly netuid: number;
  readonly owner: string;
  readonly validators: readonly KeyringPair[];
  readonly miners: readonly KeyringPair[];
}

export async function subnetWithNeurons(chain: TestChain, opts: { commitReveal: boolean }): Promise<Neurons> {
  const { alice, bob, charlie, dave, eve, ferdie } = chain.keys;
  const key = (uri: string) => chain.keyring.addFromUri(uri);
  const owner = key('//Owner').address;
  await sudoOk(chain, chain.call('adminUtils', 'sudoSetAdminFreezeWindow', 0));
  const added = ok(await chain.submit(alice, chain.call('subtensorModule', 'registerNetwork', owner)));
  const netuid = (added.events.find((e) => e.method === 'NetworkAdded')!.data[0] as number);
  await sudoOk(chain, chain.call('adminUtils', 'sudoSetCommitRevealWeightsEnabled', netuid, opts.commitReveal));
  await sudoOk(chain, chain.call('adminUtils', 'sudoSetWeightsSetRateLimit', netuid, 0));
  const validators = [key('//V1'), key('//V2')];
  const miners = [key('//M1'), key('//M2'), key('//M3')];
  const coldkeys = [bob, charlie, dave, eve, ferdie];
  for (const [i, hot] of [...validators, ...miners].entries()) {
    ok(await chain.submit(coldkeys[i]!, chain.call('subtensorModule', 'burnedRegister', netuid, hot.address)));
  }
  // Staking needs the subtoken, which start_call enables along with emission.
  ok(await chain.submit(alice, chain.call('subtensorModule', 'startCall', netuid)));
  ok(await chain.submit(bob, chain.call('subtensorModule', 'addStake', validators[0]!.address, netuid, 100n * TAO)));
  ok(await chain.submit(charlie, chain.call('subtensorModule', 'addStake', validators[1]!.address, netuid, 50n * TAO)));
  return { netuid, owner, validators, miners };
}
