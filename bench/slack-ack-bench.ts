/**
 * How fast the Slack adapter acks a slash command (Slack gives up after 3 s) and how long until the
 * answer reaches response_url, with the real Bolt HTTP receiver and WebClient against the local fake Slack.
 * Run: npx tsx bench/slack-ack-bench.ts [requests]
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSlackAdapter } from '../adapters/slack/slack-adapter.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { silentLogger } from '../src/logging.js';
import { FakeSlack } from '../test/fakes/fake-slack.js';

const requests = Number(process.argv[2] ?? 200);
const secret = 'bench-secret';
const dataDir = mkdtempSync(join(tmpdir(), 'pw-bench-slack-'));
const fake = await FakeSlack.start();
const config = loadConfig(
  { PLEDGEWATCH_DATA_DIR: dataDir, PLEDGEWATCH_RATE_LIMIT_PER_MINUTE: '100000', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: secret, SLACK_PORT: '0', SLACK_API_URL: fake.apiUrl },
  process.cwd(),
);
const logger = silentLogger();
const app = buildApp(config, { logger });
const adapter = createSlackAdapter({ config: config.slack!, core: app.core, deliveries: app.deliveries.for('slack'), kv: app.kv, clock: app.services.clock, logger });
await adapter.start();

const ack: number[] = [];
const answer: number[] = [];
for (let i = 0; i < requests; i++) {
  const body = new URLSearchParams({
    team_id: 'T1', channel_id: 'C0BENCH01', user_id: `UBENCH${i % 50}`, command: '/pledgewatch', text: 'help',
    response_url: fake.responseUrl(), trigger_id: `bench.${i}`,
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${adapter.port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature },
    body,
  });
  await res.text();
  ack.push(performance.now() - t0);
  await fake.waitForResponse(() => true, i + 1);
  answer.push(performance.now() - t0);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(1);
console.log(`slack slash command, ${requests} sequential requests (help):`);
console.log(`  ack (HTTP 200)         p50 ${pct(ack, 50)} ms  p99 ${pct(ack, 99)} ms  max ${pct(ack, 100)} ms`);
console.log(`  answer at response_url p50 ${pct(answer, 50)} ms  p99 ${pct(answer, 99)} ms  max ${pct(answer, 100)} ms`);

await adapter.stop();
app.close();
await fake.close();
rmSync(dataDir, { recursive: true, force: true });
