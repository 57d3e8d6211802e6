import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs (one object per line), as CloudWatch Logs Insights expects. */
export function createLogger(level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT'): Logger {
  return new Logger({ serviceName: 'onus', logLevel: level });
}

export type { Logger };

/** Apollo's Logger interface over ours, so Apollo's own warnings are structured too. */
export const apolloLogger = (logger: Logger) => ({
  debug: (message?: unknown) => logger.debug(String(message)),
  info: (message?: unknown) => logger.info(String(message)),
  warn: (message?: unknown) => logger.warn(String(message)),
  error: (message?: unknown) => logger.error(String(message)),
});
