import { describe, expect, it } from 'vitest';
import { VigilError } from '../../../src-shared/errors';
import { describeError } from '../../../src-renderer/format/error-message';

describe('describeError', () => {
  it('tells the person when they may try again after a lockout', () => {
    // Built from local-time parts, so the wording holds in any time zone.
    const retryAt = new Date(2025, 10, 25, 14, 3, 7).getTime();
    const described = describeError(new VigilError('LOCKED_OUT', 'Too many failed attempts; try again later', { retryAt }));
    expect(described).toEqual({ code: 'LOCKED_OUT', message: 'Too many failed attempts. Try again after 14:03:07', fields: {} });
  });

  it('still explains a lockout when main did not say until when', () => {
    expect(describeError(new VigilError('LOCKED_OUT', 'Too many failed attempts; try again later')).message).toBe('Too many failed attempts. Try again later');
    expect(describeError(new VigilError('LOCKED_OUT', 'x', { retryAt: 'soon' })).message).toBe('Too many failed attempts. Try again later');
  });

  it('puts each validation issue next to the field it names', () => {
    const error = new VigilError('VALIDATION', 'Passwords need at least 12 characters', {
      issues: [
        { path: 'newPassword', message: 'Passwords need at least 12 characters' },
        { path: 'username', message: 'Usernames are 2–32 characters: letters, digits, dot, dash, underscore' },
      ],
    });
    expect(describeError(error)).toEqual({
      code: 'VALIDATION',
      message: 'Passwords need at least 12 characters',
      fields: {
        newPassword: 'Passwords need at least 12 characters',
        username: 'Usernames are 2–32 characters: letters, digits, dot, dash, underscore',
      },
    });
  });

  it('keeps the first issue for a field, and leaves issues about the whole input to the banner', () => {
    const error = new VigilError('VALIDATION', 'Unrecognized key', {
      issues: [
        { path: 'newPassword', message: 'Too short' },
        { path: 'newPassword', message: 'Second complaint' },
        { path: '', message: 'Unrecognized key' },
        { path: ['not', 'a', 'string'], message: 'Ignored' },
        null,
      ],
    });
    expect(describeError(error).fields).toEqual({ newPassword: 'Too short' });
  });

  it('maps a conflict about one field to that field', () => {
    const error = new VigilError('CONFLICT', 'That username is taken', { field: 'username' });
    expect(describeError(error).fields).toEqual({ username: 'That username is taken' });
  });

  it('uses the screen’s own wording for a code, and still maps the fields', () => {
    const error = new VigilError('VALIDATION', 'Invalid input', { issues: [{ path: 'code', message: 'Expected 6 digits' }] });
    expect(describeError(error, { VALIDATION: 'Enter the 6-digit code, or a recovery code' })).toEqual({
      code: 'VALIDATION',
      message: 'Enter the 6-digit code, or a recovery code',
      fields: { code: 'Expected 6 digits' },
    });
  });

  it('shows the server’s message for other codes', () => {
    expect(describeError(new VigilError('FORBIDDEN', 'You may not manage this account'))).toEqual({
      code: 'FORBIDDEN',
      message: 'You may not manage this account',
      fields: {},
    });
  });

  it('says Vigil did not answer when the call failed without a Vigil error', () => {
    const described = describeError(new TypeError('Failed to fetch'));
    expect(described.code).toBe('UNREACHABLE');
    expect(described.message).toMatch(/^Vigil did not answer/);
    expect(described.fields).toEqual({});
  });
});
