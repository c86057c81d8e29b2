import { expect, it } from 'vitest';
import { slashCommandBody } from '../adapters/slack/slack-harness.js';
import { cli } from '../fakes/run-cli.js';
import { describeOnPostgres, healthz, until } from './replicas.js';

describeOnPostgres('socket-mode-replicas.test.ts', 'replicas in Slack Socket Mode', (postgres) => {
  it('each replica holds its own connection; envelopes spread across them, and one re-delivered on the other connection is answered once', async () => {
    const c = await postgres.cluster(2, {
      SLACK_APP_TOKEN: 'xapp-replicas-test',
      SLACK_SIGNING_SECRET: '',
      MATRIX_HOMESERVER_URL: '',
      MATRIX_USER_ID: '',
      MATRIX_ACCESS_TOKEN: '',
      PLEDGEWATCH_LOG_LEVEL: 'info',
    });
    const { fake } = c;
    expect((await cli(['outstanding', 'Mexico', '--json'], c.env)).code).toBe(0); // the schema and library first
    await c.start(0);
    await c.start(1);
    await until(() => fake.socketCount === 2 || undefined, 'two Socket Mode connections');
    for (const r of c.replicas) await until(async () => (await healthz(r.healthPort))?.body?.adapters?.slack?.connected || undefined, 'Slack connected');

    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const body = slashCommandBody(fake, { text: 'outstanding Mexico' });
      ids.push(body.response_url!.split('/').pop()!);
      const envelopeId = `env-replicas-${i}`;
      await fake.sendEnvelope('slash_commands', body, { envelopeId, connection: i });
      // Every other one arrives again, on the other replica's connection.
      if (i % 2 === 0) await fake.sendEnvelope('slash_commands', body, { envelopeId, connection: i + 1 });
    }
    await until(() => ids.every((id) => fake.responses.some((r) => r.id === id)) || undefined, 'every command answered');
    // Each re-delivery was taken by the replica it reached and recognised there as handled.
    const ignored = () => c.replicas.reduce((n, r) => n + r.logs().split('\n').filter((l) => l.includes('"msg":"repeated delivery ignored"')).length, 0);
    await until(() => ignored() === 10 || undefined, 'the ten re-deliveries recognised');
    const answers = ids.map((id) => fake.responses.filter((r) => r.id === id).length);
    expect(answers).toEqual(ids.map(() => 1));
  }, 300_000);
});
