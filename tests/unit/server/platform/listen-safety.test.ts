import { describe, expect, it } from 'vitest';
import { assertSafeListen, isLoopbackHost } from '../../../../src-server/http/listen-safety';

describe('where the server may listen without TLS', () => {
  it('counts only the machine itself as loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'vigil.example.org', '127.0.0.1.evil.org', '']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses any other address unless a certificate is given', () => {
    expect(() => assertSafeListen('127.0.0.1', false)).not.toThrow();
    expect(() => assertSafeListen('0.0.0.0', false)).toThrow(/without TLS/);
    expect(() => assertSafeListen('0.0.0.0', true)).not.toThrow();
  });
});
