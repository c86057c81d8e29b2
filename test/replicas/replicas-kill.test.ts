import { DateTime } from 'luxon';
import pg from 'pg';
import { expect, it } from 'vitest';
import { REMINDER_EVENT_TYPE } from '../../adapters/slack/sender.js';
import { postSigned, slashCommandBody } from '../adapters/slack/slack-harness.js';
import { seededRandom } from '../fakes/random.js';
import { cli } from '../fakes/run-cli.js';
import { ALICE, BOT, COORDINATOR, describeOnPostgres, healthz, MIA, until, type Cluster } from './replicas.js';

/** Kill rounds (the issue asks for 50; PW_REPLICA_KILLS lowers it on a slow machine). */
const KILLS = Number(process.env.PW_REPLICA_KILLS ?? 50);
const REPLICAS = 3;
const SLACK_CHANNELS = 8;
const MATRIX_ROOMS = 2;
const LETTER = 'ishr-2020-mexico-questions';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const repliesTo = (c: Cluster, eventId: string) =>
  c.hs.sent.filter((s) => (s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id === eventId);

describeOnPostgres('replicas-kill.test.ts', 'three replicas on one PostgreSQL, killed one at a time with SIGKILL', (postgres) => {
  it(`${KILLS} rounds while reminders fall due and commands arrive: every reminder posted once, no event answered twice, every confirmed change kept, the Matrix leader changes hands`, async () => {
    const c = await postgres.cluster(REPLICAS);
    const { fake, hs, env } = c;
    const started = Date.now();

    // Matrix: a room to talk in, with old commands from before the bot's first start (history: never answered),
    // and rooms subscribed to reminders.
    const talk = hs.createRoom({ creator: ALICE, members: [BOT, MIA], ts: Date.now() - 3_600_000 });
    const history = [hs.say(talk, MIA, '!pw help', { ts: Date.now() - 1_800_000 }), hs.say(talk, MIA, '!pw help', { ts: Date.now() - 60_000 })];
    const reminderRooms = Array.from({ length: MATRIX_ROOMS }, () => hs.createRoom({ creator: ALICE, members: [BOT] }));

    // Reminders that fall due while replicas are being killed: each channel's time is 1 to 3 minutes from now,
    // on the deadline's day (the CLI writes to the same PostgreSQL database).
    // At least 30 s ahead: a reminder due before its subscription was recorded is, rightly, never sent (policy.ts,
    // stillWanted), and a bare "next minute" computed at hh:mm:59 fell due before the CLI had subscribed the channel.
    const soon = (minutes: number) => DateTime.utc().plus({ minutes, seconds: 30 }).startOf('minute');
    const set = await cli(['deadline', 'Mexico', LETTER, soon(3).toISODate()!], env);
    expect(set.code, set.err).toBe(0);
    const channels = [...Array.from({ length: SLACK_CHANNELS }, (_, i) => `slack:C0REP${String(i).padStart(4, '0')}`), ...reminderRooms.map((r) => `matrix:${r}`)];
    for (const [i, channel] of channels.entries()) {
      const r = await cli(['subscribe', 'Mexico', '--time', soon(1 + (i % 3)).toFormat('HH:mm'), '--timezone', 'UTC', '--channel', channel], env);
      expect(r.code, r.err).toBe(0);
    }
    const lastDue = soon(3).toMillis();

    // The replicas; the first one alone first (it reads the corpus into the shared library).
    const healthy = async (slot: number) => {
      const r = c.replicas[slot];
      const h = r?.alive() ? await healthz(r.healthPort) : undefined;
      return h?.status === 200 ? h.body : undefined;
    };
    await c.start(0);
    await until(() => healthy(0), 'the first replica').catch((e) => {
      throw new Error(`${e}\n${c.replicas[0]!.logs()}`);
    });
    for (let s = 1; s < REPLICAS; s++) await c.start(s);
    await until(async () => (await Promise.all([1, 2].map(healthy))).every(Boolean) || undefined, 'every replica');

    // A load balancer in front of Slack's HTTP mode: a request goes to a live replica; one whose connection
    // dies (the replica killed mid-request) is retried on another, as Slack retries an unacknowledged delivery.
    const rnd = seededRandom(2121);
    const live = () => c.replicas.filter((r) => r.alive());
    async function deliver(body: Record<string, string>) {
      for (let attempt = 0; attempt < 6; attempt++) {
        const targets = live();
        const r = targets[Math.floor(rnd() * targets.length)];
        if (!r) return;
        try {
          const res = await postSigned(r.slackUrl, body, { form: true, headers: attempt ? { 'x-slack-retry-num': String(attempt), 'x-slack-retry-reason': 'http_error' } : {} });
          if (res.status === 200) return;
        } catch {
          // refused (starting) or cut (killed): the next attempt goes elsewhere
        }
        await sleep(300);
      }
    }

    const commandIds: string[] = [];
    const matrixCommands: string[] = [];
    const leaders = new Set<string>();
    const pending: Promise<unknown>[] = [];
    let label = 0;
    let leaderKills = 0;
    const noteLeaders = async () => {
      const now: string[] = [];
      for (const r of live()) {
        const h = await healthz(r.healthPort);
        if (h?.body?.replica?.leader?.matrix) now.push(h.body.replica.id);
      }
      expect(now.length, 'two replicas lead Matrix at once').toBeLessThanOrEqual(1);
      now.forEach((id) => leaders.add(id));
    };

    let kills = 0;
    for (let k = 0; kills < KILLS || Date.now() < lastDue + 10_000; k++) {
      // Commands in flight: a ledger change, a question delivered twice to two replicas (a retry landing
      // elsewhere), and a Matrix command; now and then the homeserver replays the room's recent history.
      const change = slashCommandBody(fake, { text: `answered Mexico ${1 + (label++ % 30)}`, user: COORDINATOR });
      const question = slashCommandBody(fake, { text: 'outstanding Mexico' });
      commandIds.push(change.response_url!.split('/').pop()!, question.response_url!.split('/').pop()!);
      pending.push(deliver(change), deliver(question), deliver(question));
      matrixCommands.push(hs.say(talk, MIA, '!pw help'));
      if (k % 7 === 3) hs.redeliver(talk);
      await noteLeaders();
      await sleep(200 + rnd() * 1_500);

      // Kill one replica (never the last one up) and start it again at once: every fifth round the Matrix
      // leader (once another replica is up to take over), else one that is up or, half the time, one still starting.
      const leaderRound = kills % 5 === 0;
      let health = await Promise.all([0, 1, 2].map(healthy));
      if (leaderRound)
        health = await until(async () => {
          const h = await Promise.all([0, 1, 2].map(healthy));
          return h.filter(Boolean).length >= 2 && h.some((b) => b?.replica?.leader?.matrix) ? h : undefined;
        }, 'a leader and another replica up');
      const up = [0, 1, 2].filter((s) => health[s]);
      if (!up.length) {
        await until(async () => (await Promise.all([0, 1, 2].map(healthy))).some(Boolean) || undefined, 'a replica up');
        continue;
      }
      const leader = up.find((s) => health[s]?.replica?.leader?.matrix);
      const anyButLastUp = [0, 1, 2].filter((s) => !(up.length === 1 && up[0] === s));
      const victim =
        leaderRound && leader !== undefined
          ? leader
          : up.length >= 2 && rnd() < 0.5
            ? up[Math.floor(rnd() * up.length)]!
            : anyButLastUp[Math.floor(rnd() * anyButLastUp.length)]!;
      if (victim === leader) leaderKills++;
      await c.kill(victim);
      await c.start(victim);
      kills++;
    }
    await Promise.all(pending);
    const killedAt = Date.now();

    // Every replica up again; the dead ones' claims run out (30 s) and what was due goes out.
    await until(async () => (await Promise.all([0, 1, 2].map(healthy))).every(Boolean) || undefined, 'every replica up at the end');
    await noteLeaders();
    const db = new pg.Client({ connectionString: c.url });
    await db.connect();
    try {
      const rows = async () =>
        (await db.query<{ key: string; channel: string; status: string; kind: string }>(`SELECT key, channel, status, kind FROM reminders WHERE due_at <= $1 ORDER BY key`, [Date.now()])).rows;
      await until(
        async () => {
          const r = await rows();
          return (Date.now() > lastDue && r.length > 0 && r.every((x) => !['pending', 'claimed', 'sending'].includes(x.status))) || undefined;
        },
        'every due reminder settled',
        180_000,
      );
      const due = await rows();

      // Every reminder posted exactly once: Slack (by key and part) and Matrix (by transaction id, each room once).
      const slackPosts = [...fake.history.values()].flat().filter((m) => m.metadata?.event_type === REMINDER_EVENT_TYPE);
      const slackKeys = slackPosts.map((m) => `${String(m.metadata!.event_payload.key)}#${String(m.metadata!.event_payload.part ?? 0)}`);
      expect(new Set(slackKeys).size, 'a Slack reminder posted twice').toBe(slackKeys.length);
      const matrixPosts = hs.sent.filter((s) => reminderRooms.includes(s.roomId));
      expect(new Set(matrixPosts.map((s) => `${s.roomId} ${s.txnId}`)).size).toBe(matrixPosts.length);
      expect(due.map((r) => `${r.channel} ${r.kind} ${r.status}`).filter((s) => !s.endsWith(' sent') && !s.endsWith(' cancelled'))).toEqual([]);
      for (const channel of channels) {
        if (due.some((r) => r.channel === channel && r.status === 'sent')) continue;
        const rows = (await db.query(`SELECT key, status, due_at, attempts, last_error, updated_at FROM reminders WHERE channel = $1`, [channel])).rows;
        const sub = (await db.query(`SELECT * FROM reminder_subscriptions WHERE channel = $1`, [channel])).rows;
        const lines: string[] = c.replicas.flatMap((r) => r.logs().split('\n').filter((l) => l.includes(channel.slice(6)) || l.includes('reminder')));
        expect.fail(`${channel} got no reminder (now ${Date.now()}): ${JSON.stringify({ rows, sub })}\n${lines.slice(-30).join('\n')}`);
      }
      expect(new Set(slackPosts.map((m) => m.channel)).size).toBe(SLACK_CHANNELS);
      for (const room of reminderRooms) expect(matrixPosts.some((s) => s.roomId === room), `${room} got its reminder`).toBe(true);

      // No Slack command answered twice (each response_url used at most once), though some arrived twice.
      const answers = new Map<string, number>();
      for (const r of fake.responses) answers.set(r.id, (answers.get(r.id) ?? 0) + 1);
      expect(commandIds.filter((id) => (answers.get(id) ?? 0) > 1)).toEqual([]);

      // Matrix: the leader changed hands; the history before the first start never answered; every command
      // answered at most once, and one not answered was claimed by a replica killed mid-answer (a lost answer).
      await until(async () => {
        const open = matrixCommands.filter((e) => repliesTo(c!, e).length === 0);
        const claimed = await db.query(`SELECT key FROM delivery_log WHERE adapter = 'matrix' AND key = ANY($1::text[])`, [open.map((e) => `event:${e}`)]);
        return claimed.rowCount === open.length || undefined;
      }, 'every Matrix command answered or claimed');
      for (const e of history) expect(repliesTo(c, e)).toEqual([]);
      const twice = matrixCommands.filter((e) => repliesTo(c!, e).length > 1 || repliesTo(c!, e).some((s) => s.repeats > 0));
      expect(twice).toEqual([]);
      const lost = matrixCommands.filter((e) => repliesTo(c!, e).length === 0);
      expect(lost.length, 'answers lost (claimed by a leader killed mid-answer)').toBeLessThanOrEqual(leaderKills);
      // and the log counts them: taken, never noted as answered
      const unanswered = await db.query(`SELECT key FROM delivery_log WHERE adapter = 'matrix' AND key = ANY($1::text[]) AND answered_at IS NULL`, [matrixCommands.map((e) => `event:${e}`)]);
      // (one answered just before its replica died, not yet noted, counts too: a lost answer is never missed)
      const counted = new Set(unanswered.rows.map((r) => r.key as string));
      expect(lost.filter((e) => !counted.has(`event:${e}`))).toEqual([]);
      expect(leaders.size, 'the Matrix leader changed hands').toBeGreaterThan(1);

      // No confirmed ledger change lost.
      const confirmed = new Set<string>();
      for (const d of [...fake.responses.map((r) => r.body), ...fake.deliveries]) {
        const m = /question (\d+) recorded as answered/.exec(JSON.stringify(d));
        if (m) confirmed.add(m[1]!);
      }
      const owed = JSON.parse((await cli(['outstanding', 'Mexico', '--json'], env)).out) as { outstanding: { letter: string; number: string }[] };
      const stillOwed = new Set(owed.outstanding.filter((q) => q.letter === LETTER).map((q) => q.number));
      expect([...confirmed].filter((n) => stillOwed.has(n))).toEqual([]);
      expect(confirmed.size).toBeGreaterThan(0);
      console.log(
        `replicas-kill: ${kills} kills (${leaderKills} of the Matrix leader) in ${Math.round((killedAt - started) / 1000)} s, ${Math.round((Date.now() - started) / 1000)} s in all; ` +
          `${slackPosts.length} Slack and ${matrixPosts.length} Matrix reminder posts, ${confirmed.size} confirmed changes, ${matrixCommands.length - lost.length}/${matrixCommands.length} Matrix commands answered (${lost.length} lost), ${leaders.size} leaders`,
      );
    } finally {
      await db.end();
    }
  }, 900_000);
});
