import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One pino logger for the process, JSON to stderr (stdout belongs to the CLI's output and the console chat),
 * pretty when stderr is a terminal. Rooms take `logger.child({ module })`. Redaction is a second line of
 * defence: code never passes message text, questions, tokens or names to the logger in the first place.
 */
export function createLogger(options: { level: string; pretty?: boolean; destination?: pino.DestinationStream }): Logger {
  const base: pino.LoggerOptions = {
    level: options.level,
    base: { app: 'pledgewatch' },
    redact: {
      paths: ['text', 'question', 'token', '*.token', 'body', '*.body', 'authorization', '*.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:standard', ignore: 'pid,hostname,app' } } });
  }
  return pino(base, pino.destination(2));
}

/** A logger that writes nothing, for tests and for the CLI's quiet paths. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
