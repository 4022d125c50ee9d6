import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, newPasswordSchema } from '../../../src-shared/contract';
import { PASSWORD_RULE, checkNewPassword, hasProblems } from '../../../src-renderer/features/auth/password-rules';

const ofLength = (length: number) => 'p'.repeat(length);

describe('checkNewPassword', () => {
  it('accepts a long passphrase typed the same twice', () => {
    const passphrase = 'correct horse battery staple';
    expect(checkNewPassword(passphrase, passphrase)).toEqual({});
  });

  it('asks for more characters below the minimum', () => {
    const short = ofLength(MIN_PASSWORD_LENGTH - 1);
    expect(checkNewPassword(short, short)).toEqual({ newPassword: 'Use at least 12 characters' });
  });

  it('refuses a password over the maximum, as main does', () => {
    const long = ofLength(MAX_PASSWORD_LENGTH + 1);
    expect(checkNewPassword(long, long)).toEqual({ newPassword: 'Use at most 256 characters' });
  });

  it('says when the repeat does not match, alongside any length problem', () => {
    expect(checkNewPassword('correct horse battery staple', 'correct horse battery stapel')).toEqual({ repeat: 'The two passwords do not match' });
    expect(checkNewPassword('short', 'shorter')).toEqual({ newPassword: 'Use at least 12 characters', repeat: 'The two passwords do not match' });
  });

  it('accepts and refuses exactly the lengths main accepts and refuses', () => {
    for (const length of [0, 1, MIN_PASSWORD_LENGTH - 1, MIN_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH + 1, MAX_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH + 1]) {
      const password = ofLength(length);
      expect(hasProblems(checkNewPassword(password, password)), `length ${length}`).toBe(!newPasswordSchema.safeParse(password).success);
    }
  });

  it('states the same minimum in the hint it enforces', () => {
    expect(PASSWORD_RULE).toContain(`At least ${MIN_PASSWORD_LENGTH} characters`);
  });
});
