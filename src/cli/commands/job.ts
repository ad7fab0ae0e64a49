import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { BuyerClient, GatewayError, sha256Hex, tensorSchema, verifyGatewayReceipt, VERIFICATION_LEVELS, type GatewayReceipt, type JobAnswer, type QuoteAnswer, type VerificationLevel, type WireTensor } from '../../gateway';
import { parseIntegerFlag } from '../parse-flags';
import { exitPromptly, processIo, toJson, type ChainIo } from './chain-command';

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:9190';

export interface JobFlags {
  gateway?: string;
  json?: boolean;
}

/** The buyer's gateway and key: the URL from a flag or POG_GATEWAY_URL, the key from POG_API_KEY only (never a flag, so not in `ps`). */
function clientOf(flags: JobFlags, io: ChainIo): BuyerClient {
  const key = io.env.POG_API_KEY;
  if (!key) throw new GatewayError('set POG_API_KEY to your API key (pog_<id>_<secret>)', 'no_api_key', 400);
  return new BuyerClient(flags.gateway ?? io.env.POG_GATEWAY_URL ?? DEFAULT_GATEWAY_URL, key);
}

function print(io: ChainIo, flags: JobFlags, value: Record<string, unknown>, lines: string[]): void {
  io.stdout.write(flags.json ? `${toJson(value)}\n` : `${lines.join('\n')}\n`);
}

/** A model flag: a 64-hex SHA-256 of a stored model, or an .onnx file uploaded first. */
async function modelHash(client: BuyerClient, model: string): Promise<string> {
  if (/^[0-9a-f]{64}$/.test(model)) return model;
  if (!existsSync(model)) throw new GatewayError(`--model ${model} is neither a model's SHA-256 nor a file`, 'bad_flag', 400);
  const bytes = readFileSync(model);
  const stored = await client.uploadModel(bytes);
  if (stored.hash !== sha256Hex(bytes)) throw new GatewayError('the gateway stored the model under another hash', 'bad_answer', 502);
  return String(stored.hash);
}

/** `X:8x4` → { name: 'X', dims: [8, 4] }. */
function parseShape(text: string): { name: string; dims: number[] } {
  const m = /^([^:]{1,256}):(\d+(?:x\d+){0,7})$/.exec(text);
  if (!m) throw new GatewayError(`--input "${text}" is not NAME:D1xD2… (e.g. X:8x4)`, 'bad_flag', 400);
  return { name: m[1]!, dims: m[2]!.split('x').map(Number) };
}

function verificationOf(v: string | undefined): VerificationLevel {
  const level = v ?? 'spot';
  if (!(VERIFICATION_LEVELS as readonly string[]).includes(level)) throw new GatewayError(`--verification is one of ${VERIFICATION_LEVELS.join(', ')}`, 'bad_flag', 400);
  return level as VerificationLevel;
}

export async function jobQuoteAction(flags: JobFlags & { model: string; input: string[]; verification?: string }, io: ChainIo = processIo()): Promise<QuoteAnswer> {
  const client = clientOf(flags, io);
  const quote = await client.quote(await modelHash(client, flags.model), flags.input.map(parseShape), verificationOf(flags.verification));
  print(io, flags, { ...quote }, [`model         ${quote.model}`, `verification  ${quote.verification} (${quote.runs} paid run${quote.runs === 1 ? '' : 's'})`, `flops         ${quote.estimatedFlops}`, `price         ${quote.price} credit units`]);
  return quote;
}

export interface SubmitFlags extends JobFlags {
  model: string;
  inputs: string;
  minClass?: string;
  deadline?: number;
  maxPrice: string;
  verification?: string;
  wait?: number;
}

export async function jobSubmitAction(flags: SubmitFlags, io: ChainIo = processIo()): Promise<JobAnswer> {
  const client = clientOf(flags, io);
  let inputs: z.infer<typeof tensorSchema>[];
  try {
    inputs = z.array(tensorSchema).min(1).max(16).parse(JSON.parse(readFileSync(flags.inputs, 'utf8')));
  } catch (error) {
    throw new GatewayError(`--inputs ${flags.inputs}: a JSON array of { name, type, dims, data (base64) } is needed: ${(error as Error).message.slice(0, 300)}`, 'bad_flag', 400);
  }
  let job = await client.submit({ model: await modelHash(client, flags.model), inputs, minClass: flags.minClass ?? 'CPU', deadlineMs: flags.deadline ?? 60_000, maxPrice: flags.maxPrice, verification: verificationOf(flags.verification) });
  if (flags.wait) job = await client.wait(String(job.id), flags.wait * 1000);
  print(io, flags, { ...job }, [`job    ${job.id}`, `state  ${job.state}${job.reason ? ` (${job.reason})` : ''}`, `price  ${job.price} credit units (held until it settles)`]);
  return job;
}

export async function jobStatusAction(id: string, flags: JobFlags, io: ChainIo = processIo()): Promise<JobAnswer> {
  const job = await clientOf(flags, io).status(id);
  print(io, flags, { ...job }, [`job           ${job.id}`, `state         ${job.state}${job.reason ? ` (${job.reason})` : ''}`, `verification  ${job.verification}`, `price         ${job.price}`, `attempts      ${job.attempts}`]);
  return job;
}

export async function jobResultAction(id: string, flags: JobFlags & { out?: string }, io: ChainIo = processIo()): Promise<{ jobId: string; outputHash: string; outputs: WireTensor[] }> {
  const result = await clientOf(flags, io).result(id);
  if (flags.out) writeFileSync(flags.out, `${JSON.stringify(result.outputs)}\n`);
  print(io, flags, { ...result }, [`job          ${result.jobId}`, `output hash  ${result.outputHash}`, ...result.outputs.map((t) => `output       ${t.name} ${t.type} ${t.dims.join('x')}`), ...(flags.out ? [`written      ${flags.out}`] : [])]);
  return result;
}

export async function jobReceiptAction(id: string, flags: JobFlags & { gatewayHotkey?: string }, io: ChainIo = processIo()): Promise<{ receipt: GatewayReceipt; verified: boolean }> {
  const receipt = await clientOf(flags, io).receipt(id);
  const verified = verifyGatewayReceipt(receipt, flags.gatewayHotkey);
  print(io, { ...flags }, { receipt, verified }, [
    `job           ${receipt.jobId}`,
    `miner         ${receipt.miner}`,
    `model         ${receipt.modelHash}`,
    `inputs        ${receipt.inputHash}`,
    `outputs       ${receipt.outputHash}`,
    `device time   ${receipt.deviceMs} ms`,
    `price         ${receipt.price}`,
    `verification  ${receipt.verification}, ${receipt.checked ? `checked: ${receipt.runs.filter((r) => r.agreed).length} miners agreed` : 'not checked'}`,
    `signed by     ${receipt.gateway}: ${verified ? 'signature valid' : 'SIGNATURE INVALID'}`,
  ]);
  if (!verified) process.exitCode = 1;
  return { receipt, verified };
}

/** Runs an action, turning the gateway's refusals into one line and exit code 2 (a 4xx: fix the request) or 1. */
function run<A extends unknown[]>(action: (...args: A) => Promise<unknown>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      process.stderr.write(`pog job: ${error.message}\n`);
      process.exitCode = error.status >= 400 && error.status < 500 ? 2 : 1;
    } finally {
      exitPromptly();
    }
  };
}

const common = (c: Command) =>
  c.option('--gateway <url>', `the gateway's URL (env POG_GATEWAY_URL; default: ${DEFAULT_GATEWAY_URL})`).option('--json', 'print one JSON object');

/** `pog job quote|submit|status|result|receipt`: the buyer API from the command line (key in POG_API_KEY). */
export function registerJobCommand(program: Command): void {
  const job = program.command('job').description('buy compute from the gateway: quote, submit, status, result, receipt (API key in POG_API_KEY; see docs/gateway.md)');
  common(job.command('quote').description('price a job: a stored model (SHA-256) or an .onnx file (uploaded), input shapes, verification level'))
    .requiredOption('--model <hash|file>', "the model's SHA-256, or an .onnx file to upload")
    .option('--input <name:dims>', 'an input and its shape, e.g. X:8x4 (repeat for each input)', (v: string, all: string[] = []) => [...all, v])
    .option('--verification <level>', 'none, spot or redundant (default: spot)')
    .action(run((flags: JobFlags & { model: string; input?: string[]; verification?: string }) => jobQuoteAction({ ...flags, input: flags.input ?? [] })));
  common(job.command('submit').description('submit a job; its price is held until it settles (charged when delivered, released otherwise)'))
    .requiredOption('--model <hash|file>', "the model's SHA-256, or an .onnx file to upload")
    .requiredOption('--inputs <file.json>', 'a JSON array of input tensors: { name, type (float32, int64, …), dims, data (base64 little-endian) }')
    .requiredOption('--max-price <units>', 'the most credit units you will pay')
    .option('--min-class <class>', 'the least GPU class, e.g. RTX-4090, A100-80GB, H100-SXM (default: CPU, any)')
    .addOption(new Option('--deadline <ms>', 'milliseconds from now the job must finish in (default: 60000)').argParser(parseIntegerFlag('--deadline')))
    .option('--verification <level>', 'none, spot (a sampled share re-run on a second miner) or redundant (every job on two miners, priced as two) (default: spot)')
    .addOption(new Option('--wait <seconds>', 'wait up to this long for the job to settle').argParser(parseIntegerFlag('--wait')))
    .action(run((flags: SubmitFlags) => jobSubmitAction(flags)));
  common(job.command('status').description("a job's state and reason").argument('<id>')).action(run((id: string, flags: JobFlags) => jobStatusAction(id, flags)));
  common(job.command('result').description("a delivered job's outputs").argument('<id>'))
    .option('--out <file.json>', 'write the output tensors there (the same JSON form as --inputs)')
    .action(run((id: string, flags: JobFlags & { out?: string }) => jobResultAction(id, flags)));
  common(job.command('receipt').description("a delivered job's receipt, its gateway signature checked").argument('<id>'))
    .option('--gateway-hotkey <ss58>', "the gateway hotkey the receipt must be signed by (default: the key it names)")
    .action(run((id: string, flags: JobFlags & { gatewayHotkey?: string }) => jobReceiptAction(id, flags)));
}
