import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
const TOKEN = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;

/**
 * The logger Bolt, the WebClient and the Socket Mode client write to. They log request bodies (message
 * text) and WebSocket payloads at DEBUG, so this logger never goes below INFO whatever they ask for, drops
 * anything that looks like a token, and caps each line's length. Everything goes to pino under
 * module "slack".
 */
export function slackLogger(pinoLogger: Logger): SlackLogger {
  const log = pinoLogger.child({ module: 'slack' });
  let level: LogLevel = LogLevel.INFO;
  const enabled = (l: LogLevel) => order.indexOf(l) >= order.indexOf(level);
  const line = (msg: unknown[]) =>
    msg
      .map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : typeof m === 'string' ? m : safeJson(m)))
      .join(' ')
      .replace(TOKEN, '[token]')
      .slice(0, 400);
  return {
    debug: () => {},
    info: (...msg) => void (enabled(LogLevel.INFO) && log.info({ lib: 'bolt' }, line(msg))),
    warn: (...msg) => void (enabled(LogLevel.WARN) && log.warn({ lib: 'bolt' }, line(msg))),
    error: (...msg) => void (enabled(LogLevel.ERROR) && log.error({ lib: 'bolt' }, line(msg))),
    setLevel: (l: LogLevel) => {
      // DEBUG would log message text: never go below INFO.
      level = order.indexOf(l) < order.indexOf(LogLevel.INFO) ? LogLevel.INFO : l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function safeJson(v: unknown): string {
  try {
    // Objects handed to the logger may be payloads: keep only their shape.
    return v && typeof v === 'object' ? `{${Object.keys(v).slice(0, 10).join(',')}}` : String(v);
  } catch {
    return '[unprintable]';
  }
}
