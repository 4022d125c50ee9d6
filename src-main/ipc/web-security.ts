// Checks for the browser-mode transport. Pure functions over header values, tested on their own.
import { timingSafeEqual } from 'node:crypto';
import type { EventSocketHello } from '../../src-shared/browser-transport';

export { LAUNCH_HEADER } from '../../src-shared/browser-transport';

export const LAUNCH_COOKIE = 'vigil_launch';
export const SESSION_COOKIE = 'vigil_session';

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (!name || cookies.has(name)) continue;
    // A malformed escape is someone else's cookie, or garbage: skipped, never a failed request.
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      continue;
    }
  }
  return cookies;
}

/** The launch token from the event socket's first message, or null for anything else. */
export function helloToken(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): string | null {
  if (isBinary || !Buffer.isBuffer(data)) return null;
  let message: Partial<EventSocketHello> | null;
  try {
    message = JSON.parse(data.toString('utf8')) as Partial<EventSocketHello> | null;
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null || message.type !== 'hello') return null;
  return typeof message.launchToken === 'string' ? message.launchToken : null;
}

export function secretsEqual(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Only our own loopback origin: a foreign Host header means DNS rebinding or a proxy. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).has(host.toLowerCase());
}

/** A request from a page of another origin (another local server, a website) carries its Origin. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
