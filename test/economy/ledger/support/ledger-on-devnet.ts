import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventRecord } from '@polkadot/types/interfaces';
import { ChainLedgerPort, registerSubnet, startCall } from '../../../../src/chain';
import { dev, startChain, sudo, type Chain } from '../../../chain/client/helpers';

export const NETUID = 1;

/** A throw at an injected step, standing for a crash there. */
export class InjectedCrash extends Error {}

/**
 * A dev chain with subnet 1 owned by //Alice (hotkey `ownerHotUri`), started, freeze window 0,
 * and a fresh ledger directory per test: what the ledger's on-chain tests share. Registers
 * the jest hooks; the accessors read the current chain and directory.
 */
export function ledgerOnDevnet(setup: { ownerHotUri: string; dirPrefix: string; omitCalls?: string[] }) {
  let chain: Chain;
  let dir: string;
  const owner = () => dev.alice();
  const ownerHot = () => dev.key(setup.ownerHotUri);
  const api = () => chain.client.api;
  beforeAll(async () => {
    chain = await startChain(setup.omitCalls ? { omitCalls: setup.omitCalls } : undefined);
    await registerSubnet(chain.client, { signer: owner(), hotkey: ownerHot().address });
    await sudo(chain.client, chain.client.api.tx.adminUtils!.sudoSetAdminFreezeWindow!(0));
    await startCall(chain.client, { signer: owner(), netuid: NETUID });
  });
  afterAll(async () => {
    await chain.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), setup.dirPrefix));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    chain: () => chain,
    dir: () => dir,
    owner,
    ownerHot,
    api,
    port: () => new ChainLedgerPort(chain.client, owner(), { pollMs: 50 }),
    options: () => ({ netuid: NETUID, hotkey: ownerHot().address, waitTimeoutMs: 20_000 }),
    head: async () => (await api().rpc.chain.getHeader()).number.toNumber(),
    /** Every SubtensorModule event from block `from` to the head, with its block number. */
    subtensorEvents: async (from: number): Promise<{ block: number; record: EventRecord }[]> => {
      const out: { block: number; record: EventRecord }[] = [];
      const head = (await api().rpc.chain.getHeader()).number.toNumber();
      for (let n = from; n <= head; n++) {
        const at = await api().at(await api().rpc.chain.getBlockHash(n));
        for (const record of (await at.query.system!.events!()) as unknown as EventRecord[]) {
          if (record.event.section === 'subtensorModule') out.push({ block: n, record });
        }
      }
      return out;
    },
  };
}
