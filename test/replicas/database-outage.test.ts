import { expect, it } from 'vitest';
import { postSigned, slashCommandBody } from '../adapters/slack/slack-harness.js';
import { cli } from '../fakes/run-cli.js';
import { ALICE, BOT, COORDINATOR, describeOnPostgres, healthz, MIA, until } from './replicas.js';

/** How long the database is down (the issue: 30 s). */
const OUTAGE_MS = Number(process.env.PW_OUTAGE_SECONDS ?? 30) * 1000;
const LETTER = 'ishr-2020-mexico-questions';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeOnPostgres('database-outage.test.ts', 'three replicas while their PostgreSQL is down', (postgres) => {
  it(`the database stopped for ${OUTAGE_MS / 1000} s under load: replicas say they are unhealthy, lose nothing confirmed, and resume by themselves`, async () => {
    const c = await postgres.cluster(3);
    const { fake, hs, env } = c;
    const talk = hs.createRoom({ creator: ALICE, members: [BOT, MIA], ts: Date.now() - 3_600_000 });
    const setUp = await cli(['outstanding', 'Mexico', '--json'], env); // the schema and the library, before the replicas start
    expect(setUp.code, setUp.err).toBe(0);
    const report = async (slot: number) => (c.replicas[slot]!.alive() ? await healthz(c.replicas[slot]!.healthPort) : undefined);
    const all = async (probe: (h: Awaited<ReturnType<typeof healthz>>) => boolean) => (await Promise.all([0, 1, 2].map(report))).every(probe) || undefined;
    await c.start(0);
    await until(async () => (await report(0))?.status === 200 || undefined, 'the first replica');
    await c.start(1);
    await c.start(2);
    await until(() => all((h) => h?.status === 200), 'every replica up');

    // Load: every 250 ms a ledger change and a question through the replicas in turn, and a Matrix command.
    let turn = 0;
    let label = 0;
    const ids: string[] = [];
    const matrixCommands: string[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        const r = c.replicas[turn++ % 3]!;
        const change = slashCommandBody(fake, { text: `answered Mexico ${1 + (label++ % 30)}`, user: COORDINATOR });
        const question = slashCommandBody(fake, { text: 'outstanding Mexico' });
        ids.push(change.response_url!.split('/').pop()!, question.response_url!.split('/').pop()!);
        for (const body of [change, question]) await postSigned(r.slackUrl, body, { form: true }).catch(() => undefined);
        matrixCommands.push(hs.say(talk, MIA, '!pw help'));
        await sleep(250);
      }
    })();
    const confirmedSoFar = () => {
      const confirmed = new Set<string>();
      for (const d of [...fake.responses.map((r) => r.body), ...fake.deliveries]) {
        const m = /question (\d+) recorded as answered/.exec(JSON.stringify(d));
        if (m) confirmed.add(m[1]!);
      }
      return confirmed;
    };
    await until(() => confirmedSoFar().size >= 3 || undefined, 'changes confirmed before the outage');

    // The database goes away: every replica says so on /healthz, and none of them exits.
    await postgres.server().pause();
    const down = Date.now();
    const unhealthy = await until(() => all((h) => h?.status === 503 && h.body.database.ok === false), 'every replica unhealthy');
    expect(unhealthy).toBe(true);
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - down)));
    for (const r of c.replicas) expect(r.alive(), r.logs().slice(-2000)).toBe(true);

    // Back: every replica healthy again by itself, one of them leading Matrix.
    await postgres.server().resume();
    const back = Date.now();
    await until(() => all((h) => h?.status === 200), 'every replica healthy again', 180_000);
    await until(async () => {
      const leads = (await Promise.all([0, 1, 2].map(report))).filter((h) => h?.body.replica?.leader?.matrix).length;
      return leads === 1 || undefined;
    }, 'one Matrix leader again');
    const resumedInMs = Date.now() - back;
    const confirmedBefore = confirmedSoFar().size;
    await until(() => confirmedSoFar().size > confirmedBefore || undefined, 'ledger changes confirmed again after the outage');
    const after = hs.say(talk, MIA, '!pw help');
    const replies = (e: string) => hs.sent.filter((s) => (s.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id === e);
    await until(() => replies(after).length > 0 || undefined, 'a Matrix command answered after the outage');
    loading = false;
    await load;

    // Nothing confirmed was lost; nothing was answered twice.
    const confirmed = confirmedSoFar();
    const owed = JSON.parse((await cli(['outstanding', 'Mexico', '--json'], env)).out) as { outstanding: { letter: string; number: string }[] };
    const stillOwed = new Set(owed.outstanding.filter((q) => q.letter === LETTER).map((q) => q.number));
    expect([...confirmed].filter((n) => stillOwed.has(n))).toEqual([]);
    const answers = new Map<string, number>();
    for (const r of fake.responses) answers.set(r.id, (answers.get(r.id) ?? 0) + 1);
    expect(ids.filter((id) => (answers.get(id) ?? 0) > 1)).toEqual([]);
    expect(matrixCommands.filter((e) => replies(e).length > 1)).toEqual([]);
    console.log(`database-outage: down ${Math.round((back - down) / 1000)} s; every replica healthy and one leading ${Math.round(resumedInMs / 1000)} s after the server came back; ${confirmed.size} changes confirmed`);
  }, 600_000);
});
