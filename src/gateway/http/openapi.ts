import { z } from 'zod';
import { bondDepositBody, createAccountBody, createKeyBody, quoteBody, submitJobBody } from './schemas';

const error = { description: 'An error: `{ error: { code, message, details } }`' };
const json = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } });
const jobId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^job_[0-9a-f]{24}$' } };
const bearer = (scope: string) => ({ security: [{ apiKey: [] }], 'x-scope': scope });

/** The gateway's OpenAPI 3.1 document (served at /openapi.json), request bodies generated from the zod schemas the server validates with. */
export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'pog-subnet gateway', version, description: 'Buyer API of the compute market. Amounts are integer credit units (1 unit = 1 rao of TAO value) as decimal strings.' },
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'pog_<id>_<secret>' }, admin: { type: 'http', scheme: 'bearer', description: "the operator's admin token" } } },
    paths: {
      '/v1/accounts': { post: { summary: 'Create an account and its first API key (operator only)', security: [{ admin: [] }], requestBody: json(createAccountBody), responses: { 201: { description: 'account, apiKey (shown once)' }, 400: error, 401: error } } },
      '/v1/account': { get: { summary: 'Balance, deposit address, recent credit entries', ...bearer('account:read'), responses: { 200: { description: 'account' }, 401: error, 403: error } } },
      '/v1/keys': {
        get: { summary: "List the account's keys", ...bearer('keys:manage'), responses: { 200: { description: 'keys' } } },
        post: { summary: 'Create a scoped key', ...bearer('keys:manage'), requestBody: json(createKeyBody), responses: { 201: { description: 'keyId, apiKey (shown once)' }, 400: error } },
      },
      '/v1/keys/{id}': { delete: { summary: 'Revoke a key', ...bearer('keys:manage'), parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'revoked' }, 404: error } } },
      '/v1/payments/webhook': {
        post: {
          summary: "The payment processor's signed events (Stripe-Signature: t=…,v1=HMAC-SHA256(secret, t.body)); checkout.session.completed with client_reference_id = account id credits amount_total × the recorded rate, once per event id",
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: { 200: { description: 'eventId, outcome, duplicate, credited' }, 400: error },
        },
      },
      '/v1/models': {
        post: {
          summary: 'Upload an ONNX model (raw bytes); checked before any miner sees it; addressed by SHA-256',
          ...bearer('jobs:write'),
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          responses: { 201: { description: 'the model' }, 200: { description: 'already stored' }, 413: error, 422: error },
        },
      },
      '/v1/models/{hash}': { get: { summary: "A model's metadata", ...bearer('jobs:read'), parameters: [{ name: 'hash', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'the model' }, 404: error } } },
      '/v1/quote': { post: { summary: 'Price a job: model, input shapes, verification level', ...bearer('jobs:read'), requestBody: json(quoteBody), responses: { 200: { description: 'quote' }, 400: error, 404: error } } },
      '/v1/jobs': {
        post: {
          summary: 'Submit a job: a stored model, its input tensors (base64 little-endian), minimum GPU class, deadline, maximum price, verification level. Its price is held at once.',
          ...bearer('jobs:write'),
          requestBody: json(submitJobBody),
          responses: { 201: { description: 'the job, queued' }, 400: error, 402: error, 404: error, 413: error, 422: error, 429: error },
        },
      },
      '/v1/jobs/{id}': { get: { summary: "A job's state (queued, assigned, running, done, failed) and reason", ...bearer('jobs:read'), parameters: [jobId], responses: { 200: { description: 'the job' }, 404: error } } },
      '/v1/jobs/{id}/result': { get: { summary: "A delivered job's outputs (tensors as submitted) and their hash", ...bearer('jobs:read'), parameters: [jobId], responses: { 200: { description: 'jobId, outputHash, outputs' }, 404: error, 409: error } } },
      '/v1/jobs/{id}/receipt': {
        get: {
          summary: "A delivered job's receipt signed by the gateway's hotkey: miner, model and input hashes, output hash, device time, price, verification and every run",
          ...bearer('jobs:read'),
          parameters: [jobId],
          responses: { 200: { description: 'receipt' }, 404: error, 409: error },
        },
      },
      '/v1/bonds': { post: { summary: "Record collateral a miner deposited (operator only), once per ref", security: [{ admin: [] }], requestBody: json(bondDepositBody), responses: { 201: { description: 'bond' }, 200: { description: 'duplicate ref: nothing changed' }, 400: error, 401: error } } },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
  };
}
