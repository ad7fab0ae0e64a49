/**
 * Child process of the round-at-scale bench: N miners on 127.0.0.1, each its own HTTP server
 * and hotkey, that answer at once with one precomputed output (no device work) and do not
 * check the validator's signatures (they need not: the bench measures the validator, and on a
 * 2-core machine every millisecond spent here is taken from it). Everything the validator
 * checks is real: signed responses, a Merkle commitment per challenge (leaves bind the
 * challenge id), openings against it. Run by round-at-scale.ts through fork(): argv = count,
 * preset; it sends { targets } when listening and exits on 'stop'.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KeyringPair } from '@polkadot/keyring/types';
import { keypairFromUri } from '../../src/chain/keys';
import {
  buildCommitment,
  bytesToHex,
  encodeOpening,
  hexToBytes,
  leafCount,
  leavesForRows,
  openLeaf,
  preset,
  PROTOCOL_VERSION,
  serialiseMessage,
  type MerkleTree,
  type PresetName,
} from '../../src/pog';
import { PROTOCOL_HEADERS, protocolCryptoReady, signResponse } from '../../src/protocol';
import type { MinerTarget } from '../../src/validator';

export interface StubMinersReady {
  readonly targets: MinerTarget[];
}

const MAX_BODY_BYTES = 1 << 20;
/** Commitments kept per stub until audited; a validator holds at most two in flight. */
const MAX_KEPT = 8;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function stubServer(hotkey: KeyringPair, output: Float32Array): Server {
  const trees = new Map<string, MerkleTree>();
  const answer = (path: string, body: Buffer): string => {
    const json = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    if (path === '/ping') return JSON.stringify({ pong: true, nowMs: Date.now() });
    if (path === '/challenge') {
      const challenge = json as { challengeId: string; params: Parameters<typeof leafCount>[0] };
      const tree = buildCommitment(hexToBytes(challenge.challengeId, 32), output, challenge.params);
      if (trees.size >= MAX_KEPT) trees.delete(trees.keys().next().value!);
      trees.set(challenge.challengeId, tree);
      const minerTimings = { sessionCreateMs: 0, runMs: 0, hashMs: 0, totalMs: 0 };
      return serialiseMessage('commitment', { version: PROTOCOL_VERSION, challengeId: challenge.challengeId, root: bytesToHex(tree.root), leafCount: leafCount(challenge.params), minerTimings });
    }
    if (path === '/audit') {
      const request = json as { challengeId: string; rows: number[] };
      const tree = trees.get(request.challengeId);
      if (!tree) throw new Error('unknown challenge');
      trees.delete(request.challengeId);
      const openings = leavesForRows(request.rows, tree.shape.rowsPerLeaf).map((leaf) => encodeOpening(openLeaf(tree, leaf)));
      return serialiseMessage('auditResponse', { version: PROTOCOL_VERSION, challengeId: request.challengeId, openings });
    }
    throw new Error(`no route ${path}`);
  };
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    void readBody(req)
      .then((body) => {
        const reply = Buffer.from(answer(req.url ?? '', body), 'utf8');
        const requestUuid = String(req.headers[PROTOCOL_HEADERS.uuid]);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': reply.length, ...signResponse({ signer: hotkey, requestUuid, body: reply }) });
        res.end(reply);
      })
      .catch((error: unknown) => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'stub', message: (error as Error).message }));
      });
  });
}

async function main(): Promise<void> {
  const [count, presetName] = [Number(process.argv[2]), process.argv[3] as PresetName];
  await protocolCryptoReady();
  const params = preset(presetName);
  const output = Float32Array.from({ length: params.rows * params.headWidth }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const servers: Server[] = [];
  const targets: MinerTarget[] = [];
  for (let i = 0; i < count; i++) {
    const hotkey = keypairFromUri(`//Bench//stub-miner-${i}`);
    const server = stubServer(hotkey, output);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('a stub server has no port');
    servers.push(server);
    targets.push({ uid: i, hotkey: hotkey.address, url: `http://127.0.0.1:${address.port}` });
  }
  process.on('message', (message) => {
    if (message !== 'stop') return;
    for (const s of servers) s.closeAllConnections();
    process.exit(0);
  });
  process.send!({ targets } satisfies StubMinersReady);
}

void main().catch((error: unknown) => {
  process.stderr.write(`stub miners: ${(error as Error).message}\n`);
  process.exit(1);
});
