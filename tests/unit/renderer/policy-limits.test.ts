import { describe, expect, it } from 'vitest';
import { contract } from '../../../src-shared/contract';
import { checkSecurityPolicy } from '../../../src-renderer/features/security-policy/policy-limits';

const IDLE_PROBLEM = 'A whole number of seconds from 5 to 86400';
const LIFETIME_PROBLEM = 'A whole number of hours from 1 to 336';

describe('checkSecurityPolicy', () => {
  it('accepts the default policy', () => {
    expect(checkSecurityPolicy('900', '8')).toEqual({});
  });

  it('accepts both ends of each range', () => {
    expect(checkSecurityPolicy('5', '1')).toEqual({});
    expect(checkSecurityPolicy('86400', '336')).toEqual({});
  });

  it('refuses values just outside each range, naming the range', () => {
    expect(checkSecurityPolicy('4', '0')).toEqual({ idleLockSeconds: IDLE_PROBLEM, sessionLifetimeHours: LIFETIME_PROBLEM });
    expect(checkSecurityPolicy('86401', '337')).toEqual({ idleLockSeconds: IDLE_PROBLEM, sessionLifetimeHours: LIFETIME_PROBLEM });
  });

  it.each(['', '   ', '1.5', '-30', 'ten', '30s'])('refuses %j as an idle lock', (text) => {
    expect(checkSecurityPolicy(text, '8')).toEqual({ idleLockSeconds: IDLE_PROBLEM });
  });

  it('checks each field on its own', () => {
    expect(checkSecurityPolicy('900', '2.5')).toEqual({ sessionLifetimeHours: LIFETIME_PROBLEM });
  });

  it('lets through exactly the whole numbers main accepts', () => {
    const schema = contract['system.updateSettings'].input;
    for (const idle of [4, 5, 6, 86_399, 86_400, 86_401]) {
      for (const hours of [0, 1, 2, 335, 336, 337]) {
        const mainAccepts = schema.safeParse({ idleLockSeconds: idle, sessionLifetimeHours: hours }).success;
        const rendererAccepts = Object.keys(checkSecurityPolicy(String(idle), String(hours))).length === 0;
        expect(rendererAccepts, `${idle} s, ${hours} h`).toBe(mainAccepts);
      }
    }
  });
});
