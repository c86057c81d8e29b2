import type { Logger as PinoLogger } from 'pino';
import { logger as sdkRootLogger, type Logger as SdkLogger } from 'matrix-js-sdk/lib/logger.js';

/** What the SDK logs as an error but is routine for a bot (seen on every invite against Synapse). */
const ROUTINE_ERRORS = [/^Got room state event for unknown room/];

/**
 * matrix-js-sdk logs through loglevel at DEBUG to the console by default (stdout included), with room ids,
 * event ids and, at debug level, far more. Its errors (as our warnings) and warnings (as our debug) go to pino
 * instead, reduced to the SDK's own sentence (cut short) and an error's code; everything below warn is dropped.
 */
export function sdkLogger(log: PinoLogger): SdkLogger {
  // The SDK warns about much that is routine for a bot (push rules it fills in, duplicate events): debug for us.
  const forward = (level: 'debug' | 'warn') => (...args: unknown[]) => {
    const words = args.filter((a): a is string => typeof a === 'string').join(' ').slice(0, 160);
    const at = level === 'warn' && ROUTINE_ERRORS.some((r) => r.test(words)) ? 'debug' : level;
    const err = args.find((a): a is Error => a instanceof Error) as (Error & { errcode?: string; httpStatus?: number }) | undefined;
    log[at]({ sdk: words, ...(err ? { errName: err.name, errcode: err.errcode, httpStatus: err.httpStatus } : {}) }, 'matrix-js-sdk');
  };
  const quiet = () => undefined;
  const make = (): SdkLogger => ({ trace: quiet, debug: quiet, info: quiet, warn: forward('debug'), error: forward('warn'), getChild: () => make() });
  return make();
}

interface LogLevelLogger {
  methodFactory: (method: string, level: number, name: string | symbol) => (...args: unknown[]) => void;
  setLevel(level: string, persist?: boolean): void;
  rebuild?(): void;
}

let target: SdkLogger | undefined;

// At import, before the rest of the SDK loads: some SDK modules bind `logger.log` once when they load, so the
// level must already be `warn` then (this module is imported first by the adapter for that reason).
const root = sdkRootLogger as unknown as LogLevelLogger;
root.methodFactory = (method) => {
  if (method === 'warn') return (...args) => target?.warn(...args);
  if (method === 'error') return (...args) => target?.error(...args);
  return () => undefined;
};
root.setLevel('warn', false);
root.rebuild?.();

/** Points the SDK's module-wide logger (used by its models, outside any client) at `log`. Process-wide, as the SDK's logger is. */
export function routeSdkLogging(log: PinoLogger): void {
  target = sdkLogger(log);
}
