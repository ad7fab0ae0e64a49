import { z } from 'zod';
import type { Hex } from './backend';
import { invalidParams, type JsonRpcParams } from './json-rpc-schema';

/**
 * Positional (or by-name) parameter specs and the zod schemas for Substrate's
 * parameter types. A value that fails its schema is a -32602 naming the parameter.
 */
export interface ParamSpec<T> {
  readonly name: string;
  readonly schema: z.ZodType<T>;
  readonly optional: boolean;
}

export function required<T>(name: string, schema: z.ZodType<T>): ParamSpec<T> {
  return { name, schema, optional: false };
}

/** Omitted, or JSON `null`, becomes `undefined` (Substrate's `Option<T>` parameters). */
export function optional<T>(name: string, schema: z.ZodType<T>): ParamSpec<T | undefined> {
  return { name, schema: schema as z.ZodType<T | undefined>, optional: true };
}

const U32_MAX = 0xffff_ffff;

const asHex = (value: string): Hex => value.toLowerCase() as Hex;

/** Any byte string: `0x` followed by an even number of hex digits (lower-cased). */
export const bytesSchema = z
  .string({ error: 'expected a 0x-prefixed hex string' })
  .regex(/^0x(?:[0-9a-fA-F]{2})*$/, 'expected a 0x-prefixed hex string with an even number of hex digits')
  .transform(asHex);

/** A non-empty byte string (an extrinsic). */
export const nonEmptyBytesSchema = z
  .string({ error: 'expected a 0x-prefixed hex string' })
  .regex(/^0x(?:[0-9a-fA-F]{2})+$/, 'expected a non-empty 0x-prefixed hex string with an even number of hex digits')
  .transform(asHex);

/** A 32-byte hash (block hash). */
export const hashSchema = z
  .string({ error: 'expected a 32-byte hash as a 0x-prefixed hex string' })
  .regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte hash: 0x followed by 64 hex digits')
  .transform(asHex);

export const u32Schema = z
  .number({ error: 'expected an unsigned 32-bit integer' })
  .int('expected an unsigned 32-bit integer')
  .min(0, 'expected an unsigned 32-bit integer')
  .max(U32_MAX, 'expected an unsigned 32-bit integer');

/** Substrate's `NumberOrHex` narrowed to a u32 block number: `7` or `"0x7"`. */
export const blockNumberSchema = z
  .union([z.number(), z.string()], { error: 'expected a block number: an integer or a 0x-prefixed hex string' })
  .transform((value, ctx) => {
    const number = typeof value === 'number' ? value : /^0x[0-9a-fA-F]{1,16}$/.test(value) ? Number.parseInt(value.slice(2), 16) : NaN;
    if (!Number.isSafeInteger(number) || number < 0 || number > U32_MAX) {
      ctx.addIssue({ code: 'custom', message: `expected a block number between 0 and ${U32_MAX}, got ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return number;
  });

/** `chain_getBlockHash` takes one number or a list of them (`ListOrValue<NumberOrHex>`). */
export const blockNumberListOrValueSchema = z.union([blockNumberSchema, z.array(blockNumberSchema).max(1024)], {
  error: 'expected a block number (integer or 0x-hex) or a list of them',
});

export const subscriptionIdSchema = z
  .union([z.string(), z.number()], { error: 'expected a subscription id' })
  .transform((value) => String(value));

export const textSchema = z.string({ error: 'expected a string' });

export type ParamValues<P extends readonly ParamSpec<unknown>[]> = {
  -readonly [K in keyof P]: P[K] extends ParamSpec<infer T> ? T : never;
};

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid value';
  const path = issue.path.length === 0 ? '' : ` at ${issue.path.map(String).join('.')}`;
  return `${issue.message}${path}`;
}

/** Validates `params` (array or by-name object) against `specs`; throws -32602 with the reason. */
export function parseParams(specs: readonly ParamSpec<unknown>[], params: JsonRpcParams | undefined): unknown[] {
  let values: unknown[];
  if (params === undefined || params === null) {
    values = [];
  } else if (Array.isArray(params)) {
    if (params.length > specs.length) {
      throw invalidParams(`expected at most ${specs.length} parameter${specs.length === 1 ? '' : 's'}, got ${params.length}`);
    }
    values = params;
  } else {
    const known = new Set(specs.map((spec) => spec.name));
    const unknown = Object.keys(params).filter((key) => !known.has(key));
    if (unknown.length > 0) throw invalidParams(`unknown parameter${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`);
    values = specs.map((spec) => params[spec.name]);
  }

  return specs.map((spec, index) => {
    const value = values[index];
    if (value === undefined || value === null) {
      if (spec.optional) return undefined;
      throw invalidParams(`missing required parameter ${index} '${spec.name}'`);
    }
    const parsed = spec.schema.safeParse(value);
    if (!parsed.success) throw invalidParams(`parameter ${index} '${spec.name}': ${describeIssue(parsed.error)}`);
    return parsed.data;
  });
}
