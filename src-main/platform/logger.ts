// Structured log lines. Callers pass context objects; never secrets, passwords, keys or PII.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, context?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { log: () => undefined };

export function consoleLogger(minimum: LogLevel = 'info'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return {
    log(level, message, context) {
      if (order.indexOf(level) < order.indexOf(minimum)) return;
      const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...context });
      process.stderr.write(`${line}\n`);
    },
  };
}
