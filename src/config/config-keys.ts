import { z } from 'zod';

/**
 * How a config key is reached from outside its file: a command-line flag and an environment
 * variable. Declared once, next to the key's zod schema (its type, bounds, default and
 * `.describe()` text), and read by the CLI, which generates its options and help from it, and
 * by environmentOf. A key without it is set in the config file only.
 */
export interface CliSource {
  /** The flag without dashes (`axon.port`, `no-weights`); default: the key in kebab case. */
  readonly flag?: string;
  /** The placeholder in help (`<seconds>`); default: from the type. */
  readonly value?: string;
  /** An environment variable read for the key (below flags, above the file). */
  readonly env?: string;
  /** What help shows as the default when the schema's default is not the whole story. */
  readonly defaultText?: string;
  /** Help text when the schema's `.describe()` is missing or meant for the file. */
  readonly help?: string;
  /** The flag must be given (commander refuses the command without it), whatever the file says. */
  readonly mandatory?: boolean;
  /** A secret: read from `env` only, never a flag (flags show in `ps` and shell history). */
  readonly envOnly?: boolean;
}

/** The registry of keys with a flag or an environment variable. */
export const keySources = z.registry<CliSource>();

/** Marks `schema` as settable by a flag (and `env`); call it last, after `.default()` and `.describe()`. */
export function fromCli<T extends z.ZodType>(schema: T, source: CliSource = {}): T {
  keySources.add(schema, source);
  return schema;
}

/** The base type under defaults, optionals and nullables, and what wrapped it. */
export function unwrapKey(schema: z.ZodType): { base: z.ZodType; defaultValue: unknown; nullable: boolean } {
  let current = schema as z.ZodType & { _zod: { def: { type: string; innerType?: z.ZodType; defaultValue?: unknown } } };
  let defaultValue: unknown;
  let nullable = false;
  for (;;) {
    const def = current._zod.def;
    if (def.type === 'default') defaultValue = def.defaultValue;
    else if (def.type === 'nullable') nullable = true;
    else if (def.type !== 'optional') return { base: current, defaultValue, nullable };
    current = def.innerType as typeof current;
  }
}

/** The kind of value a key holds, as far as parsing a flag or variable needs. */
export type KeyKind = 'integer' | 'number' | 'boolean' | 'string' | 'choice' | 'list';

export function keyKind(base: z.ZodType): KeyKind {
  const def = (base as unknown as { _zod: { def: { type: string } } })._zod.def;
  if (def.type === 'number') return (base as z.ZodNumber).isInt ? 'integer' : 'number';
  if (def.type === 'boolean') return 'boolean';
  if (def.type === 'enum') return 'choice';
  if (def.type === 'array') return 'list';
  return 'string';
}

/** The keys of `schema` with a CliSource, in the schema's order. */
export function sourcedKeys(schema: z.ZodObject): { key: string; schema: z.ZodType; source: CliSource }[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, s]) => {
    // has(), not get(): the registry's get() answers undefined for an empty source.
    return keySources.has(s) ? [{ key, schema: s, source: keySources.get(s) ?? {} }] : [];
  });
}

/**
 * The values of the environment variables `schema` names, by key, parsed from text by the key's
 * kind (lists comma-separated); an unset or empty variable is left out. The schema still
 * validates them, with the rest of the config.
 */
export function environmentOf(schema: z.ZodObject, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, schema: s, source } of sourcedKeys(schema)) {
    const text = source.env ? env[source.env] : undefined;
    if (text === undefined || text === '') continue;
    out[key] = parseText(text, keyKind(unwrapKey(s).base));
  }
  return out;
}

/** Text → the value of a key of `kind`; what does not parse is passed on as text, for the schema to reject by name. */
export function parseText(text: string, kind: KeyKind): unknown {
  switch (kind) {
    case 'integer':
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'list':
      return text.split(',').map((s) => s.trim()).filter(Boolean);
    default:
      return text;
  }
}
