// The new-password rule as the person sees it, checked before the round trip. The bounds come from
// src-shared/contract.ts, where newPasswordSchema uses them too (NIST 800-63B: length, no
// composition rules); main checks again and has the last word.
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../src-shared/limits';

export const PASSWORD_RULE = `At least ${MIN_PASSWORD_LENGTH} characters. A long passphrase is easiest to remember.`;

export interface NewPasswordProblems {
  newPassword?: string;
  repeat?: string;
}

export function checkNewPassword(newPassword: string, repeat: string): NewPasswordProblems {
  const problems: NewPasswordProblems = {};
  if (newPassword.length < MIN_PASSWORD_LENGTH) problems.newPassword = `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  else if (newPassword.length > MAX_PASSWORD_LENGTH) problems.newPassword = `Use at most ${MAX_PASSWORD_LENGTH} characters`;
  if (repeat !== newPassword) problems.repeat = 'The two passwords do not match';
  return problems;
}

export function hasProblems(problems: object): boolean {
  return Object.values(problems).some(Boolean);
}
