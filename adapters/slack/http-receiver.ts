import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPReceiver, type Logger as SlackLogger } from '@slack/bolt';
import { systemClock, type Clock } from '../../src/kernel/clock.js';

/** Slack's rule: a request whose timestamp is more than five minutes from now, either way, is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/**
 * Why a request's timestamp is refused before Bolt sees it, or undefined when it is acceptable. Slack sends
 * whole seconds as digits; anything else (`T.0`, `1.79e9`, a sign, a second header) is refused, because
 * Bolt reads the header with Number(), so such a string would slip past its own check while the signature,
 * computed over the string as sent, still matches. Bolt refuses a stale timestamp but accepts one far in the
 * future; Slack's documented rule is an absolute five-minute window, checked here.
 */
export function timestampRefusal(header: string | string[] | undefined, nowMs: number): 'missing' | 'malformed' | 'outside-window' | undefined {
  if (header === undefined) return 'missing';
  if (Array.isArray(header) || !/^\d{1,15}$/.test(header)) return 'malformed';
  return Math.abs(Math.floor(nowMs / 1000) - Number(header)) > SIGNATURE_WINDOW_SECONDS ? 'outside-window' : undefined;
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
  /** told as soon as a request arrives, before Bolt reads its body (answers hold back while acks are due) */
  onRequest?: () => void;
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
    options.onRequest?.();
    const refusal = timestampRefusal(req.headers['x-slack-request-timestamp'], wallClock.now().getTime());
    if (refusal) {
      options.logger.warn(`refused a Slack request: timestamp ${refusal}`);
      req.resume();
      res.writeHead(401);
      res.end();
      return;
    }
    boltListener(req, res);
  };
  return receiver;
}
