// Command-line arguments of the npm scripts, read with node:util parseArgs:
// an unknown option, a missing value or a stray argument stops the script
// with exit code 2 and its usage line, before it touches anything.
import { parseArgs, type ParseArgsConfig } from "node:util";

export function usageError(usage: string, message: string): never {
  process.stderr.write(`${message}\nUsage: ${usage}\n`);
  process.exit(2);
}

export function readArgs<T extends ParseArgsConfig>(usage: string, config: T) {
  try {
    return parseArgs({ args: process.argv.slice(2), strict: true, ...config });
  } catch (error) {
    usageError(usage, (error as Error).message);
  }
}

/** A whole number at least `min` given as an option's text; anything else stops the script. */
export function wholeNumber(usage: string, name: string, text: string | undefined, fallback: number, min = 0): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min) usageError(usage, `${name} must be a whole number of at least ${min}, not "${text}".`);
  return Number(text);
}
