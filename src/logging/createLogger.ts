import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/loadConfig.js';
import { markPlainLogger } from './accessLine.js';

/**
 * Structured JSON logs (pino). Paths that could carry credentials are redacted even if a
 * caller logs a whole object by mistake; the Git source also scrubs tokens from messages.
 * The access line of each request is written by hand in pino's format (accessLine.ts).
 */
export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'regsync' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-hub-signature-256"]',
          '*.token',
          '*.password',
          '*.secret',
          'config.gitToken',
          'config.adminToken',
          'config.webhookSecret',
          'config.userData',
          'config.databaseUrl',
        ],
        censor: '[redacted]',
      },
    },
    destination as never,
  );
  // No hooks, mixin or formatters: the access line may be serialized by hand (accessLine.ts).
  markPlainLogger(logger);
  return logger;
}

export type { Logger };
