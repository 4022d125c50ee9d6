// Structured log lines, to stderr and to the rotating file in the app-data folder. Every line goes
// through the redaction (log-redaction.ts) first: callers pass context objects and should never
// pass secrets or PII, and a field named like a secret, or an email, IP or phone number in the
// text, is kept out even when one does.
import { DEFAULT_LOG_ROTATION, logFilePath, RotatingLogFile, type LogRotation } from './log-file';
import { redactText, redactValue } from './log-redaction';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, context?: Record<string, unknown>): void;
  /** Where the lines are kept, when they are kept in a file (shown to users with errors). */
  readonly filePath?: string;
}

export const silentLogger: Logger = { log: () => undefined };

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** One redacted JSON line. */
export function formatLogLine(at: Date, level: LogLevel, message: string, context?: Record<string, unknown>): string {
  const fields = context ? (redactValue(context) as Record<string, unknown>) : {};
  return JSON.stringify({ ...fields, at: at.toISOString(), level, message: redactText(message) });
}

export function consoleLogger(minimum: LogLevel = 'info'): Logger {
  return {
    log(level, message, context) {
      if (ORDER.indexOf(level) < ORDER.indexOf(minimum)) return;
      process.stderr.write(`${formatLogLine(new Date(), level, message, context)}\n`);
    },
  };
}

export interface AppLoggerOptions {
  /** Lines below this level are dropped. */
  minimum: LogLevel;
  /** Also write each line to stderr (the CLI and development runs). */
  stderrMinimum?: LogLevel | null;
  rotation?: LogRotation;
}

/**
 * The app's logger: lines at `minimum` and above go to `<dataDir>/logs/vigil.log`. A file that
 * cannot be written (a full disk, a read-only folder) never takes the app down: the line goes to
 * stderr with the reason, once.
 */
export function appLogger(dataDir: string, options: AppLoggerOptions): Logger & { readonly filePath: string; close(): void } {
  const file = new RotatingLogFile(logFilePath(dataDir), options.rotation ?? DEFAULT_LOG_ROTATION);
  const stderrMinimum = options.stderrMinimum ?? null;
  let fileFailed = false;
  return {
    filePath: file.path,
    log(level, message, context) {
      const rank = ORDER.indexOf(level);
      const toFile = rank >= ORDER.indexOf(options.minimum);
      const toStderr = stderrMinimum !== null && rank >= ORDER.indexOf(stderrMinimum);
      if (!toFile && !toStderr) return;
      const line = formatLogLine(new Date(), level, message, context);
      if (toStderr) process.stderr.write(`${line}\n`);
      if (!toFile) return;
      if (!fileFailed) {
        try {
          file.append(line);
          return;
        } catch (error) {
          fileFailed = true;
          process.stderr.write(`${formatLogLine(new Date(), 'error', 'the log file cannot be written; logging to stderr only', { path: file.path, error })}\n`);
        }
      }
      if (!toStderr) process.stderr.write(`${line}\n`);
    },
    close: () => file.close(),
  };
}
