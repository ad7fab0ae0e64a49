import type { Codec } from '@polkadot/types/types';
import type { TypedStorage } from '../../state/typed-storage';
import { big, num } from './subnet-state';

const P = 'SubtensorModule';
const U32_MAX = 0xffff_ffffn;
const U128_MAX = (1n << 128n) - 1n;

export interface AxonInfo {
  readonly block: bigint;
  readonly version: number;
  readonly ip: bigint;
  readonly port: number;
  readonly ipType: number;
  readonly protocol: number;
  readonly placeholder1: number;
  readonly placeholder2: number;
}

type AxonCodec = { readonly [K in keyof AxonInfo]: Codec };

const NO_AXON: AxonInfo = { block: 0n, version: 0, ip: 0n, port: 0, ipType: 0, protocol: 0, placeholder1: 0, placeholder2: 0 };

/** `get_axon_info`: the served axon, or all zeros when the hotkey never served one. */
export function axonInfo(s: TypedStorage, netuid: number, hotkey: string): AxonInfo {
  const a = s.get(P, 'Axons', [netuid, hotkey]) as unknown as AxonCodec | null;
  if (a === null) return NO_AXON;
  return {
    block: big(a.block),
    version: num(a.version),
    ip: big(a.ip),
    port: num(a.port),
    ipType: num(a.ipType),
    protocol: num(a.protocol),
    placeholder1: num(a.placeholder1),
    placeholder2: num(a.placeholder2),
  };
}

export function isValidIpType(ipType: number): boolean {
  return ipType === 4 || ipType === 6;
}

/** `is_valid_ip_address`: in range for its type and not localhost (127.0.0.1 or ::1). */
export function isValidIpAddress(ipType: number, ip: bigint, allowZero: boolean): boolean {
  if (!allowZero && ip === 0n) return false;
  if (ipType === 4 && (ip >= U32_MAX || ip === 0x7f00_0001n)) return false;
  if (ipType === 6 && (ip === U128_MAX || ip === 1n)) return false;
  return true;
}

/** `is_hotkey_registered_on_any_network`: axons may be served by a hotkey registered anywhere. */
export function isRegisteredOnAnyNetwork(s: TypedStorage, hotkey: string): boolean {
  return s.entries(P, 'IsNetworkMember', [hotkey]).some(([, member]) => member.toJSON() === true);
}
