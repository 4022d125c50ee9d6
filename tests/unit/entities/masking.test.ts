import { describe, expect, it } from 'vitest';
import { maskEntity, maskText } from '../../../src-main/entities/masking';

describe('PII masking', () => {
  it('masks each PII kind the way the issue shows, and leaves other kinds alone', () => {
    expect(maskEntity('email', 'jane.doe@example.com')).toBe('j***@example.com');
    expect(maskEntity('ip', '203.0.113.77')).toBe('203.0.113.x');
    expect(maskEntity('ip', '2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3::x');
    expect(maskEntity('phone', '+442079460958')).toBe('+**********58');
    expect(maskEntity('account', 'u-123456')).toBe('****3456');
    expect(maskEntity('payment', 'card-4000-xxxx-1234')).toBe('****1234');
    expect(maskEntity('domain', 'evil.example')).toBe('evil.example');
    expect(maskEntity('url', 'https://evil.example/login')).toBe('https://evil.example/login');
  });

  it('masks PII inside free text, including known accounts extraction cannot see', () => {
    const text = 'Credential stuffing against Jane.Doe@Example.com from 198.51.100.23 on account u-123456 via https://evil.example/login';
    const masked = maskText(text, [{ kind: 'account', value: 'u-123456' }]);
    expect(masked).toBe('Credential stuffing against j***@example.com from 198.51.100.x on account ****3456 via https://evil.example/login');
    for (const secret of ['Jane.Doe', '198.51.100.23', 'u-123456']) expect(masked).not.toContain(secret);
  });

  it('masks a value inside a longer one without leaving half of it', () => {
    expect(maskText('accounts u-12 and u-1234567', [{ kind: 'account', value: 'u-12' }, { kind: 'account', value: 'u-1234567' }]))
      .toBe('accounts **** and ****4567');
  });
});
