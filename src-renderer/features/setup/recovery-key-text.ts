// Compares a typed recovery key with the one on screen the way main parses it: case, spaces and
// dashes do not matter, and Crockford look-alikes (O→0, I/L→1) are the same character.
export function normalizeRecoveryKey(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function sameRecoveryKey(typed: string, shown: string): boolean {
  return normalizeRecoveryKey(typed) === normalizeRecoveryKey(shown);
}
