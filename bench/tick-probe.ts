/**
 * What a user notices while something runs on the main thread: the longest event-loop stall
 * (perf_hooks.monitorEventLoopDelay) and how long Slack waits for the ack of a slash command.
 * The commands are posted by a worker thread (its own event loop, so it keeps sending while the main thread is
 * busy), signed like Slack signs them, to the real Bolt HTTP receiver of the Slack adapter running on the main
 * thread, whose WebClient talks to the local fake Slack. One command every `everyMs` while a probe is open.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { createSlackAdapter } from '../adapters/slack/slack-adapter.js';
import { loadConfig } from '../src/config/config.js';
import { systemClock } from '../src/kernel/clock.js';
import { buildRegistry } from '../src/core/commands/index.js';
import type { Core } from '../src/core/core.js';
import { reply } from '../src/kernel/reply.js';
import type { Db } from '../src/storage/database.js';
import { sqliteDeliveryLogs } from '../src/storage/delivery-log.js';
import { sqliteKeyValue } from '../src/storage/key-value.js';
import { FakeSlack } from '../test/fakes/fake-slack.js';

const SECRET = 'bench-signing-secret';

// Plain JavaScript, evaluated in the worker (CommonJS): fires a signed slash command every `everyMs`, without
// waiting for earlier ones, and reports for each when it was sent (epoch ms, fractional) and its ack latency.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac } = require('node:crypto');
const { url, secret, responseUrl, everyMs } = workerData;
let timer, seq = 0, inflight = [], results = [];
async function one() {
  const n = ++seq;
  const body = new URLSearchParams({ team_id: 'T0FAKE01', channel_id: 'C0PROBE01', user_id: 'UPROBE01', command: '/pledgewatch', text: 'help', response_url: responseUrl + n, trigger_id: 'probe.' + n + '.' + Date.now() }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = 'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + body).digest('hex');
  const sentAt = performance.timeOrigin + performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature }, body });
  await res.text();
  results.push({ sentAt, ackMs: performance.timeOrigin + performance.now() - sentAt, status: res.status });
}
parentPort.on('message', async (m) => {
  if (m === 'start') { results = []; const fire = () => { const sentAt = performance.timeOrigin + performance.now(); inflight.push(one().catch((e) => results.push({ sentAt, ackMs: performance.timeOrigin + performance.now() - sentAt, status: String(e.cause?.code ?? e) }))); }; fire(); timer = setInterval(fire, everyMs); parentPort.postMessage('started'); }
  if (m === 'stop') { clearInterval(timer); await Promise.all(inflight); inflight = []; parentPort.postMessage(results); }
  if (m === 'exit') process.exit(0);
});
`;

export interface ProbeResult {
  /** the longest event-loop stall, ms */
  maxStallMs: number;
  /** the 99th percentile of the event-loop delay samples, ms */
  p99DelayMs: number;
  /** ack latency of the command sent nearest the middle of the measured span, ms */
  midAckMs: number;
  /** the slowest ack of any command sent during the span, ms */
  maxAckMs: number;
  commands: number;
  /** commands that got no ack at all (connection refused or timed out while the loop was stalled): why */
  failed: string[];
}

export interface TickProbe {
  measure<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; probe: ProbeResult }>;
  close(): Promise<void>;
}

/** Starts the fake Slack, the Slack adapter in HTTP mode (delivery records in `db`) and the sending worker. */
export async function startTickProbe(db: Db, everyMs = 250): Promise<TickProbe> {
  const fake = await FakeSlack.start();
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_PORT: '0', SLACK_API_URL: fake.apiUrl }).slack!;
  const registry = buildRegistry();
  // The ack is what is measured: the answer is a fixed reply, so nothing but the ack path costs time.
  const core: Core = { registry, handle: async () => reply([{ kind: 'text', text: 'ok' }]) };
  const logger = pino({ level: 'silent' });
  const adapter = createSlackAdapter({ config, core, deliveries: sqliteDeliveryLogs(db).for('slack'), kv: sqliteKeyValue(db), clock: systemClock, logger });
  await adapter.start();
  const url = `http://127.0.0.1:${adapter.port}/slack/events`;
  const worker = new Worker(WORKER, { eval: true, workerData: { url, secret: SECRET, responseUrl: `${fake.url}/respond/probe-`, everyMs } });
  const ask = <R>(m: string) => new Promise<R>((resolve) => (worker.once('message', resolve), worker.postMessage(m)));

  return {
    async measure(work) {
      const delay = monitorEventLoopDelay({ resolution: 5 });
      await ask('start');
      delay.enable();
      // The first sample only sets the baseline: a stall right after enable() would go unrecorded.
      await new Promise((r) => setTimeout(r, 20));
      const t0 = performance.timeOrigin + performance.now();
      const value = await work();
      const t1 = performance.timeOrigin + performance.now();
      // The delay of a stall is recorded when the sampling timer finally runs: give it the chance.
      await new Promise((r) => setTimeout(r, 20));
      delay.disable();
      const results = await ask<{ sentAt: number; ackMs: number; status: number | string }[]>('stop');
      const during = results.filter((r) => r.sentAt >= t0 && r.sentAt <= t1);
      const mid = (t0 + t1) / 2;
      const nearest = [...results].sort((a, b) => Math.abs(a.sentAt - mid) - Math.abs(b.sentAt - mid))[0];
      return {
        value,
        ms: t1 - t0,
        probe: {
          maxStallMs: delay.max / 1e6,
          p99DelayMs: delay.percentile(99) / 1e6,
          midAckMs: nearest?.ackMs ?? NaN,
          maxAckMs: Math.max(...(during.length ? during : results).map((r) => r.ackMs)),
          commands: during.length,
          failed: results.filter((r) => r.status !== 200).map((r) => String(r.status)),
        },
      };
    },
    async close() {
      worker.postMessage('exit');
      await new Promise((r) => worker.once('exit', r));
      await adapter.stop();
      await fake.close();
    },
  };
}
