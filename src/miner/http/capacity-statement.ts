import type { CapacityReport } from '../capacity/probe-capacity';

/**
 * The body of GET /capacity: `{ version, kind, hotkey, netuid, issuedAtMs, capacity }`, byte
 * for byte JSON.stringify of that object. Everything but issuedAtMs is fixed for the miner's
 * life, so it is serialised once and only the time is written per request.
 */
export function capacityStatementWriter(statement: { readonly hotkey: string; readonly netuid: number | null; readonly capacity: CapacityReport }): (issuedAtMs: number) => Buffer {
  const head = JSON.stringify({ version: 1, kind: 'pog-capacity-statement', hotkey: statement.hotkey, netuid: statement.netuid, issuedAtMs: 0 }).slice(0, -2); // up to `"issuedAtMs":`
  const tail = `,"capacity":${JSON.stringify(statement.capacity)}}`;
  return (issuedAtMs) => Buffer.from(`${head}${JSON.stringify(issuedAtMs)}${tail}`, 'utf8');
}
