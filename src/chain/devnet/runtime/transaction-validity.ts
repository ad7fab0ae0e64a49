import type { Call, Extrinsic } from '@polkadot/types/interfaces';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { Hex } from '../rpc/backend';
import type { TypedStorage } from '../state/typed-storage';
import { readAccount } from './accounts';
import type { CallTable } from './call-table';
import { feeOf } from './fees';
import { accountIdOf } from './multi-address';
import { verifyMultiSignature } from './verify-signature';
import { badFormat, InvalidTransaction } from './invalid-transaction';
import type { DevnetMetadata } from '../metadata/build-metadata';
import type { CallArgs, CallDefinition, RuntimeContext } from './call-context';
import { customCodeOf, customInvalid, PoolCheckFailure } from './custom-transaction-error';

export interface ValidTransaction {
  readonly extrinsic: Extrinsic;
  readonly bytes: Uint8Array;
  readonly hash: Hex;
  readonly signer: string;
  readonly nonce: number;
  /** True when the nonce is ahead of the account's: it waits in the pool. */
  readonly future: boolean;
  /** The last block (inclusive) in which a mortal transaction may be included. */
  readonly deathBlock: number;
}

export interface ValidationEnv {
  readonly md: DevnetMetadata;
  readonly calls: CallTable;
  readonly genesisHash: Hex;
  readonly specVersion: number;
  readonly transactionVersion: number;
  /** State at the best block. */
  readonly storage: TypedStorage;
  /** Number of the block the transaction would go into (best + 1). */
  readonly nextBlock: number;
  /** Hash of a block on the best chain by number, if it is still kept (`System.BlockHash`). */
  blockHash(number: number): Hex | null;
}

/** Runs a call's pool-time check on the best block's state; its pallet error becomes `Invalid(Custom(n))`. */
function poolCheck(env: ValidationEnv, validate: NonNullable<CallDefinition['validate']>, who: string, ext: Extrinsic): void {
  const ctx: RuntimeContext = {
    md: env.md,
    storage: env.storage,
    blockNumber: env.nextBlock,
    timestamp: Date.now(),
    emit: () => {
      throw new Error('a pool-time check emitted an event');
    },
    error: (pallet, name) => new PoolCheckFailure(pallet, name),
  };
  try {
    validate(ctx, who, Object.fromEntries((ext.method as unknown as Call).argsEntries) as CallArgs);
  } catch (e) {
    if (e instanceof PoolCheckFailure) throw customInvalid(customCodeOf(e.error));
    throw e;
  }
}

/**
 * The pool-side checks of Substrate and subtensor's transaction extensions, in their
 * order: format, signature over the payload with spec/tx version, genesis and mortality
 * checkpoint; nonce; ability to pay the fee; subtensor's own checks of the call (serve_axon's
 * endpoint and rate limit, add_stake's amount …), refused as `Custom(n)`.
 */
export function validateTransaction(env: ValidationEnv, bytes: Uint8Array): ValidTransaction {
  let ext: Extrinsic;
  try {
    ext = env.md.registry.createType('Extrinsic', bytes);
    if (ext.encodedLength !== bytes.length) throw new Error(`${bytes.length - ext.encodedLength} trailing bytes`);
  } catch (e) {
    throw badFormat(`cannot decode the extrinsic: ${(e as Error).message}`);
  }
  if (!ext.isSigned) throw InvalidTransaction.call();
  if (ext.type !== 4) throw badFormat(`extrinsic version ${ext.type} is not supported (4 is)`);
  const call = env.calls.resolve(ext.method as never);
  if (!call) throw InvalidTransaction.call();

  const who = accountIdOf(ext.signer);
  if (who === null) throw InvalidTransaction.badSigner();

  // CheckMortality: the checkpoint is the hash of the era's birth block.
  const era = ext.era;
  let birthHash: Hex;
  let deathBlock = Number.MAX_SAFE_INTEGER;
  if (era.isMortalEra) {
    const mortal = era.asMortalEra;
    const birth = mortal.birth(env.nextBlock);
    deathBlock = mortal.death(env.nextBlock) - 1;
    const hash = env.blockHash(birth);
    if (hash === null) throw InvalidTransaction.ancientBirthBlock();
    birthHash = hash;
  } else {
    birthHash = env.genesisHash;
  }

  const signature = ext.signature;
  const payload = env.md.registry.createType(
    'ExtrinsicPayload',
    {
      method: ext.method.toHex(),
      era: ext.era,
      nonce: ext.nonce,
      tip: ext.tip,
      mode: (ext as unknown as { mode?: unknown }).mode ?? 0,
      metadataHash: null,
      specVersion: env.specVersion,
      transactionVersion: env.transactionVersion,
      genesisHash: env.genesisHash,
      blockHash: birthHash,
    },
    { version: 4 },
  );
  const message = payload.toU8a({ method: true });
  const signed = message.length > 256 ? blake2AsU8a(message, 256) : message;
  if (!verifyMultiSignature(signed, signature.toU8a(), who)) throw InvalidTransaction.badProof();

  const account = readAccount(env.storage, who);
  const nonce = ext.nonce.toNumber();
  if (nonce < account.nonce) throw InvalidTransaction.stale();
  if (call.definition.paysFee !== false && account.free < feeOf(bytes.length) + ext.tip.toBigInt()) {
    throw InvalidTransaction.payment();
  }
  // SubtensorTransactionExtension, last of the extensions.
  if (call.definition.validate) poolCheck(env, call.definition.validate, who, ext);
  return {
    extrinsic: ext,
    bytes,
    hash: u8aToHex(blake2AsU8a(bytes, 256)) as Hex,
    signer: who,
    nonce,
    future: nonce > account.nonce,
    deathBlock,
  };
}
