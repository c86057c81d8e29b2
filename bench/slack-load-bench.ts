/**
 * Load on the Slack HTTP receiver: rounds of 50 concurrent requests (half `/pledgewatch <question>` slash
 * commands, half `@pledgewatch <question>` mentions), signed like Slack signs them, against the real Bolt
 * receiver and WebClient with the local fake Slack. Prints ack latency (the HTTP 200 Slack waits 3 s for) and
 * answer latency (until the answer reaches response_url or the thread), p50 and p99.
 * Run: npx tsx bench/slack-load-bench.ts [rounds]
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { FAKE_BOT, FakeSlack } from '../test/fakes/fake-slack.js';

const ROUNDS = Number(process.argv[2] ?? 4);
const CONCURRENT = 50;
const secret = 'bench-secret';
const QUESTIONS = [
  'How many journalists were killed in Mexico between 2000 and 2016?',
  '¿Qué pidió el relator sobre el mecanismo de protección?',
  'What does the CED say about Mexico?',
  'Who asked question 7?',
  'outstanding Mexico',
  'What did the Special Rapporteur recommend to the National Human Rights Commission?',
];

// The bot runs as in production, in its own process (npm start's entry point), so the load generator's
// own work never delays the responses it times.
const dataDir = mkdtempSync(join(tmpdir(), 'pw-bench-load-'));
const fake = await FakeSlack.start();
const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as AddressInfo).port;
    s.close(() => resolve(p));
  });
});
const bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: join(import.meta.dirname, '..'),
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    PLEDGEWATCH_DATA_DIR: dataDir,
    PLEDGEWATCH_LOG_LEVEL: 'warn',
    PLEDGEWATCH_RATE_LIMIT_PER_MINUTE: '100000',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: secret,
    SLACK_PORT: String(port),
    SLACK_API_URL: fake.apiUrl,
    SLACK_APP_TOKEN: '',
    MATRIX_HOMESERVER_URL: '',
    MATRIX_USER_ID: '',
    MATRIX_ACCESS_TOKEN: '',
  },
});
const url = `http://127.0.0.1:${port}/slack/events`;
for (let i = 0; ; i++) {
  try {
    await fetch(url);
    break;
  } catch {
    if (i > 600 || bot.exitCode !== null) throw new Error('the bot did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function post(body: string, contentType: string): Promise<number> {
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, 'x-slack-request-timestamp': ts, 'x-slack-signature': signature }, body });
  await res.text();
  return res.status;
}

let seq = 0;
async function slashCommand(text: string): Promise<{ ack: number; answer: number }> {
  const responseUrl = fake.responseUrl();
  const id = responseUrl.split('/').pop()!;
  const body = new URLSearchParams({ team_id: 'T0FAKE01', channel_id: 'C0LOAD001', user_id: `ULOAD${seq % 40}`, command: '/pledgewatch', text, response_url: responseUrl, trigger_id: `load.${++seq}` }).toString();
  const t0 = performance.now();
  const status = await post(body, 'application/x-www-form-urlencoded');
  const ack = performance.now() - t0;
  if (status !== 200) throw new Error(`slash command got HTTP ${status}`);
  await fake.waitForResponse((r) => r.id === id);
  return { ack, answer: performance.now() - t0 };
}

async function mention(text: string): Promise<{ ack: number; answer: number }> {
  const ts = `1800000000.${String(++seq).padStart(6, '0')}`;
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: 'T0FAKE01',
    api_app_id: 'AFAKE',
    event_id: `EvLoad${seq}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0FAKE01', user_id: FAKE_BOT.userId, is_bot: true }],
    event: { type: 'app_mention', user: `ULOAD${seq % 40}`, text: `<@${FAKE_BOT.userId}> ${text}`, ts, event_ts: ts, channel: 'C0LOAD002' },
  });
  const t0 = performance.now();
  const status = await post(body, 'application/json');
  const ack = performance.now() - t0;
  if (status !== 200) throw new Error(`mention got HTTP ${status}`);
  await fake.waitForDelivery((d) => d.via === 'chat.postMessage' && d.thread_ts === ts);
  return { ack, answer: performance.now() - t0 };
}

const acks: number[] = [];
const answers: number[] = [];
const started = performance.now();
for (let r = 0; r < ROUNDS; r++) {
  const results = await Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) => (i % 2 ? mention : slashCommand)(QUESTIONS[(i + r) % QUESTIONS.length]!)),
  );
  for (const x of results) {
    acks.push(x.ack);
    answers.push(x.answer);
  }
}
const seconds = (performance.now() - started) / 1000;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!.toFixed(1);
console.log(`Slack HTTP receiver: ${ROUNDS} rounds of ${CONCURRENT} concurrent requests (half slash commands, half mentions), ${acks.length} in ${seconds.toFixed(1)} s`);
console.log(`  ack (HTTP 200)   p50 ${pct(acks, 50).padStart(7)} ms   p99 ${pct(acks, 99).padStart(7)} ms   max ${pct(acks, 100).padStart(7)} ms   (Slack gives up at 3000 ms)`);
console.log(`  answer delivered p50 ${pct(answers, 50).padStart(7)} ms   p99 ${pct(answers, 99).padStart(7)} ms   max ${pct(answers, 100).padStart(7)} ms`);

bot.kill('SIGTERM');
await new Promise((r) => bot.once('exit', r));
await fake.close();
rmSync(dataDir, { recursive: true, force: true });
