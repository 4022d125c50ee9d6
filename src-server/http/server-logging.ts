// What the server logs (docs/SYNC.md, "Operations"): JSON lines through pino, with request ids,
// routes, statuses and durations, and the organisation and device once known. Handlers log ids and
// counts; redaction is the second line of defence for anything that still names a secret.
import type { FastifyServerOptions } from 'fastify';

export interface ServerLoggerOptions {
  level?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where lines go (stdout if absent); tests pass a collector. */
  stream?: { write(line: string): void };
}

/** Paths pino replaces with "[redacted]" wherever they occur in a log line. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
  'req.body', 'res.body', 'body', '*.body',
  'token', 'credential', 'accessToken', 'password', 'secret',
  '*.token', '*.credential', '*.accessToken', '*.password', '*.secret',
];

export function fastifyLoggerOptions(options: ServerLoggerOptions | false): FastifyServerOptions['logger'] {
  if (options === false) return false;
  return {
    level: options.level ?? 'info',
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    ...(options.stream === undefined ? {} : { stream: options.stream }),
  };
}
