import type { RuntimeContext } from './call-context';
import type { TypedStorage } from '../state/typed-storage';

/** Subtensor's existential deposit, in rao (`Balances.ExistentialDeposit`). */
export const EXISTENTIAL_DEPOSIT = 500n;

export interface AccountInfo {
  nonce: number;
  consumers: number;
  providers: number;
  sufficients: number;
  free: bigint;
  reserved: bigint;
  frozen: bigint;
  flags: bigint;
}

interface AccountInfoCodec {
  nonce: { toNumber(): number };
  consumers: { toNumber(): number };
  providers: { toNumber(): number };
  sufficients: { toNumber(): number };
  data: { free: { toBigInt(): bigint }; reserved: { toBigInt(): bigint }; frozen: { toBigInt(): bigint }; flags: { toBigInt(): bigint } };
}

/** New accounts carry pallet_balances' "new logic" flag, as on a current runtime. */
const NEW_LOGIC_FLAG = 1n << 127n;

export function readAccount(storage: TypedStorage, who: string): AccountInfo {
  const a = storage.get('System', 'Account', [who]) as unknown as AccountInfoCodec;
  return {
    nonce: a.nonce.toNumber(),
    consumers: a.consumers.toNumber(),
    providers: a.providers.toNumber(),
    sufficients: a.sufficients.toNumber(),
    free: a.data.free.toBigInt(),
    reserved: a.data.reserved.toBigInt(),
    frozen: a.data.frozen.toBigInt(),
    flags: a.data.flags.toBigInt(),
  };
}

function writeAccount(storage: TypedStorage, who: string, a: AccountInfo): void {
  storage.set('System', 'Account', [who], {
    nonce: a.nonce,
    consumers: a.consumers,
    providers: a.providers,
    sufficients: a.sufficients,
    data: { free: a.free, reserved: a.reserved, frozen: a.frozen, flags: a.flags },
  });
}

export function freeBalance(storage: TypedStorage, who: string): bigint {
  return readAccount(storage, who).free;
}

export function incrementNonce(storage: TypedStorage, who: string): void {
  const a = readAccount(storage, who);
  a.nonce += 1;
  writeAccount(storage, who, a);
}

/**
 * Credits `amount` to `who`, creating the account (NewAccount, Endowed) when it did not
 * exist. Fails with `Balances.ExistentialDeposit` when a new account would stay below it.
 * Does not touch total issuance: callers that mint say so with `adjustIssuance`.
 */
export function credit(ctx: RuntimeContext, who: string, amount: bigint): void {
  const a = readAccount(ctx.storage, who);
  const isNew = a.providers === 0;
  if (isNew && amount < EXISTENTIAL_DEPOSIT) throw ctx.error('Balances', 'ExistentialDeposit');
  a.free += amount;
  if (isNew) {
    a.providers = 1;
    a.flags = NEW_LOGIC_FLAG;
    writeAccount(ctx.storage, who, a);
    ctx.emit('System', 'NewAccount', [who]);
    ctx.emit('Balances', 'Endowed', [who, amount]);
  } else {
    writeAccount(ctx.storage, who, a);
  }
}

/**
 * Debits `amount` from `who`. With `keepAlive` the account must stay at or above the
 * existential deposit (`Balances.Expendability` otherwise); without it an account left
 * below the deposit is reaped (KilledAccount) and its dust is burned.
 * Returns the dust burned on reaping.
 */
export function debit(ctx: RuntimeContext, who: string, amount: bigint, keepAlive: boolean): bigint {
  const a = readAccount(ctx.storage, who);
  if (a.free < amount) throw ctx.error('Balances', 'InsufficientBalance');
  const left = a.free - amount;
  if (left < EXISTENTIAL_DEPOSIT && a.reserved === 0n) {
    if (keepAlive) throw ctx.error('Balances', 'Expendability');
    ctx.storage.remove('System', 'Account', [who]);
    ctx.emit('System', 'KilledAccount', [who]);
    return left;
  }
  a.free = left;
  writeAccount(ctx.storage, who, a);
  return 0n;
}

export function adjustIssuance(storage: TypedStorage, delta: bigint): void {
  const total = (storage.get('Balances', 'TotalIssuance') as unknown as { toBigInt(): bigint }).toBigInt();
  storage.set('Balances', 'TotalIssuance', [], total + delta);
}

/** Sets an account's free balance outright (genesis and `force_set_balance`), adjusting issuance. */
export function setFreeBalance(ctx: RuntimeContext, who: string, free: bigint): void {
  const a = readAccount(ctx.storage, who);
  const before = a.free;
  if (a.providers === 0) {
    if (free === 0n) return;
    credit(ctx, who, free);
  } else if (free < EXISTENTIAL_DEPOSIT && a.reserved === 0n) {
    ctx.storage.remove('System', 'Account', [who]);
    ctx.emit('System', 'KilledAccount', [who]);
  } else {
    a.free = free;
    writeAccount(ctx.storage, who, a);
  }
  adjustIssuance(ctx.storage, free - before);
}
