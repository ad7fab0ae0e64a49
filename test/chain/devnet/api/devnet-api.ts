import '@polkadot/api-augment';
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { DispatchError } from '@polkadot/types/interfaces';
import { startDevnet, type DevnetOptions, type RunningDevnet } from '../../../../src/chain/devnet';

/**
 * Plain @polkadot/api against the dev chain over its WebSocket: the only project code used
 * is what starts the chain.
 */
export interface DevnetApi {
  readonly devnet: RunningDevnet;
  readonly api: ApiPromise;
  readonly keyring: Keyring;
  readonly alice: KeyringPair;
  readonly bob: KeyringPair;
  close(): Promise<void>;
}

export async function connectDevnet(options: DevnetOptions = {}): Promise<DevnetApi> {
  const devnet = await startDevnet({ port: 0, instant: true, ...options });
  const api = await ApiPromise.create({ provider: new WsProvider(devnet.url), noInitWarn: true, throwOnConnect: true });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return {
    devnet,
    api,
    keyring,
    alice: keyring.addFromUri('//Alice'),
    bob: keyring.addFromUri('//Bob'),
    close: async () => {
      await api.disconnect();
      await devnet.close();
    },
  };
}

export interface Outcome {
  readonly statuses: string[];
  readonly events: string[];
  /** `section.Name` of the dispatch error, when the call failed. */
  readonly error?: string;
  readonly blockHash: string;
}

/** signAndSend and wait for finality, the way an application does. */
export function send(api: ApiPromise, tx: SubmittableExtrinsic<'promise'>, signer: KeyringPair): Promise<Outcome> {
  const statuses: string[] = [];
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, (result) => {
      statuses.push(result.status.type);
      if (result.status.isInvalid || result.status.isDropped) reject(new Error(`transaction ${result.status.type}`));
      if (!result.status.isFinalized) return;
      const failed = result.dispatchError as DispatchError | undefined;
      let error: string | undefined;
      if (failed) {
        if (failed.isModule) {
          const meta = api.registry.findMetaError(failed.asModule);
          error = `${meta.section}.${meta.name}`;
        } else error = failed.type;
      }
      resolve({
        statuses,
        events: result.events.map((e) => `${e.event.section}.${e.event.method}`),
        error,
        blockHash: result.status.asFinalized.toHex(),
      });
    }).catch(reject);
  });
}
