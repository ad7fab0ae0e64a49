import type { ChainClient } from '../chain';
import { parseEvidence, remarkHash, type ChainEvidence } from '../records';

/** What a reader found for one validator's evidence commitment. */
export type EvidenceLookup =
  | { readonly status: 'ok'; readonly document: ChainEvidence }
  | { readonly status: 'missing' | 'invalid'; readonly reason: string };

interface RemarkExtrinsic {
  readonly method: { readonly section: string; readonly method: string; readonly args: readonly { toU8a(bare?: boolean): Uint8Array }[] };
  readonly signer: { toString(): string };
  readonly isSigned: boolean;
}

/**
 * Fetches block `remarkBlock`, finds the `system.remark_with_event` (or `remark`) whose body
 * hashes (blake2-256) to `digest`, checks it was signed by `hotkey`, and parses the evidence
 * JSON (size-bounded, schema-checked, canonical). Never throws for bad data, only for the chain.
 */
export async function fetchEvidence(client: ChainClient, input: { remarkBlock: number; digest: string; hotkey: string; netuid: number }): Promise<EvidenceLookup> {
  const api = client.api;
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  if (input.remarkBlock > head) return { status: 'missing', reason: `remark block #${input.remarkBlock} is past the head #${head}` };
  const hash = await api.rpc.chain.getBlockHash(input.remarkBlock);
  if (hash.isEmpty) return { status: 'missing', reason: `block #${input.remarkBlock} is not known to the node (pruned?)` };
  const signed = await api.rpc.chain.getBlock(hash);
  const extrinsics = signed.block.extrinsics as unknown as readonly RemarkExtrinsic[];
  for (const ext of extrinsics) {
    const { section, method, args } = ext.method;
    if (section !== 'system' || (method !== 'remarkWithEvent' && method !== 'remark')) continue;
    const body = args[0]?.toU8a(true);
    if (!body || remarkHash(body) !== input.digest.toLowerCase()) continue;
    if (!ext.isSigned || ext.signer.toString() !== input.hotkey) return { status: 'invalid', reason: `the remark with the digest in block #${input.remarkBlock} is not signed by ${input.hotkey}` };
    let document: ChainEvidence;
    try {
      document = parseEvidence(body);
    } catch (error) {
      return { status: 'invalid', reason: (error as Error).message };
    }
    if (document.validator !== input.hotkey) return { status: 'invalid', reason: `the evidence names validator ${document.validator}, not ${input.hotkey}` };
    if (document.netuid !== input.netuid) return { status: 'invalid', reason: `the evidence is for subnet ${document.netuid}, not ${input.netuid}` };
    return { status: 'ok', document };
  }
  return { status: 'missing', reason: `no remark hashing to ${input.digest} in block #${input.remarkBlock}` };
}
