import { keypairFromUri } from '../../chain/keys';

/**
 * Deposit addresses: one sr25519 address per account, hard-derived from the gateway's deposit
 * seed as `<seed>//deposit//<account id>`. The gateway holds the seed, so it controls every
 * deposit address (to sweep the funds) and can recompute any of them; a buyer's transfer needs
 * no memo, so any wallet can pay. Hard derivation: one leaked child key reveals neither the
 * seed nor another account's key.
 */
export function depositAddressFor(seedUri: string, accountId: string): string {
  return keypairFromUri(`${seedUri}//deposit//${accountId}`).address;
}
