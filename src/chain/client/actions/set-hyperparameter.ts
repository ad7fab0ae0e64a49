import type { KeyringPair } from '@polkadot/keyring/types';
import { buildCall, callArgs, findCall } from '../calls';
import type { ChainClient } from '../client';
import { ChainDispatchError, InvalidChainInputError, UnsupportedByNodeError, type SubmissionTimeoutError, type TransactionRejectedError } from '../errors';
import { hyperparameterHint } from '../hyperparameter-hints';
import { findHyperparameter, HYPERPARAMETERS, type HyperparameterSpec } from '../hyperparameters';
import type { SubmitResult } from '../inclusion';
import { findStorage } from '../storage';
import { checkNetuid, submitOptions, type OperationOptions } from './shared';

export type HyperparameterValue = bigint | boolean;

export interface SetHyperparameterParameters extends OperationOptions {
  /** The sudo key, or the subnet owner's coldkey. */
  readonly signer: KeyringPair;
  /** Required for per-subnet hyperparameters. */
  readonly netuid?: number;
  /** btcli's name (`tempo`, `weights_rate_limit`, `commit_reveal_weights_enabled` …), an alias, or the setter's name. */
  readonly name: string;
  readonly value: string | number | bigint | boolean;
  /** Wrap the setter in `sudo.sudo` (default when the signer is the sudo key) or call it as the owner. */
  readonly via?: 'sudo' | 'owner';
}

export interface SetHyperparameterReturnType extends SubmitResult {
  readonly name: string;
  readonly value: HyperparameterValue;
  readonly via: 'sudo' | 'owner';
}

/**
 * InvalidChainInputError (unknown name, bad value), UnsupportedByNodeError (the node has no
 * such setter), ChainDispatchError: `sudo.RequireSudo`, `BadOrigin` (neither root nor owner;
 * its message says whether the signer owns the subnet, else to try `--via sudo`),
 * `subtensorModule.AdminActionProhibitedDuringWeightsWindow`, `adminUtils.ValueNotInBounds` …
 * (an error of the call sudo dispatched has `viaSudo`).
 */
export type SetHyperparameterErrorType = InvalidChainInputError | UnsupportedByNodeError | ChainDispatchError | TransactionRejectedError | SubmissionTimeoutError;

const INT_BITS: Readonly<Record<string, number>> = { u8: 8, u16: 16, u32: 32, u64: 64, u128: 128 };

/** `value` as the setter's argument type (`bool` or an unsigned integer). */
export function parseHyperparameterValue(name: string, type: string, value: string | number | bigint | boolean): HyperparameterValue {
  const text = String(value).trim().toLowerCase();
  if (type === 'bool') {
    if (['true', '1', 'yes', 'on'].includes(text)) return true;
    if (['false', '0', 'no', 'off'].includes(text)) return false;
    throw new InvalidChainInputError(`${name} takes true or false, got "${String(value)}"`);
  }
  const bits = INT_BITS[type];
  if (bits === undefined) throw new UnsupportedByNodeError(`${name} takes a ${type}, which pog cannot set`);
  if (!/^\d+$/.test(text)) throw new InvalidChainInputError(`${name} takes a whole number (${type}), got "${String(value)}"`);
  const v = BigInt(text);
  if (v >= 1n << BigInt(bits)) throw new InvalidChainInputError(`${name} takes a ${type}, and ${text} is too large`);
  return v;
}

function specOf(name: string): HyperparameterSpec {
  const spec = findHyperparameter(name);
  if (!spec) throw new InvalidChainInputError(`unknown hyperparameter "${name}"; known: ${HYPERPARAMETERS.map((h) => h.name).join(', ')}`);
  return spec;
}

/**
 * Sets a hyperparameter through its AdminUtils setter, as sudo (`sudo.sudo(call)`) or as the
 * subnet owner. The value is checked against the setter's argument type from the metadata.
 *
 * @example await setHyperparameter(client, { signer: alice, netuid: 1, name: 'weights_rate_limit', value: 0 });
 */
export async function setHyperparameter(client: ChainClient, parameters: SetHyperparameterParameters): Promise<SetHyperparameterReturnType> {
  const spec = specOf(parameters.name);
  const { api } = client;
  if (!findCall(api, 'adminUtils', spec.call)) throw new UnsupportedByNodeError(`the connected node has no adminUtils.${spec.call} to set ${spec.name}`);
  const args = callArgs(api, 'adminUtils', spec.call);
  const valueArg = args.filter((a) => a.name !== 'netuid').pop();
  if (!valueArg) throw new UnsupportedByNodeError(`adminUtils.${spec.call} takes no value`);
  const value = parseHyperparameterValue(spec.name, valueArg.type, parameters.value);
  const callParams: Record<string, unknown> = { [valueArg.name]: value };
  if (args.some((a) => a.name === 'netuid')) {
    if (parameters.netuid === undefined) throw new InvalidChainInputError(`${spec.name} is set per subnet: give a netuid`);
    callParams.netuid = checkNetuid(parameters.netuid);
  }
  const inner = buildCall(api, 'adminUtils', spec.call, callParams);
  let via = parameters.via;
  if (!via) {
    const sudoKey = findStorage(api, 'sudo', 'Key');
    const key = sudoKey ? (await sudoKey()).toString() : null;
    via = key === parameters.signer.address ? 'sudo' : 'owner';
  }
  const tx = via === 'sudo' ? buildCall(api, 'sudo', 'sudo', { call: inner }) : inner;
  try {
    const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
    return { ...result, name: spec.name, value, via };
  } catch (error) {
    if (error instanceof ChainDispatchError) {
      // What applies on this node, in the same one-line message.
      const hint = await hyperparameterHint(api, spec, error, via, parameters.signer.address, parameters.netuid).catch(() => null);
      if (hint) error.message = `${error.message}; ${hint}`;
    }
    throw error;
  }
}
