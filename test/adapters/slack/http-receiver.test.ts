import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createHttpReceiver, timestampRefusal } from '../../../adapters/slack/http-receiver.js';
import { slackLogger } from '../../../adapters/slack/slack-logger.js';
import { systemClock } from '../../../src/kernel/clock.js';
import { silentLogger } from '../../../src/logging.js';
import { FakeClock } from '../../fakes/clock.js';
import { COORDINATOR, eventCallback, formOf, nextTs, postSigned, slackSignature, slashCommandBody, startHarness } from './slack-harness.js';

// The worked example in Slack's "Verifying requests from Slack".
const DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe('request signatures', () => {
  it("match Slack's documented example, which Bolt's verifier accepts at its own time", () => {
    expect(slackSignature(DOC.secret, DOC.timestamp, DOC.body)).toBe(DOC.signature);
    const headers = { 'x-slack-request-timestamp': Number(DOC.timestamp), 'x-slack-signature': DOC.signature };
    expect(() => verifySlackRequest({ signingSecret: DOC.secret, body: DOC.body, headers, nowMilliseconds: Number(DOC.timestamp) * 1000 })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: DOC.secret, body: DOC.body + 'x', headers, nowMilliseconds: Number(DOC.timestamp) * 1000 })).toThrow(/signature mismatch/);
  });

  it('are refused outside an absolute five-minute window, in the past and in the future', () => {
    const now = Number(DOC.timestamp) * 1000;
    expect(timestampRefusal(DOC.timestamp, now)).toBeUndefined();
    expect(timestampRefusal(String(Number(DOC.timestamp) - 300), now)).toBeUndefined();
    expect(timestampRefusal(String(Number(DOC.timestamp) + 300), now)).toBeUndefined();
    expect(timestampRefusal(String(Number(DOC.timestamp) - 301), now)).toBe('outside-window');
    expect(timestampRefusal(String(Number(DOC.timestamp) + 301), now)).toBe('outside-window');
  });

  it('take only whole seconds written as digits', () => {
    const now = Number(DOC.timestamp) * 1000;
    for (const t of [`${DOC.timestamp}.0`, '1.531420618e9', `+${DOC.timestamp}`, ` ${DOC.timestamp}`, '0x5B47A9CA', '', 'NaN']) {
      expect(timestampRefusal(t, now), JSON.stringify(t)).toBe('malformed');
    }
    expect(timestampRefusal([DOC.timestamp, DOC.timestamp], now)).toBe('malformed');
    expect(timestampRefusal(undefined, now)).toBe('missing');
  });

  it('cannot be switched off: HTTP mode refuses to start with an empty signing secret', () => {
    const logger = slackLogger(silentLogger());
    expect(() => createHttpReceiver({ signingSecret: '', logger, wallClock: systemClock })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => createHttpReceiver({ signingSecret: '   ', logger })).toThrow(/anyone could send commands/);
  });
});

describe('the Slack adapter in HTTP mode (real Bolt receiver on 127.0.0.1)', () => {
  it('answers a signed slash command privately through response_url, acking at once', async () => {
    const h = await startHarness({ mode: 'http' });
    const res = await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help' }), { form: true });
    expect(res.status).toBe(200);
    const answer = await h.fake.waitForResponse();
    expect(answer.body.response_type).toBe('ephemeral');
    expect(answer.body.text).toMatch(/\/pledgewatch ask/);
    expect(answer.body.blocks.length).toBeGreaterThan(0);
    // The command was never shown in the channel, and link_names was never set.
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    expect(h.asked).toEqual([expect.objectContaining({ platform: 'slack', channel: 'slack:C0GENERAL', user: 'slack:UMEMBER01', text: 'help', isDirect: false })]);
  });

  it('refuses a wrong signature, a stale timestamp and a future one (401) and does nothing', async () => {
    const h = await startHarness({ mode: 'http' });
    const now = Math.floor(Date.now() / 1000);
    const wrong = await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help' }), { form: true, secret: 'not-the-secret' });
    const missing = await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help' }), { form: true, signature: '' });
    const old = await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help' }), { form: true, timestamp: now - 6 * 60 });
    const future = await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help' }), { form: true, timestamp: now + 6 * 60 });
    const futureEvent = await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: COORDINATOR, text: '<@UBOT0001> help', ts: nextTs(), channel: 'C0GENERAL' }), {
      timestamp: now + 10 * 60,
    });
    expect([wrong.status, missing.status, old.status, future.status, futureEvent.status]).toEqual([401, 401, 401, 401, 401]);
    // A valid request afterwards is the only one that reaches the core or Slack.
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help' }), { form: true });
    await h.fake.waitForResponse();
    expect(h.asked).toHaveLength(1);
    expect(h.fake.responses).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.method.startsWith('chat.'))).toHaveLength(0);
  });

  it('refuses (401) a correctly signed request whose timestamp is not plain digits, which would dodge the window', async () => {
    const h = await startHarness({ mode: 'http' });
    const now = Math.floor(Date.now() / 1000);
    const digits = String(now + 10 * 60);
    // Bolt verifies the signature over Number(header): a request signed for ten minutes ahead (a skewed clock,
    // a captured request) would pass as `T.0` or `1.8e9`, which the digit-only window check used to skip.
    const stamps = [`${now}.0`, `${digits}.0`, `${digits[0]}.${digits.slice(1)}e${digits.length - 1}`, `${digits}e0`];
    const statuses = [];
    for (const timestamp of stamps) {
      const signedTimestamp = String(Number(timestamp));
      statuses.push((await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help' }), { form: true, timestamp, signedTimestamp })).status);
      const event = eventCallback({ type: 'app_mention', user: COORDINATOR, text: '<@UBOT0001> help', ts: nextTs(), channel: 'C0GENERAL' });
      statuses.push((await postSigned(h.baseUrl, event, { timestamp, signedTimestamp })).status);
    }
    expect(statuses).toEqual(stamps.flatMap(() => [401, 401]));
    await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help' }), { form: true });
    await h.fake.waitForResponse();
    expect(h.asked).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.method.startsWith('chat.'))).toHaveLength(0);
  });

  it('listens on loopback unless SLACK_HOST says otherwise', async () => {
    const loopback = await startHarness({ mode: 'http' });
    expect(await loopback.logs.waitFor((l) => l.msg === 'Slack adapter listening at /slack/events')).toMatchObject({ host: '127.0.0.1' });
    const open = await startHarness({ mode: 'http', env: { SLACK_HOST: '0.0.0.0' } });
    expect(await open.logs.waitFor((l) => l.msg === 'Slack adapter listening at /slack/events')).toMatchObject({ host: '0.0.0.0' });
  });

  it('answers a retried event once, and still answers a first delivery that carries a retry header', async () => {
    const h = await startHarness({ mode: 'http' });
    const ts = nextTs();
    const body = eventCallback({ type: 'app_mention', user: COORDINATOR, text: '<@UBOT0001> help', ts, channel: 'C0GENERAL' });
    // The first delivery Slack sends may already be marked as a retry (our first ack got lost): answer it.
    const first = await postSigned(h.baseUrl, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(first.status).toBe(200);
    await h.fake.waitForCall('chat.postMessage');
    for (const n of ['2', '3']) {
      const again = await postSigned(h.baseUrl, body, { headers: { 'x-slack-retry-num': n, 'x-slack-retry-reason': 'http_timeout' } });
      expect(again.status).toBe(200);
    }
    // The same message again as another event (Slack has sent one message as several event ids).
    await postSigned(h.baseUrl, eventCallback({ type: 'app_mention', user: COORDINATOR, text: '<@UBOT0001> help', ts, channel: 'C0GENERAL' }));
    await h.logs.waitFor((l) => l.msg === 'repeated delivery ignored', 3);
    expect(h.asked).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: 'C0GENERAL', thread_ts: ts });
  });

  it('remembers handled events across a restart', async () => {
    const first = await startHarness({ mode: 'http' });
    const dataDir = first.app.config.dataDir;
    const body = eventCallback({ type: 'app_mention', user: COORDINATOR, text: '<@UBOT0001> help', ts: nextTs(), channel: 'C0GENERAL' });
    await postSigned(first.baseUrl, body);
    await first.fake.waitForCall('chat.postMessage');
    await first.adapter.stop();
    first.app.close();

    const second = await startHarness({ mode: 'http', dataDir, fake: first.fake });
    await postSigned(second.baseUrl, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } });
    await second.logs.waitFor((l) => l.msg === 'repeated delivery ignored');
    expect(second.asked).toHaveLength(0);
    expect(first.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('checks signatures against the real clock, whatever time the app simulates (as Bolt does)', async () => {
    const h = await startHarness({ mode: 'http', clock: new FakeClock('2020-10-01T08:00:00Z') });
    const res = await postSigned(h.baseUrl, slashCommandBody(h.fake, { text: 'help' }), { form: true });
    expect(res.status).toBe(200);
    await h.fake.waitForResponse();
  });

  it('answers url_verification and ignores unsigned form noise', async () => {
    const h = await startHarness({ mode: 'http' });
    const res = await postSigned(h.baseUrl, { type: 'url_verification', challenge: 'abc123', token: 't' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('abc123');
    const unsigned = await fetch(`${h.baseUrl}/slack/events`, { method: 'POST', body: formOf({ command: '/pledgewatch', text: 'help' }) });
    expect(unsigned.status).toBe(401);
  });
});
