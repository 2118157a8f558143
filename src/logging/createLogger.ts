import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/loadConfig.js';

/**
 * Structured JSON logs (pino). Paths that could carry credentials are redacted even if a
 * caller logs a whole object by mistake; the Git source also scrubs tokens from messages.
 */
export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  return pino(
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
}

export type { Logger };
