import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPReceiver, type Logger as SlackLogger } from '@slack/bolt';
import { systemClock, type Clock } from '../../src/kernel/clock.js';

/** Slack's rule: a request whose timestamp is more than five minutes from now, either way, is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/**
 * Bolt refuses a stale timestamp but accepts one far in the future; Slack's documented rule is an absolute
 * five-minute window. Missing or malformed timestamps are left to Bolt, which refuses them (401).
 */
export function timestampOutsideWindow(header: string | string[] | undefined, nowMs: number): boolean {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(raw)) > SIGNATURE_WINDOW_SECONDS;
}

export class UnsafeSlackSettingsError extends Error {
  override name = 'UnsafeSlackSettingsError';
}

/**
 * Bolt's HTTP receiver at /slack/events (events, slash commands and button clicks alike), with signature
 * verification always on, and the absolute timestamp window checked before Bolt sees the request.
 * There is deliberately no way to turn verification off: without it anyone could post commands as anyone.
 */
export function createHttpReceiver(options: {
  signingSecret: string | undefined;
  logger: SlackLogger;
  /**
   * The real wall clock, never the app's (possibly simulated) Clock: Bolt's own stale-timestamp check reads
   * Date.now(), and the two halves of the window must agree. A signature is about real time.
   */
  wallClock?: Clock;
}): HTTPReceiver {
  const wallClock = options.wallClock ?? systemClock;
  const signingSecret = options.signingSecret?.trim() ?? '';
  if (!signingSecret) {
    throw new UnsafeSlackSettingsError(
      'Slack HTTP mode needs SLACK_SIGNING_SECRET (Basic Information → App Credentials → Signing Secret): without it anyone could send commands as anyone.',
    );
  }
  const receiver = new HTTPReceiver({
    signingSecret,
    signatureVerification: true,
    endpoints: ['/slack/events'],
    logger: options.logger,
    // Ack first, work after: Slack gets its HTTP answer as soon as a listener calls ack().
    processBeforeResponse: false,
  });
  const boltListener = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (timestampOutsideWindow(req.headers['x-slack-request-timestamp'], wallClock.now().getTime())) {
      options.logger.warn('refused a Slack request whose timestamp is more than five minutes from now');
      req.resume();
      res.writeHead(401);
      res.end();
      return;
    }
    boltListener(req, res);
  };
  return receiver;
}
