import { InvalidArgumentError } from 'commander';

/** A commander argParser for a non-negative integer flag, with the flag's name in the error. */
export function parseIntegerFlag(flag: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${flag} takes a whole number, got "${value}"`);
    return Number(value);
  };
}
