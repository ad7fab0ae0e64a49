import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { jobQuoteAction, jobReceiptAction, jobResultAction, jobStatusAction, jobSubmitAction } from '../../src/cli/commands/job';
import type { ChainIo } from '../../src/cli/commands/chain-command';
import { GatewayError } from '../../src/gateway/errors';
import { startGateway, type RunningGateway } from '../../src/gateway/start-gateway';
import { silentLogger } from '../../src/logging';
import { denseModel } from './support/models';
import { onnxExecutor, passedDirectory, testMiner } from './support/onnx-miners';
import { GATEWAY_KEY, jobInputs } from './support/pipeline';

jest.setTimeout(60_000);

describe('pog job quote|submit|status|result|receipt against a gateway on 127.0.0.1', () => {
  let dir: string;
  let gw: RunningGateway;
  let env: NodeJS.ProcessEnv;
  const miners = [testMiner('//CliMinerA'), testMiner('//CliMinerB')];
  const io = () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    return { io: { stdout: out, stderr: new PassThrough(), stdin: new PassThrough(), env } as ChainIo, text: () => text };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pog-job-cli-'));
    gw = await startGateway({ dataDir: dir, depositSeed: '//JobCliTest', logger: silentLogger, dispatch: { execute: onnxExecutor(miners), directory: passedDirectory(miners), signer: GATEWAY_KEY, options: { pollMs: 10 } } });
    const { account, token } = await gw.accounts.create('cli buyer');
    await gw.db.transaction((tx) => gw.book.credit(tx, account.id, 'deposit_tao', 10_000_000n, 'tao:cli'));
    env = { POG_API_KEY: token, POG_GATEWAY_URL: gw.url };
    writeFileSync(join(dir, 'model.onnx'), denseModel());
    writeFileSync(join(dir, 'inputs.json'), JSON.stringify(jobInputs(9)));
  });
  afterAll(async () => {
    await gw?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('quote uploads the .onnx file, submit waits for the job, result writes the outputs, receipt checks the signature', async () => {
    const q = io();
    const quote = await jobQuoteAction({ model: join(dir, 'model.onnx'), input: ['X:8x4'], verification: 'redundant' }, q.io);
    expect(q.text()).toMatch(/price\s+\d+ credit units/);
    const s = io();
    const job = await jobSubmitAction({ model: String(quote.model), inputs: join(dir, 'inputs.json'), maxPrice: String(quote.price), minClass: 'A100-80GB', verification: 'redundant', wait: 20, json: true }, s.io);
    expect(job).toMatchObject({ state: 'done', price: quote.price });
    expect(JSON.parse(s.text())).toMatchObject({ id: job.id, state: 'done' });
    const st = io();
    await jobStatusAction(String(job.id), {}, st.io);
    expect(st.text()).toMatch(/state\s+done/);
    const r = io();
    await jobResultAction(String(job.id), { out: join(dir, 'out.json') }, r.io);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toEqual([expect.objectContaining({ name: 'Y', type: 'float32', dims: [8, 3] })]);
    const rc = io();
    const { verified } = await jobReceiptAction(String(job.id), { gatewayHotkey: GATEWAY_KEY.address }, rc.io);
    expect(verified).toBe(true);
    expect(rc.text()).toMatch(/signature valid/);
    expect(rc.text()).toMatch(/checked: 2 miners agreed/);
  });

  test('no key, a wrong key, or a bad inputs file: a clear error', async () => {
    await expect(jobStatusAction('job_000000000000000000000000', {}, { ...io().io, env: {} })).rejects.toThrow(/POG_API_KEY/);
    await expect(jobStatusAction('job_000000000000000000000000', {}, { ...io().io, env: { ...env, POG_API_KEY: 'pog_0000000000000000_' + 'a'.repeat(43) } })).rejects.toMatchObject({ status: 401 });
    writeFileSync(join(dir, 'bad.json'), '{"not": "an array"}');
    await expect(jobSubmitAction({ model: 'a'.repeat(64), inputs: join(dir, 'bad.json'), maxPrice: '1' }, io().io)).rejects.toBeInstanceOf(GatewayError);
    await expect(jobStatusAction('job_000000000000000000000000', {}, io().io)).rejects.toMatchObject({ status: 404 });
  });
});
