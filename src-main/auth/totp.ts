// RFC 6238 TOTP via otplib, with one step of clock drift allowed either way and replay refused:
// a code is accepted only for a time step later than the last one the user used.
import { authenticator } from 'otplib';

const STEP_SECONDS = 30;

export function generateTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function totpUri(secret: string, account: string, issuer: string): string {
  return authenticator.keyuri(account, issuer, secret);
}

/** The time step the code belongs to, or null when it is wrong or outside the drift window. */
export function matchTotp(code: string, secret: string, nowMs: number): number | null {
  const checker = authenticator.clone({ epoch: nowMs, window: 1, step: STEP_SECONDS });
  const delta = checker.checkDelta(code.replace(/\s/g, ''), secret);
  if (delta === null) return null;
  return Math.floor(nowMs / 1000 / STEP_SECONDS) + delta;
}

/** A code for tests and for the enrolment screen's self-check. */
export function totpCodeAt(secret: string, nowMs: number): string {
  return authenticator.clone({ epoch: nowMs, step: STEP_SECONDS }).generate(secret);
}
