import { InvalidArgumentError, Option, type Command } from 'commander';
import type { z } from 'zod';
import { environmentOf, keyKind, loadConfig, parseText, sourcedKeys, unwrapKey, type KeyKind, type CliSource } from '../../config';

/** One generated flag: the commander option and how its parsed value maps back to its config key. */
interface ConfigOption {
  readonly key: string;
  readonly option: Option;
  /** The value for loadConfig's flags layer; undefined when the flag was not given. */
  readonly valueOf: (given: unknown) => unknown;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const PLACEHOLDERS: Record<KeyKind, string> = { integer: '<n>', number: '<n>', boolean: '', string: '<value>', choice: '<name>', list: '<value>' };

function defaultText(value: unknown, source: CliSource): string | undefined {
  if (source.defaultText !== undefined) return source.defaultText;
  if (value === undefined || typeof value === 'boolean' || (Array.isArray(value) && value.length === 0)) return undefined;
  if (value === null) return 'off';
  return Array.isArray(value) ? value.join(',') : String(value);
}

function helpOf(schema: z.ZodType, source: CliSource, defaultValue: unknown, nullable: boolean, kind: KeyKind): string {
  const notes = [
    source.env ? `env ${source.env}` : undefined,
    kind === 'list' ? 'repeat, or comma-separate' : undefined,
    nullable && kind !== 'boolean' ? '"off" for none' : undefined,
  ];
  const shown = defaultText(defaultValue, source);
  if (shown !== undefined) notes.push(`default: ${shown}`);
  const said = notes.filter(Boolean).join('; ');
  return `${source.help ?? schema.description ?? ''}${said ? ` (${said})` : ''}`.trim();
}

/** What an argParser returns for "off": commander turns a null it returns into '', so valueOf maps this back to null. */
const OFF = Symbol('off');

/** A commander argParser for `kind`, naming the flag in its error. */
function parserFor(flag: string, kind: KeyKind, nullable: boolean): ((text: string, previous: unknown) => unknown) | undefined {
  const orNull = (parse: (text: string, previous: unknown) => unknown) => (text: string, previous: unknown) =>
    nullable && (text === 'off' || text === '-1') ? OFF : parse(text, previous);
  switch (kind) {
    case 'integer':
      return orNull((text) => {
        if (!/^-?\d+$/.test(text)) throw new InvalidArgumentError(`${flag} takes a whole number, got "${text}"`);
        return Number(text);
      });
    case 'number':
      return orNull((text) => {
        const value = parseText(text, kind);
        if (typeof value !== 'number') throw new InvalidArgumentError(`${flag} takes a number, got "${text}"`);
        return value;
      });
    case 'list':
      return (text, previous) => [...((previous as string[] | undefined) ?? []), ...(parseText(text, kind) as string[])];
    case 'string':
      return nullable ? orNull((text) => text) : undefined;
    default:
      return undefined;
  }
}

function configOption(key: string, schema: z.ZodType, source: CliSource): ConfigOption {
  const { base, defaultValue, nullable } = unwrapKey(schema);
  const kind = keyKind(base);
  const name = source.flag ?? kebab(key);
  const flag = `--${name}`;
  const help = helpOf(schema, source, defaultValue, nullable, kind);
  if (kind === 'boolean') {
    const option = new Option(flag, help);
    // `--no-x` sets false; a plain `--x` sets true; not given leaves the file, env or default.
    const negated = name.startsWith('no-');
    return { key, option, valueOf: (given) => (negated ? (given === false ? false : undefined) : given === true ? true : undefined) };
  }
  const option = new Option(`${flag} ${source.value ?? PLACEHOLDERS[kind]}`, help);
  if (source.mandatory) option.makeOptionMandatory();
  if (kind === 'choice') option.choices((base as unknown as { options: string[] }).options);
  const parse = parserFor(flag, kind, nullable);
  if (parse) option.argParser(parse);
  return { key, option, valueOf: (given) => (given === OFF ? null : given) };
}

/**
 * The command-line side of a config schema: one commander option per key registered with
 * `fromCli` (src/config), its help from the key's `.describe()`, environment variable and
 * default, its parsing from the key's type. The values go to loadConfig's flags layer, where
 * the same schema validates them with the file and the environment.
 */
export class ConfigOptions<S extends z.ZodObject> {
  private readonly options: readonly ConfigOption[];

  /** `only`: the keys that get a flag here (default: every key registered with fromCli). */
  constructor(
    private readonly schema: S,
    only?: readonly (keyof z.infer<S> & string)[],
  ) {
    this.options = sourcedKeys(schema)
      .filter(({ key, source }) => !source.envOnly && (!only || only.includes(key)))
      .map(({ key, schema: s, source }) => configOption(key, s, source));
    for (const key of only ?? []) if (!this.options.some((o) => o.key === key)) throw new Error(`config key ${key} has no flag (fromCli)`);
  }

  /** Adds every option to `command`, in the schema's order. */
  addTo(command: Command): Command {
    for (const { option } of this.options) command.addOption(option);
    return command;
  }

  /** The config: defaults, then the `--config` file, then the environment, then the flags given; validated together. */
  load(flags: Record<string, unknown> & { config?: string }, env: NodeJS.ProcessEnv): z.infer<S> {
    return loadConfig(this.schema, { file: flags.config, env: environmentOf(this.schema, env), flags: this.values(flags) });
  }

  /** The flags given, by config key (the ones not given are undefined). */
  values(parsed: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(this.options.map(({ key, option, valueOf }) => [key, valueOf(parsed[option.attributeName()])]));
  }
}
