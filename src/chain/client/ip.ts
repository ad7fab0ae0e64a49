import { isIPv4, isIPv6 } from 'node:net';
import { InvalidChainInputError } from './errors';

/** An IP address as subtensor stores it: a u128 and its version (4 or 6). */
export interface ChainIp {
  readonly ip: bigint;
  readonly ipType: 4 | 6;
}

function ipv4ToInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToInt(ip: string): bigint {
  let text = ip.toLowerCase().replace(/%.*$/, ''); // no zone ids on chain
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToInt(v4[1]!);
    text = `${text.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(fill).fill('0'), ...right];
  if (groups.length !== 8) throw new InvalidChainInputError(`"${ip}" is not an IPv6 address`);
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/**
 * `"203.0.113.7"` → `{ ip: 3405803783n, ipType: 4 }`; `"2001:db8::1"` → `{ ip: …, ipType: 6 }`
 * (the `ip: u128` and `ip_type` of `serve_axon`). Throws {@link InvalidChainInputError} for
 * anything else (host names are not resolved).
 */
export function parseIp(ip: string): ChainIp {
  const text = ip.trim().replace(/^\[(.*)\]$/, '$1');
  if (isIPv4(text)) return { ip: ipv4ToInt(text), ipType: 4 };
  if (isIPv6(text)) return { ip: ipv6ToInt(text), ipType: 6 };
  throw new InvalidChainInputError(`"${ip}" is not an IPv4 or IPv6 address`);
}

/** The u128 / ip_type pair read from the chain as text: dotted IPv4, or RFC 5952 compressed IPv6. */
export function formatIp(ip: bigint, ipType: number): string {
  if (ipType === 4) {
    return [24n, 16n, 8n, 0n].map((s) => ((ip >> s) & 0xffn).toString()).join('.');
  }
  if (ipType !== 6) return ip === 0n ? '0.0.0.0' : `ip-type-${ipType}:${ip.toString()}`;
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip >> BigInt(112 - 16 * i)) & 0xffffn));
  // Longest run of at least two zero groups becomes "::" (first one on ties).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
