/**
 * The exact strings that are signed. Each part is joined with '.'; the parts' syntax (hex,
 * UUID, digits, ss58) contains no '.', so a string has only one reading, except the path, which
 * comes last.
 */

/** Request: plain Epistula v2's string, then `.{METHOD} {path}` (pog's addition). */
export function requestSigningMessage(p: { bodyHash: string; uuid: string; timestamp: string; signedFor: string; method: string; path: string }): string {
  return `${p.bodyHash}.${p.uuid}.${p.timestamp}.${p.signedFor}.${p.method} ${p.path}`;
}

/** Response: bound to the request it answers by the request's uuid. */
export function responseSigningMessage(p: { bodyHash: string; requestUuid: string; timestamp: string }): string {
  return `${p.bodyHash}.${p.requestUuid}.${p.timestamp}`;
}
