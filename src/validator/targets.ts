import type { AxonEndpoint, Metagraph } from '../chain';

/** One miner the validator challenges this epoch. */
export interface MinerTarget {
  readonly uid: number;
  readonly hotkey: string;
  /** Base URL of its axon (`http://ip:port`). */
  readonly url: string;
}

/** Turns an on-chain axon into a base URL; tests map announced addresses to loopback. */
export type AxonUrlResolver = (axon: AxonEndpoint, uid: number, hotkey: string) => string | null;

/** `http://ip:port` (IPv6 in brackets); null for an axon that announces no address. */
export const defaultAxonUrl: AxonUrlResolver = (axon) => {
  if (!axon.ip || axon.ip === '0.0.0.0' || axon.ip === '::' || axon.port === 0) return null;
  return axon.ip.includes(':') ? `http://[${axon.ip}]:${axon.port}` : `http://${axon.ip}:${axon.port}`;
};

/**
 * The miners to challenge: every uid with a serving axon, except the validator's own hotkey.
 * Uids without an address (never served, 0.0.0.0) are left out and reported.
 */
export function minerTargets(metagraph: Metagraph, ownHotkey: string, resolve: AxonUrlResolver = defaultAxonUrl): { targets: MinerTarget[]; notServing: number[] } {
  const targets: MinerTarget[] = [];
  const notServing: number[] = [];
  for (let uid = 0; uid < metagraph.hotkeys.length; uid++) {
    const hotkey = metagraph.hotkeys[uid]!;
    if (hotkey === ownHotkey) continue;
    const axon = metagraph.axons[uid];
    const url = axon ? resolve(axon, uid, hotkey) : null;
    if (url === null) notServing.push(uid);
    else targets.push({ uid, hotkey, url });
  }
  return { targets, notServing };
}
