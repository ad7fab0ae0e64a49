import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './errors';

export interface ConfigSources {
  /** A JSON file; missing is an error only when the path was given explicitly. */
  file?: string;
  /** Values from environment variables, already mapped to schema keys. */
  env?: Record<string, unknown>;
  /** Values from command-line flags (highest precedence); undefined entries are ignored. */
  flags?: Record<string, unknown>;
}

function readJsonFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`, { path });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('top level must be an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`, { path });
  }
}

function definedEntries(values: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/**
 * Loads a service's configuration: schema defaults, then the file, then environment, then
 * flags. Every layer is validated together by the one zod schema; the first problem found is
 * reported with its key path.
 */
export function loadConfig<S extends z.ZodType>(schema: S, sources: ConfigSources = {}): z.infer<S> {
  const merged = {
    ...(sources.file ? readJsonFile(sources.file) : {}),
    ...definedEntries(sources.env),
    ...definedEntries(sources.flags),
  };
  const result = schema.safeParse(merged);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${issues.join('; ')}`, { issues });
  }
  return result.data;
}
