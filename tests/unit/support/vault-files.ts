// Reads every byte under a data directory, to prove nothing sensitive lands on disk in plaintext.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Files whose bytes contain `needle` as UTF-8 or UTF-16LE. */
export function filesContaining(dir: string, needle: string): string[] {
  const utf8 = Buffer.from(needle, 'utf8');
  const utf16 = Buffer.from(needle, 'utf16le');
  return filesUnder(dir).filter((path) => {
    const bytes = readFileSync(path);
    return bytes.includes(utf8) || bytes.includes(utf16);
  });
}
