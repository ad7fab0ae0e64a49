import type { ApiPromise } from '@polkadot/api';
import type { DispatchError } from '@polkadot/types/interfaces';

/** A decoded `DispatchError`: `section.error` for module errors, the kind otherwise. */
export interface DecodedDispatchError {
  /** camelCase pallet name (`subtensorModule`, `balances`) for a module error, else null. */
  readonly section: string | null;
  /** The error's name (`SettingWeightsTooFast`) or the kind (`BadOrigin`, `Token.FundsUnavailable`). */
  readonly error: string;
  /** The error's documentation from the metadata, as one line. */
  readonly docs: string;
}

/** Decodes a dispatch error with the node's own metadata. */
export function decodeDispatchError(api: ApiPromise, dispatchError: DispatchError): DecodedDispatchError {
  if (dispatchError.isModule) {
    try {
      const meta = api.registry.findMetaError(dispatchError.asModule);
      return { section: meta.section, error: meta.name, docs: meta.docs.join(' ').replace(/\s+/g, ' ').trim() };
    } catch {
      const { index, error } = dispatchError.asModule;
      return { section: `pallet#${index.toNumber()}`, error: `error#${error.toHex()}`, docs: '' };
    }
  }
  const kind = dispatchError.type;
  const inner = (dispatchError as unknown as Record<string, unknown>)[`as${kind}`] as { type?: string } | undefined;
  return { section: null, error: inner && typeof inner.type === 'string' ? `${kind}.${inner.type}` : kind, docs: '' };
}
