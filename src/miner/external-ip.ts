import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export interface ExternalIp {
  readonly ip: string;
  /** How it was chosen: given by the operator, found on an interface, or none found (0.0.0.0). */
  readonly source: 'configured' | 'interface' | 'none';
}

const isPrivateV4 = (ip: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/.test(ip);

/**
 * The IPv4 address to announce with serve_axon: the configured one, else the first
 * non-loopback IPv4 of this host's interfaces (a public one before a private one), else
 * 0.0.0.0, which announces no address (the caller warns).
 */
export function chooseExternalIp(configured: string | undefined, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): ExternalIp {
  if (configured) return { ip: configured, source: 'configured' };
  const candidates = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal && !i.address.startsWith('127.'))
    .map((i) => i.address);
  const best = candidates.find((ip) => !isPrivateV4(ip)) ?? candidates[0];
  return best ? { ip: best, source: 'interface' } : { ip: '0.0.0.0', source: 'none' };
}
