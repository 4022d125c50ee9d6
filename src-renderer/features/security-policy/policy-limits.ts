// The limits main accepts for the security policy (system.updateSettings in src-shared/contract.ts),
// checked before the round trip so the message sits next to the field.
import { IDLE_LOCK_SECONDS, SESSION_LIFETIME_HOURS } from '../../../src-shared/limits';

export { IDLE_LOCK_SECONDS, SESSION_LIFETIME_HOURS };

export interface PolicyProblems {
  idleLockSeconds?: string;
  sessionLifetimeHours?: string;
}

function wholeNumberIn(text: string, limits: { min: number; max: number }): boolean {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= limits.min && value <= limits.max;
}

export function checkSecurityPolicy(idleLockSeconds: string, sessionLifetimeHours: string): PolicyProblems {
  const problems: PolicyProblems = {};
  if (!wholeNumberIn(idleLockSeconds, IDLE_LOCK_SECONDS)) {
    problems.idleLockSeconds = `A whole number of seconds from ${IDLE_LOCK_SECONDS.min} to ${IDLE_LOCK_SECONDS.max}`;
  }
  if (!wholeNumberIn(sessionLifetimeHours, SESSION_LIFETIME_HOURS)) {
    problems.sessionLifetimeHours = `A whole number of hours from ${SESSION_LIFETIME_HOURS.min} to ${SESSION_LIFETIME_HOURS.max}`;
  }
  return problems;
}
